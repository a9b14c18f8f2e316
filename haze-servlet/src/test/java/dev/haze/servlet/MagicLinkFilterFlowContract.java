package dev.haze.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.delivery.LinkMessage;
import dev.haze.servlet.testapp.OutboxLinkSender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter's HTTP contract, run over real HTTP against the test webapp folder ({@code WEB-INF/web.xml})
 * deployed on a real container. One subclass per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MagicLinkFilterFlowContract {
    static final String SITE = WebServer.CONTEXT;
    static final String REQUEST = SITE + "/auth/magic-link";
    static final String VERIFY = SITE + "/auth/verify";
    static final String LOGOUT = SITE + "/auth/logout";
    static final String HOME = SITE + "/account/home";
    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private WebServer server;

    /** @return the container under test, serving the test webapp */
    abstract WebServer deploy() throws Exception;

    @BeforeAll
    void start() throws Exception {
        server = deploy();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    // ---- requesting a link ----------------------------------------------------------------------

    @Test
    void requestingALinkAnswersCheckYourEmailAndDeliversOneLink() {
        String email = newAddress();
        HttpResponse<String> response = browser().post(REQUEST, Map.of("email", email));

        assertThat(response.statusCode()).isEqualTo(200);
        assertFilterHeaders(response);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/html"));
        assertThat(response.body()).contains("data-haze-page=\"sent\"").doesNotContain(email);
        assertThat(response.headers().allValues("Set-Cookie")).as("no session for a link request").isEmpty();
        assertThat(OutboxLinkSender.messagesTo(email)).hasSize(1);
        LinkMessage message = OutboxLinkSender.latestTo(email).orElseThrow();
        assertThat(message.link().toString()).startsWith("https://haze.test/site/auth/verify?token_id=")
                .doesNotContain(email).doesNotContain(URLEncoder.encode(email, StandardCharsets.UTF_8));
    }

    @Test
    void requestingALinkAsJsonAnswers202() {
        String email = newAddress();
        HttpResponse<String> response = browser().post(REQUEST, Map.of("email", email),
                "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"sent\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertFilterHeaders(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "no-at-sign", "a@b", "a@@known.example", "a b@known.example",
        ".a@known.example", "a@-known.example", "<script>@known.example", "a@known.example\r\nBcc: x@y.z"})
    void malformedAddressesAnswer400(String email) {
        HttpResponse<String> html = browser().post(REQUEST, Map.of("email", email));
        HttpResponse<String> json = browser().post(REQUEST, Map.of("email", email), "Accept", "application/json");

        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(html.body()).contains("data-haze-page=\"bad-email\"").doesNotContain("<script>");
        assertFilterHeaders(html);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).isEqualTo("{\"error\":\"invalid_email\"}");
    }

    @Test
    void overLongAddressAnswers400() {
        String email = "a".repeat(250) + "@known.example";
        assertThat(browser().post(REQUEST, Map.of("email", email)).statusCode()).isEqualTo(400);
        assertThat(browser().post(REQUEST, Map.of("email", "a".repeat(100_000))).statusCode()).isEqualTo(400);
    }

    @Test
    void addressIsNormalisedBeforeSending() {
        String local = "Mixed.Case+" + UUID.randomUUID();
        browser().post(REQUEST, Map.of("email", "  " + local + "@KNOWN.Example "));
        assertThat(OutboxLinkSender.messagesTo(local + "@known.example")).hasSize(1);
    }

    @Test
    void knownAndUnknownAddressesGetIdenticalAnswers() {
        String known = newAddress();
        String unknown = "nobody-" + UUID.randomUUID() + "@unknown.example";

        HttpResponse<String> a = browser().post(REQUEST, Map.of("email", known));
        HttpResponse<String> b = browser().post(REQUEST, Map.of("email", unknown));
        HttpResponse<String> aJson = browser().post(REQUEST, Map.of("email", known), "Accept", "application/json");
        HttpResponse<String> bJson = browser().post(REQUEST, Map.of("email", unknown), "Accept", "application/json");

        assertThat(b.statusCode()).isEqualTo(a.statusCode()).isEqualTo(200);
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(comparableHeaders(b.headers())).isEqualTo(comparableHeaders(a.headers()));
        assertThat(bJson.statusCode()).isEqualTo(aJson.statusCode());
        assertThat(bJson.body()).isEqualTo(aJson.body());
        assertThat(OutboxLinkSender.messagesTo(known)).hasSize(2);
        assertThat(OutboxLinkSender.messagesTo(unknown)).isEmpty();
    }

    /**
     * The web.xml's limits on the real clock: one-day windows aligned to midnight UTC. A run that crosses
     * midnight starts counting afresh halfway, so then the sequence is repeated once, in the new window.
     * (The limiter's windows are tested on a moved clock in {@code RateLimiterTest} and the programmatic
     * suites.)
     */
    @Test
    void tooManyRequestsForOneAddressFromOneClientAnswer429WithRetryAfter() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        String email = newAddress();
        List<HttpResponse<String>> responses = requestSixTimes(email);
        if (!day.equals(LocalDate.now(ZoneOffset.UTC))) {
            email = newAddress();
            responses = requestSixTimes(email);
        }
        assertRateLimited(email, responses);
    }

    /** @return the answers to six requests for {@code email}: four plain, one for JSON, one with a spoofed header */
    private List<HttpResponse<String>> requestSixTimes(String email) {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(browser().post(REQUEST, Map.of("email", email)));
        }
        responses.add(browser().post(REQUEST, Map.of("email", email), "Accept", "application/json"));
        responses.add(browser().post(REQUEST, Map.of("email", email), "X-Forwarded-For", "198.51.100.99"));
        return responses;
    }

    /** @param responses three accepted requests, a refused one, the same as JSON, one with a spoofed header */
    private static void assertRateLimited(String email, List<HttpResponse<String>> responses) {
        for (int i = 0; i < 3; i++) {
            assertThat(responses.get(i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = responses.get(3);
        HttpResponse<String> limitedJson = responses.get(4);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertFilterHeaders(limited);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 86_400L);
        assertThat(limited.body()).contains("data-haze-page=\"rate-limited\"");
        assertThat(limitedJson.statusCode()).isEqualTo(429);
        assertThat(limitedJson.body()).startsWith("{\"error\":\"rate_limited\",\"retry_after\":");
        HttpResponse<String> spoofed = responses.get(5);
        assertThat(spoofed.statusCode()).as("X-Forwarded-For from an untrusted peer is ignored").isEqualTo(429);
        assertThat(OutboxLinkSender.messagesTo(email)).hasSize(3);
    }

    @Test
    void builtInLoginFormIsSmallAccessibleHtml() {
        HttpResponse<String> response = browser().get(REQUEST + "?next=%2Faccount%2Forders");

        assertThat(response.statusCode()).isEqualTo(200);
        assertFilterHeaders(response);
        String html = response.body();
        assertThat(html).startsWith("<!DOCTYPE html><html lang=\"en\">");
        assertThat(html.split("<h1>", -1)).hasSize(2);
        assertThat(html).contains("<label for=\"haze-email\">").contains("id=\"haze-email\" type=\"email\"")
                .contains("<button type=\"submit\">").contains("action=\"" + REQUEST + "\"")
                .doesNotContain("<script");
        assertThat(hiddenFields(html)).containsEntry("next", "/account/orders");
    }

    @Test
    void anUnusableNextIsDroppedAndTheLinkIsStillSent() {
        for (String next : List.of("next=" + "x".repeat(3000), "next=%2Faccount%2Fa&next=%2Faccount%2Fb",
                "next=%2F" + "a".repeat(600))) {
            String email = newAddress();
            Browser user = browser();
            HttpResponse<String> html = user.postRaw(REQUEST, "email=" + enc(email) + "&" + next);
            HttpResponse<String> json = browser().postRaw(REQUEST, "email=" + enc(newAddress()) + "&" + next,
                    "Accept", "application/json");

            assertThat(html.statusCode()).as(next.substring(0, 20)).isEqualTo(200);
            assertThat(html.body()).contains("data-haze-page=\"sent\"");
            assertThat(json.statusCode()).isEqualTo(202);
            URI link = OutboxLinkSender.latestTo(email).orElseThrow().link();
            HttpResponse<String> signedIn = confirm(user, link.getRawPath() + "?" + link.getRawQuery());
            assertThat(signedIn.headers().firstValue("Location")).as("the success redirect").hasValue(HOME);
        }
        HttpResponse<String> form = browser().get(REQUEST + "?next=" + "x".repeat(5000));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(hiddenFields(form.body())).doesNotContainKey("next");
    }

    @Test
    void aReflectedNextIsEscapedAndMarkupInItIsRefused() {
        HttpResponse<String> hostile = browser().get(REQUEST + "?next="
                + enc("/account\"><script>alert(1)</script><input x=\""));
        HttpResponse<String> quoted = browser().get(REQUEST + "?next=" + enc("/account?q=o'brien&x=<b>"));
        HttpResponse<String> apostrophe = browser().get(REQUEST + "?next=" + enc("/search?q=o'brien&sort=1"));

        assertThat(hostile.statusCode()).isEqualTo(200);
        assertThat(hostile.body()).doesNotContain("<script").doesNotContain("alert(1)");
        assertThat(hiddenFields(hostile.body())).doesNotContainKey("next");
        assertThat(hiddenFields(quoted.body())).doesNotContainKey("next");
        assertThat(apostrophe.body()).as("kept, and escaped in the hidden field")
                .contains("<input type=\"hidden\" name=\"next\" value=\"/search?q=o&#39;brien&amp;sort=1\">");
        assertThat(hiddenFields(apostrophe.body())).containsEntry("next", "/search?q=o'brien&sort=1");
    }

    @Test
    void pageTextsComeFromTheApplicationsBundleFirst() {
        HttpResponse<String> english = browser().get(REQUEST, "Accept-Language", "en");
        HttpResponse<String> german = browser().get(REQUEST, "Accept-Language", "de-DE");

        assertThat(english.body()).contains("<h1>Sign in to the Haze test shop</h1>", "lang=\"en\"")
                .contains("Send me a link");
        assertThat(german.body()).contains("<h1>Anmelden</h1>", "lang=\"de\"", "Link senden")
                .contains("Email address");
    }

    // ---- opening and confirming a link ------------------------------------------------------------

    @Test
    void openingALinkShowsAConfirmPageAndConsumesNothing() {
        String email = newAddress();
        String link = requestLink(browser(), email, null);
        Browser scanner = browser();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> scanned = scanner.get(link);
            assertThat(scanned.statusCode()).isEqualTo(200);
            assertThat(scanner.head(link).statusCode()).isEqualTo(200);
        }
        Browser user = browser();
        HttpResponse<String> page = user.get(link);

        assertThat(page.statusCode()).isEqualTo(200);
        assertFilterHeaders(page);
        assertThat(page.body()).contains("data-haze-page=\"confirm\"").contains("<form method=\"post\" action=\""
                + VERIFY + "\"").contains("<button type=\"submit\">").doesNotContain("<script");
        assertThat(hiddenFields(page.body())).containsKeys("token_id", "signature", "haze_confirm");
        assertThat(user.post(VERIFY, hiddenFields(page.body())).statusCode()).as("still usable").isEqualTo(303);
    }

    @Test
    void headConsumesNothingAndSendsNoBody() {
        String link = requestLink(browser(), newAddress(), null);
        Browser user = browser();
        HttpResponse<String> head = user.head(link);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertFilterHeaders(head);
        assertThat(confirm(user, link).statusCode()).isEqualTo(303);
        assertThat(user.head(link).statusCode()).as("used now").isEqualTo(410);
    }

    @Test
    void signingInRotatesTheSessionAndShowsThePrincipalDownstream() {
        String email = newAddress();
        Browser user = browser();
        String link = requestLink(user, email, null);
        HttpResponse<String> page = user.get(link);
        String before = user.sessionId();
        assertThat(before).as("the confirm page binds a session").isNotNull();

        HttpResponse<String> signedIn = user.post(VERIFY, hiddenFields(page.body()));

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue(HOME);
        assertFilterHeaders(signedIn);
        assertThat(user.sessionId()).isNotNull().isNotEqualTo(before);
        HttpResponse<String> whoami = user.get(SITE + "/account/whoami");
        assertThat(whoami.statusCode()).isEqualTo(200);
        assertThat(whoami.body()).contains("path=/account/whoami", "remoteUser=" + email, "principal=" + email,
                "current=" + email);
    }

    @Test
    void signInContinuesToTheNextPathRecordedWithTheLink() {
        Browser user = browser();
        String link = requestLink(user, newAddress(), "/account/orders?id=7&x=%2F");
        HttpResponse<String> signedIn = confirm(user, link);
        assertThat(signedIn.headers().firstValue("Location")).hasValue(SITE + "/account/orders?id=7&x=%2F");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)",
        "%2F%2Fevil.example", "/ok\r\nLocation: https://evil.example", "/ok\nSet-Cookie: evil=1",
        "\t//evil.example", "/\t/evil.example", "///evil.example", "http:/\\/evil.example", ""})
    void nextValuesNeverRedirectOffSite(String next) {
        Browser user = browser();
        String link = requestLink(user, newAddress(), next);
        HttpResponse<String> signedIn = confirm(user, link);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().allValues("Location")).containsExactly(HOME);
        assertThat(signedIn.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("evil"));
    }

    @Test
    void aPostWithoutTheOpeningBrowsersAntiForgeryValueIsRefused() {
        Browser user = browser();
        String link = requestLink(user, newAddress(), null);
        Map<String, String> form = hiddenFields(user.get(link).body());
        Map<String, String> withoutValue = new LinkedHashMap<>(form);
        withoutValue.remove("haze_confirm");
        Map<String, String> wrongValue = new LinkedHashMap<>(form);
        wrongValue.put("haze_confirm", "A".repeat(43));

        HttpResponse<String> otherBrowser = browser().post(VERIFY, form);
        HttpResponse<String> missing = user.post(VERIFY, withoutValue);
        HttpResponse<String> wrong = user.post(VERIFY, wrongValue);
        HttpResponse<String> crossSite = user.post(VERIFY, form, "Sec-Fetch-Site", "cross-site");

        for (HttpResponse<String> refused : List.of(otherBrowser, missing, wrong, crossSite)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains(refused == crossSite ? "data-haze-page=\"other-site\""
                    : "data-haze-page=\"forbidden\"");
            assertFilterHeaders(refused);
        }
        assertThat(user.get(SITE + "/account/whoami").statusCode()).as("nobody signed in").isEqualTo(303);
        assertThat(user.post(VERIFY, form).statusCode()).as("the link was not burnt").isEqualTo(303);
    }

    @Test
    void replayingASuccessfulSignInIsRefused() {
        Browser user = browser();
        String link = requestLink(user, newAddress(), null);
        Map<String, String> form = hiddenFields(user.get(link).body());
        assertThat(user.post(VERIFY, form).statusCode()).isEqualTo(303);

        HttpResponse<String> replayed = user.post(VERIFY, form);
        Browser other = browser();
        HttpResponse<String> reopened = other.get(link);

        assertThat(replayed.statusCode()).as("the anti-forgery value was spent at sign-in").isEqualTo(403);
        assertThat(reopened.statusCode()).isEqualTo(410);
        assertThat(reopened.body()).contains("data-haze-page=\"used\"").contains("href=\"" + REQUEST + "\"");
        assertThat(other.get(SITE + "/account/whoami").statusCode()).isEqualTo(303);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?token_id=abc", "?signature=abc", "?token_id=abc&signature=not-a-jwt",
        "?token_id=abc&signature=eyJhbGciOiJub25lIn0.eyJqdGkiOiJhYmMifQ.",
        "?token_id=%00%01&signature=%FF%FE", "?token_id=a&token_id=b&signature=c",
        // claims out of java.time's range (once a DateTimeException and a 500)
        "?token_id=abc&signature=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJqdGkiOiJhYmMiLCJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDcsImlhdCI6MWUzMDB9.c2ln"})
    void badLinksAnswer400NeverA500(String query) {
        Browser user = browser();
        HttpResponse<String> get = user.get(VERIFY + query);
        HttpResponse<String> head = user.head(VERIFY + query);
        HttpResponse<String> post = browser().postRaw(VERIFY, query.isEmpty() ? "" : query.substring(1));

        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.body()).contains("data-haze-page=\"invalid\"").doesNotContainIgnoringCase("exception");
        assertFilterHeaders(get);
        assertThat(head.statusCode()).isEqualTo(400);
        assertThat(post.statusCode()).isBetween(400, 403);
    }

    @Test
    void refusedSignInPostsFromTheOpeningBrowserAnswerAFriendlyPageNeverA500() {
        Browser user = browser();
        String link = requestLink(user, newAddress(), null);
        List<Map<String, String>> bad = new ArrayList<>();
        for (String[] change : new String[][] {
            {"signature", null}, {"token_id", null}, {"signature", "not-a-jwt"}, {"token_id", "x".repeat(5000)},
            {"signature", "eyJhbGciOiJub25lIn0.eyJqdGkiOiJhYmMifQ."}, {"token_id", "someone-elses-id"}}) {
            Map<String, String> form = new LinkedHashMap<>(hiddenFields(user.get(link).body()));
            if (change[1] == null) {
                form.remove(change[0]);
            } else {
                form.put(change[0], change[1]);
            }
            bad.add(form);
        }
        Map<String, String> tampered = new LinkedHashMap<>(hiddenFields(user.get(link).body()));
        String signature = tampered.get("signature");
        tampered.put("signature", signature.substring(0, signature.length() - 2)
                + (signature.endsWith("AA") ? "BB" : "AA"));
        bad.add(tampered);

        for (Map<String, String> form : bad) {
            HttpResponse<String> refused = user.post(VERIFY, form);
            assertThat(refused.statusCode()).as(form.keySet().toString()).isEqualTo(400);
            assertThat(refused.body()).contains("data-haze-page=\"invalid\"")
                    .doesNotContainIgnoringCase("exception").doesNotContain("at dev.haze");
            assertFilterHeaders(refused);
            assertThat(user.get(SITE + "/account/whoami").statusCode()).as("nobody signed in").isEqualTo(303);
        }
        assertThat(confirm(user, link).statusCode()).as("the real link still works").isEqualTo(303);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        Browser user = browser();
        String link = requestLink(user, newAddress(), null);
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("A") ? "BB" : "AA");
        assertThat(user.get(tampered).statusCode()).isEqualTo(400);
        assertThat(user.get(link).statusCode()).as("the real link still works").isEqualTo(200);
    }

    @Test
    void overLongAndGarbageParametersAnswer4xxNever5xx() {
        Browser user = browser();
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(user.get(VERIFY + "?token_id=" + "a".repeat(5000) + "&signature=b"));
        responses.add(user.get(VERIFY + "?token_id=a&signature=" + "b".repeat(6000)));
        // 250 kB: over Jetty's default form limit (200 kB), so its parse failure reaches the filter, yet small
        // enough to be fully sent before the answer (a much larger body races the server's early answer and
        // close, which a client sees as a reset connection rather than a status)
        responses.add(user.postRaw(VERIFY, "token_id=" + "a".repeat(250_000)));
        responses.add(user.postRaw(REQUEST, "email=" + "a".repeat(250_000)));
        responses.add(user.postRaw(REQUEST, "email=%E0%A4%A&next=%"));
        responses.add(user.postRaw(REQUEST, "email=a%40known.example&email=b%40known.example"));
        responses.add(user.postRaw(REQUEST, "\u0000\u0001garbage=&&&==="));
        for (HttpResponse<String> response : responses) {
            String uri = response.request().uri().toString();
            assertThat(response.statusCode()).as(uri.substring(0, Math.min(60, uri.length())))
                    .isBetween(400, 499);
            assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("at dev.haze");
        }
    }

    @Test
    void thirtyTwoConcurrentPostsOfOneLinkSignInExactlyOneSession() throws Exception {
        String link = requestLink(browser(), newAddress(), null);
        int n = 32;
        List<Browser> browsers = new ArrayList<>();
        List<Map<String, String>> forms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Browser b = browser();
            browsers.add(b);
            forms.add(hiddenFields(b.get(link).body()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Browser b = browsers.get(i);
                Map<String, String> form = forms.get(i);
                results.add(pool.submit(() -> {
                    go.await();
                    return b.post(VERIFY, form);
                }));
            }
            go.countDown();
            int signedIn = 0;
            for (Future<HttpResponse<String>> f : results) {
                int status = f.get().statusCode();
                assertThat(status).isIn(303, 410);
                signedIn += status == 303 ? 1 : 0;
            }
            assertThat(signedIn).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        long sessionsSignedIn = browsers.stream()
                .filter(b -> b.get(SITE + "/account/whoami").statusCode() == 200).count();
        assertThat(sessionsSignedIn).isEqualTo(1);
    }

    // ---- protected paths, pass-through, logout ----------------------------------------------------

    @Test
    void anonymousHtmlRequestsToProtectedPathsGoToTheLoginPageWithNext() {
        HttpResponse<String> response = browser().get(SITE + "/account/whoami?tab=2", "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location"))
                .hasValue(REQUEST + "?next=%2Faccount%2Fwhoami%3Ftab%3D2");
        assertFilterHeaders(response);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void anonymousJsonRequestsToProtectedPathsGet401() {
        HttpResponse<String> response = browser().get(SITE + "/api/orders", "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"unauthenticated\"}");
        assertFilterHeaders(response);
        HttpResponse<String> xhr = browser().get(SITE + "/account/whoami", "X-Requested-With", "XMLHttpRequest");
        assertThat(xhr.statusCode()).isEqualTo(401);
        assertFilterHeaders(xhr);
        for (HttpResponse<String> unauthorized : List.of(response, xhr)) {
            assertThat(unauthorized.headers().allValues("WWW-Authenticate")).as("RFC 9110: a 401 carries a challenge")
                    .containsExactly("MagicLink realm=\"" + REQUEST + "\"");
        }
    }

    @Test
    void theLoginRedirectsNextLeadsBackAfterSignIn() {
        Browser user = browser();
        String location = user.get(SITE + "/account/whoami").headers().firstValue("Location").orElseThrow();
        String loginForm = user.get(location).body();
        String next = hiddenFields(loginForm).get("next");
        String link = requestLink(user, newAddress(), next);
        assertThat(confirm(user, link).headers().firstValue("Location")).hasValue(SITE + "/account/whoami");
    }

    @Test
    void aSignedInBrowserIsKnownOnUnprotectedPagesToo() {
        Browser user = browser();
        String email = newAddress();
        confirm(user, requestLink(user, email, null));

        HttpResponse<String> page = user.get(SITE + "/public/page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("remoteUser=" + email, "principal=" + email, "current=" + email);
        assertThat(page.headers().firstValue("Content-Security-Policy")).as("still the application's page").isEmpty();
    }

    @Test
    void unrelatedRequestsPassThroughUntouched() {
        HttpResponse<String> response = browser().get(SITE + "/public/page?x=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("path=/public/page", "remoteUser=null", "current=null");
        assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void logoutInvalidatesTheSession() {
        Browser user = browser();
        confirm(user, requestLink(user, newAddress(), null));
        assertThat(user.get(SITE + "/account/whoami").statusCode()).isEqualTo(200);

        HttpResponse<String> wrongMethod = user.get(LOGOUT);
        HttpResponse<String> logout = user.post(LOGOUT, Map.of());

        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).hasValue(REQUEST);
        assertFilterHeaders(logout);
        assertThat(user.get(SITE + "/account/whoami").statusCode()).isEqualTo(303);
    }

    @Test
    void crossSitePostsToRequestAndLogoutAreRefused() {
        Browser user = browser();
        confirm(user, requestLink(user, newAddress(), null));
        String email = newAddress();

        HttpResponse<String> request = user.post(REQUEST, Map.of("email", email), "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> logout = user.post(LOGOUT, Map.of(), "Sec-Fetch-Site", "cross-site");

        assertThat(request.statusCode()).isEqualTo(403);
        assertThat(logout.statusCode()).isEqualTo(403);
        assertFilterHeaders(logout);
        assertThat(OutboxLinkSender.messagesTo(email)).isEmpty();
        assertThat(user.get(SITE + "/account/whoami").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void linkRequestsSentFromAnotherSiteOrOriginAreRefusedBeforeAnythingHappens() {
        String email = newAddress();
        Browser victim = browser();
        List<String[]> forged = List.of(new String[] {"Origin", "https://evil.example"},
                new String[] {"Origin", "null"}, new String[] {"Origin", "https://haze.test.evil.example"},
                new String[] {"Origin", "http://127.0.0.1:1"}, new String[] {"Origin", "not an origin"},
                new String[] {"Sec-Fetch-Site", "same-site"}, new String[] {"Sec-Fetch-Site", "cross-site"},
                new String[] {"Sec-Fetch-Site", "cross-site", "Origin", server.origin().toString()});
        for (String[] headers : forged) {
            HttpResponse<String> html = victim.post(REQUEST, Map.of("email", email), headers);
            String[] json = Arrays.copyOf(headers, headers.length + 2);
            json[headers.length] = "Accept";
            json[headers.length + 1] = "application/json";
            HttpResponse<String> asJson = victim.post(REQUEST, Map.of("email", email), json);

            assertThat(html.statusCode()).as(String.join(": ", headers)).isEqualTo(403);
            assertThat(html.body()).contains("data-haze-page=\"other-site\"", "href=\"" + REQUEST + "\"");
            assertFilterHeaders(html);
            assertThat(asJson.statusCode()).isEqualTo(403);
            assertThat(asJson.body()).isEqualTo("{\"error\":\"forbidden\"}");
        }
        assertThat(victim.sessionId()).as("no session was made").isNull();
        assertThat(OutboxLinkSender.messagesTo(email)).as("no link was sent").isEmpty();
    }

    @Test
    void linkRequestsFromThisOriginOrFromClientsThatAreNoBrowserAreServed() {
        List<String[]> allowed = List.of(new String[] {"Origin", server.origin().toString()},
                new String[] {"Origin", "https://haze.test"}, new String[] {"Origin", "HTTPS://HAZE.TEST:443"},
                new String[] {"Sec-Fetch-Site", "same-origin", "Origin", server.origin().toString()},
                new String[] {"Sec-Fetch-Site", "none"}, new String[] {});
        for (String[] headers : allowed) {
            String email = newAddress();
            HttpResponse<String> response = browser().post(REQUEST, Map.of("email", email), headers);
            assertThat(response.statusCode()).as(String.join(": ", headers)).isEqualTo(200);
            assertThat(OutboxLinkSender.messagesTo(email)).hasSize(1);
        }
    }

    @Test
    void signInSignOutAndStatusPostsFromAnotherOriginAreRefused() {
        Browser user = browser();
        String link = requestLink(user, newAddress(), null);
        Map<String, String> form = hiddenFields(user.get(link).body());

        HttpResponse<String> forgedSignIn = user.post(VERIFY, form, "Origin", "https://evil.example");
        HttpResponse<String> sameSiteSignIn = user.post(VERIFY, form, "Sec-Fetch-Site", "same-site");
        assertThat(List.of(forgedSignIn, sameSiteSignIn)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("data-haze-page=\"other-site\"");
        });
        assertThat(user.get(SITE + "/account/whoami").statusCode()).as("nobody signed in").isEqualTo(303);
        assertThat(user.post(VERIFY, form, "Origin", server.origin().toString()).statusCode())
                .as("the link was not burnt").isEqualTo(303);

        HttpResponse<String> forgedLogout = user.post(LOGOUT, Map.of(), "Origin", "https://evil.example");
        HttpResponse<String> forgedStatus = user.post(SITE + "/auth/magic-link/status", Map.of("code", "123456"),
                "Origin", "https://evil.example");
        assertThat(forgedLogout.statusCode()).isEqualTo(403);
        assertThat(forgedStatus.statusCode()).isEqualTo(403);
        assertThat(user.get(SITE + "/account/whoami").statusCode()).as("still signed in").isEqualTo(200);
        assertThat(user.post(LOGOUT, Map.of(), "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(303);
    }

    @Test
    void crossDeviceStatusAnswersNotAvailableWhileItIsOff() {
        HttpResponse<String> response = browser().get(SITE + "/auth/magic-link/status");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"cross_device_not_available\"}");
        assertFilterHeaders(response);
    }

    @Test
    void unsupportedMethodsOnEndpointsAnswer405() {
        for (String path : List.of(VERIFY, REQUEST)) {
            HttpResponse<String> response = browser().send("PUT", path);
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
            assertFilterHeaders(response);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    Browser browser() {
        return new Browser(server.origin());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String newAddress() {
        return "user-" + UUID.randomUUID() + "@known.example";
    }

    /** Requests a link and reads it from the outbox, as the path and query to open on the test server. */
    static String requestLink(Browser browser, String email, String next) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        if (next != null) {
            form.put("next", next);
        }
        assertThat(browser.post(REQUEST, form).statusCode()).isEqualTo(200);
        URI link = OutboxLinkSender.latestTo(email).orElseThrow().link();
        return link.getRawPath() + "?" + link.getRawQuery();
    }

    /** Opens a link and presses the confirm button in the same browser. */
    static HttpResponse<String> confirm(Browser browser, String link) {
        HttpResponse<String> page = browser.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        return browser.post(VERIFY, hiddenFields(page.body()));
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return fields;
    }

    static void assertFilterHeaders(HttpResponse<String> response) {
        HttpHeaders h = response.headers();
        assertThat(h.firstValue("Cache-Control")).hasValue("no-store");
        assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(h.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'", "default-src 'none'").doesNotContain("unsafe-inline"));
    }

    private static Map<String, List<String>> comparableHeaders(HttpHeaders headers) {
        Map<String, List<String>> map = new LinkedHashMap<>(headers.map());
        map.remove("date");
        return map;
    }
}
