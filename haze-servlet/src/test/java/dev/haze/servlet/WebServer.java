package dev.haze.servlet;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A real servlet container serving a test webapp folder on a loopback address and a free port. */
interface WebServer extends AutoCloseable {
    /** The context path the test webapps are deployed at. */
    String CONTEXT = "/site";
    /** The webapp folder whose web.xml configures the filter with init-params. */
    String TEST_WEBAPP = "webapp";
    /** The webapp folder whose listener registers the filter in code ({@code ServletContext.addFilter}). */
    String CODE_WEBAPP = "webapp-code";
    /** The IPv4 loopback address the servers listen on unless a test asks for {@code ::1}. */
    String LOOPBACK = "127.0.0.1";

    /** @return the origin, e.g. {@code http://127.0.0.1:41234} or {@code http://[::1]:41234} */
    URI origin();

    @Override
    void close() throws Exception;

    /** @return the test webapp folder, as copied to the test class path */
    static Path webappFolder() {
        return webappFolder(TEST_WEBAPP);
    }

    /** @param name a folder under the test resources holding {@code WEB-INF/web.xml}
     *  @return it, as copied to the test class path */
    static Path webappFolder(String name) {
        try {
            return Path.of(WebServer.class.getResource("/" + name + "/WEB-INF/web.xml").toURI()).getParent()
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code http://host:port}, with an IPv6 host in brackets */
    static URI origin(String host, int port) {
        return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }
}
