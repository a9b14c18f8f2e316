package dev.haze.servlet;

import java.net.URI;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** Embedded Tomcat 11. */
final class TomcatWebServer implements WebServer {
    private final Tomcat tomcat;
    private final URI origin;

    private TomcatWebServer() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("haze-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        // Only what the test webapp's web.xml declares: no default or JSP servlet from a global web.xml.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp(CONTEXT, WebServer.webappFolder().toString());
        // The webapp has no jars of its own; scanning the whole test class path would only cost time.
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            throw new IllegalStateException("the test webapp did not start on Tomcat: " + context.getState());
        }
        origin = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** @return Tomcat serving the test webapp folder at {@link #CONTEXT}
     *  @throws Exception if it does not start */
    static TomcatWebServer deployTestWebapp() throws Exception {
        return new TomcatWebServer();
    }

    @Override
    public URI origin() {
        return origin;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
