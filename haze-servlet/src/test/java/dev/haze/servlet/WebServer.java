package dev.haze.servlet;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A real servlet container serving the test webapp folder on 127.0.0.1 and a free port. */
interface WebServer extends AutoCloseable {
    /** The context path the test webapp is deployed at. */
    String CONTEXT = "/site";

    /** @return the origin, e.g. {@code http://127.0.0.1:41234} */
    URI origin();

    @Override
    void close() throws Exception;

    /** @return the test webapp folder, as copied to the test class path */
    static Path webappFolder() {
        try {
            return Path.of(WebServer.class.getResource("/webapp/WEB-INF/web.xml").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
