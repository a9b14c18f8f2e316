package dev.haze.servlet;

import java.net.URI;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10). */
final class JettyWebServer implements WebServer {
    private final Server server;
    private final URI origin;

    private JettyWebServer(Handler handler) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        origin = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** @return Jetty serving the test webapp folder (its WEB-INF/web.xml) at {@link #CONTEXT}
     *  @throws Exception if it does not start */
    static JettyWebServer deployTestWebapp() throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(CONTEXT);
        webapp.setWar(WebServer.webappFolder().toString());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        return new JettyWebServer(webapp);
    }

    /** @param handler a context built in code (programmatic registration)
     *  @return Jetty serving it
     *  @throws Exception if it does not start */
    static JettyWebServer serve(Handler handler) throws Exception {
        return new JettyWebServer(handler);
    }

    @Override
    public URI origin() {
        return origin;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
