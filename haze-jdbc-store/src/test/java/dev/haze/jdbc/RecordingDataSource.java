package dev.haze.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A real {@link DataSource} whose connections write down what the store asks of them: every statement
 * prepared or created ({@code "prepareStatement: SELECT …"}) and every transaction step
 * ({@code "setAutoCommit: false"}, {@code "commit"}, {@code "rollback"}). Everything is passed on to the
 * real driver unchanged. Thread-safe.
 */
final class RecordingDataSource {
    private static final Set<String> RECORDED = Set.of("prepareStatement", "prepareCall", "createStatement",
            "setAutoCommit", "commit", "rollback", "setSavepoint");

    /** What the connections were asked, in order. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** The recording data source. */
    final DataSource dataSource;

    /** @param real the data source to pass everything on to */
    RecordingDataSource(DataSource real) {
        dataSource = proxy(DataSource.class, real, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Connection connection ? recording(connection) : result;
        });
    }

    private Connection recording(Connection real) {
        return proxy(Connection.class, real, (target, method, args) -> {
            if (RECORDED.contains(method.getName())) {
                calls.add(args == null || args.length == 0 ? method.getName() : method.getName() + ": " + args[0]);
            }
            return method.invoke(target, args);
        });
    }

    private interface Call {
        Object on(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    /** A proxy of {@code type} that runs {@code call} on {@code target}, rethrowing what the target threw. */
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && args == null) {
                return System.identityHashCode(proxy);
            }
            try {
                return call.on(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
