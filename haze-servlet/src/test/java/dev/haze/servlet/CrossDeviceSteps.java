package dev.haze.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.delivery.LinkMessage;
import dev.haze.servlet.testapp.OutboxLinkSender;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person does in the cross-device flow, over HTTP, for a filter mapped at {@code context} with the
 * default paths and {@link OutboxLinkSender} as its mailbox. Shared by the single-server suite and the
 * two-node test of haze-jdbc-store.
 */
final class CrossDeviceSteps {
    /** The User-Agent of the simulated desktop browser. */
    static final String DESKTOP_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    /** What browsers send as Accept when they navigate or submit a form. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final Pattern MATCH = Pattern.compile("<p class=\"haze-match\" id=\"haze-match\">(\\d\\d)</p>");
    private static final Pattern JSON_MATCH = Pattern.compile("\\{\"status\":\"sent\",\"match\":\"(\\d\\d)\"}");

    final String request;
    final String status;
    final String verify;

    /** @param context the context path the filter's application is deployed at ("" for the root) */
    CrossDeviceSteps(String context) {
        this.request = context + "/auth/magic-link";
        this.status = context + "/auth/magic-link/status";
        this.verify = context + "/auth/verify";
    }

    /**
     * What the desktop sees after asking for a link, and what reached the mailbox.
     *
     * @param page the waiting page
     * @param matchCode the number it shows
     * @param message the email, or null for an unknown address
     */
    record Waiting(HttpResponse<String> page, String matchCode, LinkMessage message) {
        /** @return the link as path and query, to open on the test server */
        String link() {
            URI link = message.link();
            return link.getRawPath() + "?" + link.getRawQuery();
        }

        /** @return the fallback code from the email */
        String code() {
            return message.code();
        }
    }

    /** The desktop asks for a link and gets the waiting page. */
    Waiting requestLink(Browser desktop, String email) {
        int before = OutboxLinkSender.messagesTo(email).size();
        HttpResponse<String> page = desktop.post(request, Map.of("email", email), "User-Agent", DESKTOP_AGENT);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-haze-page=\"waiting\"");
        List<LinkMessage> messages = OutboxLinkSender.messagesTo(email);
        return new Waiting(page, matchCode(page.body()),
                messages.size() > before ? messages.get(messages.size() - 1) : null);
    }

    /**
     * A script or app asks for a link as JSON: 202 with the matching number, and the session cookie to poll
     * with. {@link Waiting#page()} is then the JSON answer.
     */
    Waiting requestLinkAsJson(Browser client, String email) {
        int before = OutboxLinkSender.messagesTo(email).size();
        HttpResponse<String> answer = client.post(request, Map.of("email", email), "Accept", "application/json",
                "User-Agent", DESKTOP_AGENT);
        assertThat(answer.statusCode()).isEqualTo(202);
        Matcher m = JSON_MATCH.matcher(answer.body());
        assertThat(m.matches()).as("exactly {\"status\":\"sent\",\"match\":\"NN\"}, nothing else: %s",
                answer.body()).isTrue();
        List<LinkMessage> messages = OutboxLinkSender.messagesTo(email);
        return new Waiting(answer, m.group(1), messages.size() > before ? messages.get(messages.size() - 1) : null);
    }

    /** @return the two-digit code of a waiting page */
    static String matchCode(String html) {
        Matcher m = MATCH.matcher(html);
        assertThat(m.find()).as("the waiting page shows a matching code").isTrue();
        return m.group(1);
    }

    /** The desktop's script asks for the state. */
    HttpResponse<String> poll(Browser desktop) {
        return desktop.get(status, "Accept", "application/json");
    }

    /** The desktop without script presses "I've opened the link". */
    HttpResponse<String> check(Browser desktop) {
        return desktop.get(status, "Accept", BROWSER_ACCEPT);
    }

    /** The phone opens the link and gets the approval page. */
    HttpResponse<String> openForApproval(Browser phone, Waiting waiting) {
        HttpResponse<String> page = phone.get(waiting.link());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-haze-page=\"approve\"");
        return page;
    }

    /** @return the three numbers of an approval page, in order */
    static List<String> choices(String approvalPage) {
        return HtmlForm.withDecision(approvalPage, "approve").stream().map(f -> f.fields().get("code")).toList();
    }

    /** @return a number of the approval page that is not {@code matchCode} */
    static String wrongChoice(String approvalPage, String matchCode) {
        return choices(approvalPage).stream().filter(c -> !c.equals(matchCode)).findFirst().orElseThrow();
    }

    /** The phone presses one of the number buttons. */
    HttpResponse<String> pick(Browser phone, String approvalPage, String code) {
        HtmlForm form = HtmlForm.withDecision(approvalPage, "approve").stream()
                .filter(f -> code.equals(f.fields().get("code"))).findFirst().orElseThrow();
        assertThat(form.button()).isEqualTo(code);
        return phone.post(form.action(), form.fields());
    }

    /** The phone presses "sign in here" or "this wasn't me". */
    HttpResponse<String> decide(Browser phone, String approvalPage, String decision) {
        HtmlForm form = HtmlForm.withDecision(approvalPage, decision).get(0);
        return phone.post(form.action(), form.fields());
    }

    /** The desktop types a code into the waiting page's form (as a browser: Accept text/html, unless given). */
    HttpResponse<String> typeCode(Browser desktop, String waitingPage, String code, String... headers) {
        HtmlForm form = HtmlForm.all(waitingPage).stream().filter(f -> f.method().equals("post")).findFirst()
                .orElseThrow();
        List<String> all = new java.util.ArrayList<>(List.of(headers));
        if (!all.contains("Accept")) {
            all.addAll(List.of("Accept", BROWSER_ACCEPT));
        }
        return desktop.post(form.action(), form.fieldsWith("code", code), all.toArray(String[]::new));
    }

    /** @return true when the browser's session is signed in as {@code email} (the protected whoami page) */
    static boolean signedInAs(Browser browser, String context, String email) {
        HttpResponse<String> whoami = browser.get(context + "/account/whoami");
        return whoami.statusCode() == 200 && whoami.body().contains("remoteUser=" + email);
    }
}
