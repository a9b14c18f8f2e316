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
 * context-params and the environment, gives the {@code haze} filter declared in web.xml its init-params, and
 * in development mode registers the {@code /dev/outbox} pages. The demo's web.xml writes no init-params, so
 * every option can come from a variable. Should someone write one there anyway, it wins (the Servlet API never
 * overwrites a declared init-param), and a variable for the same option is reported at WARN as ignored.
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
        DemoSettings settings = DemoSettings.read(DemoSettings.withEnvironment(context::getInitParameter),
                DemoSettings.optionNames());
        FilterRegistration filter = context.getFilterRegistration(FILTER_NAME);
        if (filter == null) {
            throw new IllegalStateException("web.xml declares no filter named '" + FILTER_NAME + "'");
        }
        for (Map.Entry<String, String> param : settings.filterParams().entrySet()) {
            boolean set = filter.setInitParameter(param.getKey(), param.getValue());
            if (!set && settings.fromVariable(param.getKey())) {
                LOG.warn("init-param {} is written in web.xml, which wins: {} is ignored", param.getKey(),
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
        LOG.info("Haze demo: {} mode, data folder {}, filter init-params given: {}",
                settings.development() ? "development" : "production", settings.dataFolder(),
                settings.filterParamNames());
    }
}
