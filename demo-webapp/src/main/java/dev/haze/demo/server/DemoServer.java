package dev.haze.demo.server;

import dev.haze.ConfigurationException;
import dev.haze.HazeOptions;
import dev.haze.demo.DemoSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo web application ({@code src/main/webapp}, the same web.xml the WAR carries) on embedded
 * Jetty 12, in development mode unless {@code HAZE_DEMO_DEVELOPMENT=false}. In development mode the base URL
 * defaults to the server's own address (localhost for a loopback or wildcard listen address); outside it,
 * {@code HAZE_BASE_URL} must be set like every production setting.
 *
 * <p>Settings, each a system property or else an environment variable: port {@code -Dport} / {@code PORT}
 * (default 8080; 0 picks a free one), listen address {@code -Dhost} / {@code HOST} (default 127.0.0.1, so the
 * development outbox is not reachable from the network), data folder {@code -Dhaze.demo.data} /
 * {@code HAZE_DEMO_DATA} (default {@code ./demo-data}), web application folder {@code -Dhaze.demo.webapp}
 * (default {@code src/main/webapp} or {@code demo-webapp/src/main/webapp} under the working directory).
 * Everything else ({@code HAZE_BASE_URL}, {@code HAZE_SECRET_KEY}, {@code SMTP_HOST}, …) is read by the
 * application itself, see {@link DemoSettings}.
 *
 * <p>Not thread-safe to start and stop concurrently; the running server is.
 */
public final class DemoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
    /** Loopback and wildcard listen addresses: a browser on this machine opens them as localhost. */
    private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1",
            "0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private final Server server;
    private final URI uri;

    private DemoServer(Server server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /**
     * Starts the server and returns once it accepts requests.
     *
     * @param host the address to listen on
     * @param port the port, or 0 for a free one
     * @param webapp the web application folder (holding WEB-INF/web.xml)
     * @param variables the application's variables (see {@link DemoSettings}), given to it as context-params.
     *     In development mode only, {@code HAZE_BASE_URL} defaults to this server's own address ({@link #uri()})
     *     when neither these nor the environment set it; outside development mode it is required.
     * @return the running server
     * @throws Exception if Jetty cannot start, or the application fails to (for example a bad setting)
     */
    public static DemoServer start(String host, int port, Path webapp, Map<String, String> variables)
            throws Exception {
        if (!Files.isRegularFile(webapp.resolve("WEB-INF/web.xml"))) {
            throw new ConfigurationException("no WEB-INF/web.xml under " + webapp.toAbsolutePath()
                    + "; run from the repository root or set -Dhaze.demo.webapp");
        }
        Map<String, String> all = new LinkedHashMap<>(variables);
        Function<String, String> lookup = DemoSettings.withEnvironment(all::get);
        String baseUrl = DemoSettings.variableFor("base-url");
        String given = lookup.apply(baseUrl);
        boolean ownBaseUrl = DemoSettings.development(lookup) && (given == null || given.isBlank());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        connector.open(); // bind now, so the base URL can carry the real port
        URI uri = reachableUri(host, connector.getLocalPort());

        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResourceAsPath(webapp.toAbsolutePath());
        context.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
        context.setThrowUnavailableOnStartupException(true);
        if (ownBaseUrl) {
            all.put(baseUrl, uri.toString());
        }
        all.forEach(context::setInitParameter);
        server.setHandler(context);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new DemoServer(server, uri);
    }

    /**
     * Where a browser on this machine reaches a server listening on {@code host}: {@code localhost} for a
     * loopback or wildcard address ({@code 0.0.0.0} is where a server listens, not an address to open).
     *
     * @param host the listen address
     * @param port the bound port
     * @return the URL, e.g. {@code http://localhost:8080}
     */
    static URI reachableUri(String host, int port) {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (LOCAL.contains(name)) {
            name = "localhost";
        } else if (name.contains(":")) {
            name = "[" + name + "]";
        }
        return URI.create("http://" + name + ":" + port);
    }

    /** @return where the server answers, e.g. {@code http://localhost:8080} */
    public URI uri() {
        return uri;
    }

    /** Stops the server. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Starts the demo and waits until the process is stopped.
     *
     * @param args none
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        Function<String, String> env = System::getenv;
        int port = HazeOptions.integer("PORT", setting("port", "PORT", "8080", env), 0, 65535);
        String host = setting("host", "HOST", "127.0.0.1", env);
        Path data = Path.of(setting("haze.demo.data", DemoSettings.DATA, "demo-data", env)).toAbsolutePath();
        Path webapp = Path.of(setting("haze.demo.webapp", "HAZE_DEMO_WEBAPP", defaultWebapp(), env));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(DemoSettings.DATA, data.toString());
        variables.put(DemoSettings.DEVELOPMENT, setting("haze.demo.development", DemoSettings.DEVELOPMENT, "true", env));
        DemoServer demo = start(host, port, webapp, variables);
        LOG.info("Haze demo is running: open {}/ in your browser (Ctrl+C stops it).", demo.uri());
        demo.server.join();
    }

    private static String setting(String property, String variable, String otherwise, Function<String, String> env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = env.apply(variable);
        }
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    private static String defaultWebapp() {
        Path inModule = Path.of("src/main/webapp");
        return Files.isDirectory(inModule) ? inModule.toString() : "demo-webapp/src/main/webapp";
    }
}
