package dev.haze.servlet;

/** The filter's HTTP contract on embedded Jetty 12 (ee10), deploying the test webapp folder. */
class JettyMagicLinkFilterFlowTest extends MagicLinkFilterFlowContract {
    @Override
    WebServer deploy() throws Exception {
        return JettyWebServer.deployTestWebapp();
    }
}
