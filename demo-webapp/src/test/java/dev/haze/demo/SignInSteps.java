package dev.haze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The steps of a sign-in over HTTP, shared by the embedded-Jetty and the Tomcat WAR tests. */
final class SignInSteps {
    private static final Pattern LINK = Pattern.compile("https?://\\S+/auth/verify\\?\\S+");
    private static final Pattern SIGN_IN_HERE = Pattern.compile(
            "<form method=\"post\" action=\"[^\"]*\">((?:(?!</form>).)*name=\"decision\" value=\"here\".*?)</form>");

    private SignInSteps() {
    }

    /** Submits the login page's form; asserts and returns the "check your email" answer (the cross-device waiting page). */
    static HttpResponse<String> requestLink(HttpVisitor visitor, String email) {
        HttpResponse<String> sent = visitor.post("/auth/magic-link", Map.of("email", email));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("data-haze-page=\"waiting\"");
        return sent;
    }

    /** Opens the link (confirm page), presses the button, and checks the dashboard shows the user. */
    static void signInWith(HttpVisitor visitor, String link, String email) {
        HttpResponse<String> confirm = visitor.get(link);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("data-haze-page=\"confirm\"");

        assertSignedIn(visitor, visitor.post("/auth/verify", HttpVisitor.hiddenFields(confirm.body())), email);
    }

    /**
     * Opens the link in a browser whose session does not hold the request (another device, or the same
     * browser after a server restart lost its session): the approval page; presses "sign in on this device
     * instead" and checks the dashboard shows the user.
     */
    static void signInHereWith(HttpVisitor visitor, String link, String email) {
        HttpResponse<String> approval = visitor.get(link);
        assertThat(approval.statusCode()).isEqualTo(200);
        assertThat(approval.body()).contains("data-haze-page=\"approve\"");
        Matcher here = SIGN_IN_HERE.matcher(approval.body());
        assertThat(here.find()).as("a 'sign in on this device instead' form").isTrue();
        assertSignedIn(visitor, visitor.post("/auth/verify", HttpVisitor.hiddenFields(here.group(1))), email);
    }

    private static void assertSignedIn(HttpVisitor visitor, HttpResponse<String> verified, String email) {
        assertThat(verified.statusCode()).isEqualTo(303);
        assertThat(verified.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dashboard"));

        HttpResponse<String> dashboard = visitor.get("/dashboard");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<strong id=\"user\">" + email + "</strong>");
    }

    /** @return the sign-in link in the plain-text part of an email */
    static String linkIn(MimeMessage mail) throws Exception {
        Matcher m = LINK.matcher(textOf(mail));
        assertThat(m.find()).as("a sign-in link in the email").isTrue();
        return m.group();
    }

    /** @return the plain-text part of an email */
    static String textOf(MimeMessage mail) throws Exception {
        Multipart alternative = (Multipart) mail.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            Part part = alternative.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text/plain part");
    }

    /** @return the decoded query parameters of a link, such as {@code token_id} */
    static Map<String, String> queryOf(String link) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
