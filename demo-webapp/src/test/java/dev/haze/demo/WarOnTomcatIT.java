package dev.haze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built WAR ({@code -Dhaze.demo.war}), unchanged, on embedded Tomcat 11 under a context path, in
 * production mode: settings come as context-params (what a Tomcat {@code context.xml} would give), links
 * go out by real SMTP to GreenMail.
 */
class WarOnTomcatIT {
    private static final String CONTEXT = "/haze-demo";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path work;
    private Tomcat tomcat;
    private URI site;

    @BeforeEach
    void deployWar() throws Exception {
        Path war = Path.of(System.getProperty("haze.demo.war"));
        assertThat(war).isRegularFile();
        tomcat = new Tomcat();
        tomcat.setBaseDir(work.resolve("tomcat").toString());
        Files.createDirectories(work.resolve("tomcat/webapps"));
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.init(); // binds the port, so the base URL can name it
        site = URI.create("http://localhost:" + connector.getLocalPort() + CONTEXT);

        // A standalone Tomcat's conf/web.xml gives every webapp a default servlet for static files (and JSP,
        // which embedded Tomcat lacks): the same here, without JSP.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp(CONTEXT, war.toString());
        Wrapper files = context.createWrapper();
        files.setName("default");
        files.setServletClass(DefaultServlet.class.getName());
        files.setLoadOnStartup(1);
        context.addChild(files);
        context.addServletMappingDecoded("/", "default");
        Tomcat.addDefaultMimeTypeMappings(context);
        Map.of(DemoSettings.DATA, work.resolve("data").toString(),
                "HAZE_BASE_URL", site.toString(),
                "HAZE_SECRET_KEY", "tomcat-test-secret-0123456789abcdefghijklmn",
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(MAIL.getSmtp().getPort()),
                "SMTP_SECURITY", "none",
                "SMTP_FROM", "login@demo.example").forEach(context::addParameter);
        tomcat.start();
        assertThat(context.getState()).isEqualTo(LifecycleState.STARTED);
    }

    @AfterEach
    void stopTomcat() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void signsInWithTheEmailedLinkOnTomcat() throws Exception {
        HttpVisitor visitor = new HttpVisitor(site);
        HttpResponse<String> login = visitor.get("/");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("action=\"" + CONTEXT + "/auth/magic-link\"")
                .contains("href=\"" + CONTEXT + "/style.css\"");
        HttpResponse<String> css = visitor.get("/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));

        SignInSteps.requestLink(visitor, "hopper@example.org");
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        String link = SignInSteps.linkIn(MAIL.getReceivedMessages()[0]);
        assertThat(link).startsWith(site + "/auth/verify?token_id=");
        SignInSteps.signInWith(visitor, link, "hopper@example.org");

        HttpResponse<String> logout = visitor.post("/auth/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(visitor.get("/dashboard").statusCode()).isEqualTo(303);
    }

    @Test
    void theWarKeepsTheOutboxOffOutsideDevelopmentMode() {
        HttpVisitor visitor = new HttpVisitor(site);

        assertThat(visitor.get("/dev/outbox").statusCode()).isEqualTo(404);
        assertThat(visitor.get("/dev/outbox.json").statusCode()).isEqualTo(404);
    }
}
