package dev.haze.jdbc;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A minimal JNDI provider for tests, as a servlet container would provide: select it with the system
 * property {@code java.naming.factory.initial}; its context answers {@code lookup(String)} from
 * {@link #BINDINGS}.
 */
public final class TestNamingContext implements InitialContextFactory {
    /** What lookups find. */
    static final Map<String, Object> BINDINGS = new ConcurrentHashMap<>();

    /** Used by {@link javax.naming.InitialContext}. */
    public TestNamingContext() {
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object found = BINDINGS.get(String.valueOf(args[0]));
                        if (found == null) {
                            throw new NameNotFoundException(String.valueOf(args[0]));
                        }
                        yield found;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
