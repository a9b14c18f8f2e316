package dev.haze.servlet;

/** The filter registered from a listener through {@code ServletContext.addFilter}, on Jetty 12 (ee10). */
class JettyCodeRegisteredFilterTest extends CodeRegisteredFilterContract {
    @Override
    WebServer deploy(String folder, String host) throws Exception {
        return JettyWebServer.deploy(folder, host);
    }
}
