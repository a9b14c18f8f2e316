package dev.haze.servlet;

/**
 * The filter's HTTP contract on embedded Tomcat 11, deploying the same test webapp folder. Runs in its own
 * surefire execution (see the module pom): Tomcat bundles its own servlet API classes.
 */
class TomcatMagicLinkFilterFlowTest extends MagicLinkFilterFlowContract {
    @Override
    WebServer deploy() throws Exception {
        return TomcatWebServer.deployTestWebapp();
    }
}
