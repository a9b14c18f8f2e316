package dev.haze.servlet;

import dev.haze.servlet.testapp.WhoAmIServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** Cross-device sign-in on embedded Jetty 12 (ee10). */
class JettyCrossDeviceFlowTest extends CrossDeviceFlowContract {
    @Override
    WebServer serve(Filter filter) throws Exception {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(WhoAmIServlet.class, "/");
        return JettyWebServer.serve(context);
    }
}
