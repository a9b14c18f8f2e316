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

    private JettyWebServer(Handler handler, String host) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        origin = WebServer.origin(host, connector.getLocalPort());
    }

    /** @return Jetty serving the test webapp folder (its WEB-INF/web.xml) at {@link #CONTEXT}
     *  @throws Exception if it does not start */
    static JettyWebServer deployTestWebapp() throws Exception {
        return deploy(WebServer.TEST_WEBAPP, LOOPBACK);
    }

    /** @param folder a webapp folder on the test class path
     *  @param host the address to listen on ({@code 127.0.0.1} or {@code ::1})
     *  @return Jetty serving it (its WEB-INF/web.xml) at {@link #CONTEXT}
     *  @throws Exception if it does not start */
    static JettyWebServer deploy(String folder, String host) throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(CONTEXT);
        webapp.setWar(WebServer.webappFolder(folder).toString());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        return new JettyWebServer(webapp, host);
    }

    /** @param handler a context built in code (programmatic registration)
     *  @return Jetty serving it on 127.0.0.1
     *  @throws Exception if it does not start */
    static JettyWebServer serve(Handler handler) throws Exception {
        return new JettyWebServer(handler, LOOPBACK);
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
