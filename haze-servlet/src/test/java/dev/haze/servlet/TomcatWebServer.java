package dev.haze.servlet;

import dev.haze.servlet.testapp.WhoAmIServlet;
import jakarta.servlet.Filter;
import java.net.URI;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** Embedded Tomcat 11. */
final class TomcatWebServer implements WebServer {
    private final Tomcat tomcat;
    private final URI origin;

    /** Serves {@code filter} on the root context when given, else deploys {@code folder} at {@link #CONTEXT}. */
    private TomcatWebServer(Filter filter, String folder, String host) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("haze-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", host);
        tomcat.setConnector(connector);
        // Only what the test webapp's web.xml declares: no default or JSP servlet from a global web.xml.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = filter == null ? tomcat.addWebapp(CONTEXT, WebServer.webappFolder(folder).toString())
                : programmatic(filter);
        // The webapp has no jars of its own; scanning the whole test class path would only cost time.
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            throw new IllegalStateException("the web application did not start on Tomcat: " + context.getState());
        }
        origin = WebServer.origin(host, connector.getLocalPort());
    }

    /** The root context built in code: the filter on {@code /*}, the whoami servlet on {@code /}. */
    private Context programmatic(Filter filter) throws Exception {
        Context context = tomcat.addContext("", Files.createTempDirectory("haze-tomcat-root").toString());
        FilterDef def = new FilterDef();
        def.setFilterName("haze");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("haze");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "whoami", new WhoAmIServlet());
        context.addServletMappingDecoded("/", "whoami");
        return context;
    }

    /** @return Tomcat serving the test webapp folder at {@link #CONTEXT}
     *  @throws Exception if it does not start */
    static TomcatWebServer deployTestWebapp() throws Exception {
        return deploy(TEST_WEBAPP, LOOPBACK);
    }

    /** @param folder a webapp folder on the test class path
     *  @param host the address to listen on ({@code 127.0.0.1} or {@code ::1})
     *  @return Tomcat serving it (its WEB-INF/web.xml) at {@link #CONTEXT}
     *  @throws Exception if it does not start */
    static TomcatWebServer deploy(String folder, String host) throws Exception {
        return new TomcatWebServer(null, folder, host);
    }

    /** @param filter a filter built in code (programmatic registration)
     *  @return Tomcat serving it on the root context, with the whoami servlet
     *  @throws Exception if it does not start */
    static TomcatWebServer serve(Filter filter) throws Exception {
        return new TomcatWebServer(filter, null, LOOPBACK);
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
