package dev.haze.demo;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before the filter starts (listeners initialise before filters): reads {@link DemoSettings} from the
 * context-params and the environment, adds the deployment-specific init-params to the {@code haze} filter
 * declared in web.xml, and in development mode registers the {@code /dev/outbox} pages. Init-params written
 * in web.xml win over these: the Servlet API never overwrites a declared one.
 */
public final class DemoSetup implements ServletContextListener {
    /** The filter's name in web.xml. */
    public static final String FILTER_NAME = "haze";
    /** Servlet-context attribute present (Boolean.TRUE) when the development outbox is on. */
    public static final String OUTBOX_ATTRIBUTE = DemoSetup.class.getName() + ".outbox";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        DemoSettings settings = DemoSettings.read(name -> variable(context, name), DemoSettings.filterOptions());
        FilterRegistration filter = context.getFilterRegistration(FILTER_NAME);
        if (filter == null) {
            throw new IllegalStateException("web.xml declares no filter named '" + FILTER_NAME + "'");
        }
        for (Map.Entry<String, String> param : settings.filterParams().entrySet()) {
            if (!filter.setInitParameter(param.getKey(), param.getValue())) {
                LOG.info("init-param {} is set in web.xml; {} is ignored", param.getKey(),
                        DemoSettings.variableFor(param.getKey()));
            }
        }
        if (settings.outbox()) {
            ServletRegistration.Dynamic outbox = context.addServlet("dev-outbox", DevOutboxServlet.class);
            outbox.addMapping("/dev/outbox", "/dev/outbox" + DevOutboxServlet.JSON_SUFFIX);
            context.setAttribute(OUTBOX_ATTRIBUTE, Boolean.TRUE);
            LOG.warn("DEVELOPMENT MODE: sign-in links are not emailed but kept in the outbox at {}/dev/outbox;"
                    + " anyone who can open it can sign in as anyone.", filter.getInitParameter("base-url"));
        }
        LOG.info("Haze demo: {} mode, data folder {}, filter settings from the environment: {}",
                settings.development() ? "development" : "production", settings.dataFolder(),
                settings.filterParamNames());
    }

    private static String variable(ServletContext context, String name) {
        String param = context.getInitParameter(name);
        return param != null ? param : System.getenv(name);
    }
}
