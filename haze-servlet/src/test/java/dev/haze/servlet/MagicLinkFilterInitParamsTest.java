package dev.haze.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong init-param stops the filter's start-up on a real container, with the parameter named. */
class MagicLinkFilterInitParamsTest {

    private static Map<String, String> valid() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("base-url", "https://haze.test");
        params.put("secret-key", "test-only-secret-0123456789-abcdefghijklmnop");
        return params;
    }

    @Test
    void validParamsStart() throws Exception {
        try (WebServer server = startWith(valid())) {
            assertThat(new Browser(server.origin()).get("/auth/magic-link").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void initParamNamesListsTheNamesTheFilterAccepts() throws Exception {
        assertThat(MagicLinkFilter.initParamNames()).contains("base-url", "secret-key", "protected-paths",
                "store", "link-sender", "user-resolver", "smtp-host", "smtp-template", "delivery-time-estimate");
        Map<String, String> params = valid();
        params.put("link-expiry", "5m");
        params.put("protected-paths", "/account/*");
        params.put("user-resolver", UserResolverThatKnowsEveryone.class.getName());
        assertThat(MagicLinkFilter.initParamNames()).containsAll(params.keySet());
        try (WebServer server = startWith(params)) {
            assertThat(new Browser(server.origin()).get("/auth/magic-link").statusCode()).isEqualTo(200);
        }
        assertThat(MagicLinkFilter.initParamNames()).doesNotContain("protected-path", "secret");
    }

    /** A resolver with the public no-argument constructor the {@code user-resolver} init-param needs. */
    public static final class UserResolverThatKnowsEveryone implements UserResolver {
        @Override
        public java.util.Optional<String> userIdFor(String email) {
            return java.util.Optional.of(email);
        }
    }

    @Test
    void secretsCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("haze-secret"), "file-secret-0123456789-abcdefghijklmnopq\n");
        Map<String, String> params = valid();
        params.put("secret-key", "${file:" + secret + "}");
        try (WebServer server = startWith(params)) {
            assertThat(new Browser(server.origin()).get("/auth/magic-link").statusCode()).isEqualTo(200);
        }
        params.put("secret-key", "${file:" + dir.resolve("missing") + "}");
        assertThat(startUpFailure(params)).contains("secret-key: cannot read file");
    }

    @Test
    void secretsCanComeFromTheEnvironment() throws Exception {
        assertThat(System.getenv("HAZE_SECRET_KEY")).as("set by surefire for this module").isNotBlank();
        Map<String, String> params = valid();
        params.put("secret-key", "${env:HAZE_SECRET_KEY}");
        try (WebServer server = startWith(params)) {
            assertThat(new Browser(server.origin()).get("/auth/magic-link").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anEndpointPathTakenTwiceFailsStartUpNamingBoth() {
        Map<String, String> params = valid();
        params.put("magic-link-path", "/auth/logout");
        assertThat(startUpFailure(params)).contains("magic-link-path and logout-path are both '/auth/logout'");
        params.put("magic-link-path", "/auth/magic-link");
        assertThat(startUpFailure(params)).contains("magic-link-path and request-path are both");
    }

    @Test
    void aMisspeltNameFailsStartUpNamingIt() {
        Map<String, String> params = valid();
        params.put("sucess-redirect", "/home");
        assertThat(startUpFailure(params)).contains("unknown init-param [sucess-redirect]")
                .contains("did you mean 'success-redirect'?");
    }

    @Test
    void aSixteenByteSecretFailsStartUpNamingIt() {
        Map<String, String> params = valid();
        params.put("secret-key", "0123456789abcdef");
        assertThat(startUpFailure(params)).contains("secret-key").contains("16 bytes");
    }

    @Test
    void storeJdbcWithoutTheModuleFailsStartUpNamingIt() {
        Map<String, String> params = valid();
        params.put("store", "jdbc");
        assertThat(startUpFailure(params))
                .contains("store=jdbc needs the dev.haze:haze-jdbc-store artifact on the class path");
    }

    @Test
    void badValuesFailStartUpNamingTheParam() {
        Map<String, Map.Entry<String, String>> cases = new LinkedHashMap<>();
        cases.put("link-expiry", Map.entry("link-expiry", "soon"));
        cases.put("confirm", Map.entry("confirm", "maybe"));
        cases.put("cross-device", Map.entry("cross-device", "yes"));
        cases.put("rate-limit-window", Map.entry("rate-limit-window", "0"));
        cases.put("rate-limit-per-address-and-ip", Map.entry("rate-limit-per-address-and-ip", "50"));
        cases.put("protected-paths", Map.entry("protected-paths", "/a/*/b"));
        cases.put("success-redirect", Map.entry("success-redirect", "https://evil.example"));
        cases.put("link-sender", Map.entry("link-sender", "com.example.NoSuchSender"));
        cases.put("user-resolver", Map.entry("user-resolver", "java.lang.String"));
        cases.put("trusted-proxies", Map.entry("trusted-proxies", "proxy.example"));
        cases.put("store", Map.entry("store", "redis"));
        cases.put("HAZE_NOT_SET", Map.entry("secret-key", "${env:HAZE_NOT_SET}"));
        cases.forEach((expected, param) -> {
            Map<String, String> params = valid();
            params.put(param.getKey(), param.getValue());
            assertThat(startUpFailure(params)).as(param.toString()).contains(expected);
        });
    }

    @Test
    void smtpSenderWithoutItsHostStopsStartUp() {
        Map<String, String> params = valid();
        params.put("link-sender", "smtp");
        params.put("smtp-from", "login@example.org");
        assertThat(startUpFailure(params)).contains("smtp-host is required");
    }

    private static WebServer startWith(Map<String, String> params) throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(MagicLinkFilter.class);
        holder.setName("haze");
        holder.setInitParameters(params);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        return JettyWebServer.serve(context);
    }

    /** @return the message of the ServletException that stopped start-up */
    private static String startUpFailure(Map<String, String> params) {
        Throwable thrown = catchThrowable(() -> startWith(params).close());
        assertThat(thrown).as("start-up must fail").isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ServletException e && e.getMessage().startsWith("MagicLinkFilter 'haze' cannot start")) {
                return e.getMessage();
            }
        }
        throw new AssertionError("no ServletException from the filter in", thrown);
    }
}
