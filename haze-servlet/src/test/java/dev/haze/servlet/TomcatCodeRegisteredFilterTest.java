package dev.haze.servlet;

/** The filter registered from a listener through {@code ServletContext.addFilter}, on Tomcat 11. */
class TomcatCodeRegisteredFilterTest extends CodeRegisteredFilterContract {
    @Override
    WebServer deploy(String folder, String host) throws Exception {
        return TomcatWebServer.deploy(folder, host);
    }
}
