package dev.haze.servlet;

import jakarta.servlet.Filter;

/** Cross-device sign-in on embedded Tomcat 11 (in the module's separate Tomcat surefire execution). */
class TomcatCrossDeviceFlowTest extends CrossDeviceFlowContract {
    @Override
    WebServer serve(Filter filter) throws Exception {
        return TomcatWebServer.serve(filter);
    }
}
