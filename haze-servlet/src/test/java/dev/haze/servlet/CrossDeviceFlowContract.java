package dev.haze.servlet;

import static dev.haze.servlet.CrossDeviceSteps.choices;
import static dev.haze.servlet.CrossDeviceSteps.signedInAs;
import static dev.haze.servlet.MagicLinkFilterFlowContract.assertFilterHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.Haze;
import dev.haze.HazeConfig;
import dev.haze.RecordedEvents;
import dev.haze.RateLimiter;
import dev.haze.RecordingStore;
import dev.haze.servlet.CrossDeviceSteps.Waiting;
import dev.haze.servlet.internal.Pages;
import dev.haze.servlet.testapp.KnownUsersResolver;
import dev.haze.servlet.testapp.OutboxLinkSender;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.testing.MutableClock;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cross-device sign-in over real HTTP: every simulated browser ("desktop", "phone", "attacker") has its
 * own cookie jar. The filter is registered in code (default settings: cross-device on) with a movable
 * clock and a store that records its calls. One subclass per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrossDeviceFlowContract {
    private static final String SECRET = "test-only-secret-0123456789-abcdefghijklmnop";
    private static final String HOME = "/account/home";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final RecordingStore store = new RecordingStore(new InMemoryTokenStore());
    private final RecordedEvents listener = new RecordedEvents();
    private final List<String> events = listener.events;
    private final CrossDeviceSteps steps = new CrossDeviceSteps("");
    private WebServer server;

    /**
     * @param filter the filter to map to {@code /*} of the root context, with the whoami servlet at {@code /}
     * @return the container serving it
     */
    abstract WebServer serve(Filter filter) throws Exception;

    @BeforeAll
    void start() throws Exception {
        Haze haze = Haze.builder().baseUrl("https://haze.test").secretKey(SECRET).store(store).clock(clock)
                .linkExpiry(Duration.ofMinutes(10)).listener(listener).build();
        FilterSettings settings = FilterSettings.builder().protectedPaths(List.of("/account/*"))
                .successRedirect(HOME).rateLimits(new RateLimiter.Limits(50, 100_000, 100, Duration.ofDays(1)))
                .build();
        assertThat(settings.crossDevice()).as("on by default").isTrue();
        server = serve(new MagicLinkFilter(haze, settings).setLinkSender(new OutboxLinkSender())
                .setUserResolver(new KnownUsersResolver()));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    // ---- the waiting page ---------------------------------------------------------------------------

    @Test
    void theWaitingPageShowsTheNumberPollsWithAHashedScriptAndWorksWithoutIt() {
        String email = newAddress();
        Waiting waiting = steps.requestLink(browser(), email);
        HttpResponse<String> page = waiting.page();

        assertThat(waiting.matchCode()).matches("\\d\\d");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(Pages.CSP_WITH_POLLING);
        assertThat(Pages.CSP_WITH_POLLING).contains("script-src 'sha256-").doesNotContain("unsafe");
        assertFilterHeaders(page);
        assertThat(page.body()).contains("data-haze-status=\"/auth/magic-link/status\"", "data-haze-expires-in=\"600\"",
                "<script>").doesNotContain(email).doesNotContain(waiting.code());
        List<HtmlForm> forms = HtmlForm.all(page.body());
        assertThat(forms).extracting(HtmlForm::method, HtmlForm::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("get", "/auth/magic-link/status"),
                org.assertj.core.groups.Tuple.tuple("post", "/auth/magic-link/status"));
        assertThat(page.body()).contains("name=\"code\"", "autocomplete=\"one-time-code\"");
        assertThat(waiting.code()).as("the email carries a 6-digit code").matches("\\d{6}");
        assertThat(page.headers().allValues("Set-Cookie")).as("the request id lives in a session").hasSize(1);
        assertThat(page.headers().allValues("Set-Cookie").get(0)).doesNotContain(waiting.code());
    }

    @Test
    void knownAndUnknownAddressesGetIndistinguishableWaitingPages() {
        Browser knownDesktop = browser();
        Browser unknownDesktop = browser();
        Waiting known = steps.requestLink(knownDesktop, newAddress());
        Waiting unknown = steps.requestLink(unknownDesktop, "nobody-" + UUID.randomUUID() + "@unknown.example");

        assertThat(unknown.message()).isNull();
        assertThat(comparable(unknown.page().body())).isEqualTo(comparable(known.page().body()));
        assertThat(unknown.page().headers().map().keySet()).isEqualTo(known.page().headers().map().keySet());
        assertThat(unknown.page().headers().allValues("Set-Cookie")).hasSize(1);
        assertThat(steps.poll(unknownDesktop).body()).isEqualTo(steps.poll(knownDesktop).body())
                .isEqualTo("{\"state\":\"pending\"}");
        HttpResponse<String> wrongForUnknown = steps.typeCode(unknownDesktop, unknown.page().body(), "000000");
        HttpResponse<String> wrongForKnown = steps.typeCode(knownDesktop, known.page().body(),
                known.code().equals("000000") ? "000001" : "000000");
        assertThat(wrongForUnknown.statusCode()).isEqualTo(wrongForKnown.statusCode()).isEqualTo(400);
        assertThat(comparable(wrongForUnknown.body())).isEqualTo(comparable(wrongForKnown.body()));

        Waiting json = steps.requestLinkAsJson(browser(), "x-" + UUID.randomUUID() + "@unknown.example");
        Waiting knownJson = steps.requestLinkAsJson(browser(), newAddress());
        assertThat(json.message()).isNull();
        assertThat(knownJson.message()).isNotNull();
        assertThat(json.page().body().replaceAll("\\d", "N")).as("a random number for a decoy too")
                .isEqualTo(knownJson.page().body().replaceAll("\\d", "N"));
        assertThat(json.page().headers().map().keySet()).isEqualTo(knownJson.page().headers().map().keySet());
        assertThat(json.page().headers().allValues("Set-Cookie")).hasSize(1);
    }

    @Test
    void aJsonClientGetsTheMatchingNumberAndCanBeApprovedWithIt() {
        String email = newAddress();
        Browser client = browser();
        Waiting waiting = steps.requestLinkAsJson(client, email);

        assertThat(waiting.page().body()).doesNotContain(waiting.code());
        assertThat(steps.poll(client).body()).isEqualTo("{\"state\":\"pending\"}");
        Browser phone = browser();
        String approval = steps.openForApproval(phone, waiting).body();
        assertThat(choices(approval)).containsOnlyOnce(waiting.matchCode());
        assertThat(steps.pick(phone, approval, waiting.matchCode()).body()).contains("data-haze-page=\"approved\"");

        assertThat(steps.poll(client).body()).isEqualTo("{\"state\":\"approved\",\"next\":\"" + HOME + "\"}");
        assertThat(signedInAs(client, "", email)).isTrue();
    }

    // ---- signing in -------------------------------------------------------------------------------------

    @Test
    void theLinkOpenedInTheRequestingBrowserSignsItInAndTheWaitingTabFollows() {
        Scene s = scene();

        HttpResponse<String> confirm = s.desktop().get(s.waiting().link());
        assertThat(confirm.body()).as("same browser: no approval needed").contains("data-haze-page=\"confirm\"");
        HttpResponse<String> signedIn = s.desktop().post(steps.verify, HtmlForm.all(confirm.body()).get(0).fields());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue(HOME);

        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"redeemed\",\"next\":\"" + HOME + "\"}");
        assertThat(signedInAs(s.desktop(), "", s.email())).isTrue();
        assertThat(typeEmailedCode(s))
                .as("the request is over: its code signs nothing in").isNotEqualTo(303);
    }

    @Test
    void approvingOnThePhoneWithTheRightNumberSignsTheDesktopInExactlyOnce() {
        Scene s = scene();
        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"pending\"}");

        HttpResponse<String> approval = steps.openForApproval(s.phone(), s.waiting());
        assertFilterHeaders(approval);
        assertThat(approval.headers().firstValue("Content-Security-Policy")).hasValue(Pages.CSP);
        assertThat(approval.body()).contains("Sign in on the other device?", "Firefox on Linux", "2026-12-03 10:00 UTC")
                .doesNotContain("<script");
        assertThat(choices(approval.body())).hasSize(3).doesNotHaveDuplicates()
                .containsOnlyOnce(s.waiting().matchCode());
        assertThat(HtmlForm.withDecision(approval.body(), "here")).hasSize(1);
        assertThat(HtmlForm.withDecision(approval.body(), "deny")).hasSize(1);
        assertThat(choices(steps.openForApproval(browser(), s.waiting()).body())).as("the same choices on reload")
                .isEqualTo(choices(approval.body()));

        HttpResponse<String> approved = steps.pick(s.phone(), approval.body(), s.waiting().matchCode());
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("data-haze-page=\"approved\"");
        assertThat(events).contains("approved:" + s.email());
        assertThat(signedInAs(s.phone(), "", s.email())).as("approving does not sign the s.phone() in").isFalse();

        String sessionBefore = s.desktop().sessionId();
        HttpResponse<String> poll = steps.poll(s.desktop());
        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).isEqualTo("{\"state\":\"approved\",\"next\":\"" + HOME + "\"}");
        assertThat(s.desktop().sessionId()).as("session id rotated").isNotEqualTo(sessionBefore);
        assertThat(signedInAs(s.desktop(), "", s.email())).isTrue();
        Browser replaying = browser(); // someone who captured the session cookie while the desktop waited
        HttpResponse<String> oldCookie = replaying.get(steps.status, "Accept", "application/json",
                "Cookie", "JSESSIONID=" + sessionBefore);
        assertThat(oldCookie.statusCode()).isEqualTo(404);
        assertThat(oldCookie.body()).isEqualTo("{\"state\":\"none\"}");
        assertThat(replaying.get("/account/whoami", "Cookie", "JSESSIONID=" + sessionBefore).body())
                .as("the pre-rotation session id signs nothing in").doesNotContain("remoteUser=" + s.email());
        HttpResponse<String> again = steps.poll(s.desktop());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("{\"state\":\"none\"}");
        assertThat(s.phone().get(s.waiting().link()).statusCode()).as("link spent").isEqualTo(410);
    }

    @Test
    void withoutJavaScriptTheCheckButtonWaitsThenContinues() {
        Scene s = scene();

        HttpResponse<String> notYet = steps.check(s.desktop());
        assertThat(notYet.statusCode()).isEqualTo(200);
        assertThat(notYet.body()).contains("data-haze-page=\"waiting\"", "has not been approved yet")
                .contains(s.waiting().matchCode());
        steps.pick(s.phone(), approvalOn(s), s.waiting().matchCode());

        HttpResponse<String> continued = steps.check(s.desktop());
        assertThat(continued.statusCode()).isEqualTo(303);
        assertThat(continued.headers().firstValue("Location")).hasValue(HOME);
        assertThat(signedInAs(s.desktop(), "", s.email())).isTrue();
    }

    @Test
    void aWrongNumberDeniesTheRequestAndSpendsTheLink() {
        Scene s = scene();
        String approval = approvalOn(s);
        String wrong = CrossDeviceSteps.wrongChoice(approval, s.waiting().matchCode());

        HttpResponse<String> denied = steps.pick(s.phone(), approval, wrong);

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("data-haze-page=\"denied\"");
        assertThat(events).contains("denied:" + s.email());
        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"denied\"}");
        HttpResponse<String> page = steps.check(s.desktop());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("data-haze-page=\"denied\"");
        assertThat(steps.pick(s.phone(), approval, s.waiting().matchCode()).statusCode()).as("no second try")
                .isEqualTo(410);
        assertThat(browser().get(s.waiting().link()).statusCode()).as("link spent").isEqualTo(410);
        assertThat(typeEmailedCode(s))
                .as("nor the code").isEqualTo(403);
        assertThat(signedInAs(s.desktop(), "", s.email())).isFalse();
        assertThat(signedInAs(s.phone(), "", s.email())).isFalse();
    }

    @Test
    void anAttackersRequestCannotBeApprovedBlindlyAndOneWrongPickEndsIt() {
        String victim = newAddress();
        Browser attacker = browser();
        Browser victimsPhone = browser();
        Waiting attack = steps.requestLink(attacker, victim);
        String approval = steps.openForApproval(victimsPhone, attack).body();

        List<String> choices = choices(approval);
        assertThat(choices).hasSize(3).doesNotHaveDuplicates();
        assertThat(choices.stream().filter(attack.matchCode()::equals)).as("the attacker's number, exactly once")
                .hasSize(1);
        // The victim cannot see the attacker's screen; a blind pick is wrong 2 times in 3 - and one is enough.
        String blindWrongPick = CrossDeviceSteps.wrongChoice(approval, attack.matchCode());
        steps.pick(victimsPhone, approval, blindWrongPick);

        assertThat(steps.poll(attacker).body()).isEqualTo("{\"state\":\"denied\"}");
        assertThat(signedInAs(attacker, "", victim)).isFalse();
        assertThat(steps.pick(victimsPhone, approval, attack.matchCode()).statusCode()).isEqualTo(410);
        assertThat(steps.poll(attacker).body()).isEqualTo("{\"state\":\"denied\"}");
    }

    @Test
    void thisWasntMeCancelsTheRequest() {
        Scene s = scene();

        HttpResponse<String> cancelled = steps.decide(s.phone(), approvalOn(s), "deny");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("data-haze-page=\"cancelled\"");
        assertThat(events).contains("denied:" + s.email());
        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"denied\"}");
        assertThat(s.phone().get(s.waiting().link()).statusCode()).isEqualTo(410);
    }

    @Test
    void signingInOnThePhoneInsteadEndsTheDesktopsRequest() {
        Scene s = scene();

        HttpResponse<String> here = steps.decide(s.phone(), approvalOn(s), "here");

        assertThat(here.statusCode()).isEqualTo(303);
        assertThat(signedInAs(s.phone(), "", s.email())).isTrue();
        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"redeemed\"}");
        HttpResponse<String> page = steps.check(s.desktop());
        assertThat(page.body()).contains("data-haze-page=\"elsewhere\"");
        assertThat(signedInAs(s.desktop(), "", s.email())).isFalse();
    }

    @Test
    void approvalChoicesNeedThePhonesAntiForgeryValue() {
        Browser desktop = browser();
        Browser phone = browser();
        Waiting waiting = steps.requestLink(desktop, newAddress());
        String approval = steps.openForApproval(phone, waiting).body();
        HtmlForm right = HtmlForm.withDecision(approval, "approve").stream()
                .filter(f -> f.fields().get("code").equals(waiting.matchCode())).findFirst().orElseThrow();

        HttpResponse<String> otherBrowser = browser().post(right.action(), right.fields());
        HttpResponse<String> forged = phone.post(right.action(), right.fieldsWith("haze_confirm", "A".repeat(43)));
        HttpResponse<String> crossSite = phone.post(right.action(), right.fields(), "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> unknownDecision = phone.post(right.action(), right.fieldsWith("decision", "maybe"));

        assertThat(List.of(otherBrowser, forged, crossSite)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(403));
        assertThat(unknownDecision.statusCode()).isEqualTo(400);
        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"pending\"}");
        assertThat(steps.pick(phone, approval, waiting.matchCode()).statusCode()).as("not burnt").isEqualTo(200);
    }

    // ---- the emailed code ---------------------------------------------------------------------------

    @Test
    void theEmailedCodeSignsTheDesktopIn() {
        Scene s = scene();

        HttpResponse<String> signedIn = steps.typeCode(s.desktop(), s.waiting().page().body(),
                s.waiting().code().substring(0, 3) + " " + s.waiting().code().substring(3));

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue(HOME);
        assertThat(signedInAs(s.desktop(), "", s.email())).isTrue();
        assertThat(browser().get(s.waiting().link()).statusCode()).as("the code spent the link").isEqualTo(410);
    }

    @Test
    void fiveWrongCodesDenyTheRequest() {
        Scene s = scene();
        String wrong = s.waiting().code().equals("123456") ? "654321" : "123456";

        for (int left = 4; left >= 1; left--) {
            HttpResponse<String> response = steps.typeCode(s.desktop(), s.waiting().page().body(), wrong);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("data-haze-page=\"waiting\"", "Tries left: " + left);
        }
        HttpResponse<String> json = steps.typeCode(s.desktop(), s.waiting().page().body(), wrong, "Accept",
                "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("{\"state\":\"denied\"}");
        assertThat(events).contains("denied:" + s.email());
        assertThat(typeEmailedCode(s)).isEqualTo(403);
        assertThat(signedInAs(s.desktop(), "", s.email())).isFalse();
        HttpResponse<String> link = browser().get(s.waiting().link());
        assertThat(link.statusCode()).as("a request burnt by wrong codes spends its link").isEqualTo(410);
        assertThat(link.body()).doesNotContain("data-haze-page=\"approve\"");
    }

    @Test
    void aWrongCodeAsJsonTellsTheTriesLeft() {
        Browser desktop = browser();
        Waiting waiting = steps.requestLink(desktop, newAddress());
        HttpResponse<String> json = steps.typeCode(desktop, waiting.page().body(),
                waiting.code().equals("111111") ? "222222" : "111111", "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).isEqualTo("{\"state\":\"pending\",\"error\":\"wrong_code\",\"attempts_left\":4}");
    }

    @Test
    void aCodePostWithoutTheWaitingPagesAntiForgeryValueIsRefused() {
        Browser desktop = browser();
        Waiting waiting = steps.requestLink(desktop, newAddress());
        HttpResponse<String> missing = desktop.post(steps.status, Map.of("code", waiting.code()));
        HttpResponse<String> crossSite = steps.typeCode(desktop, waiting.page().body(), waiting.code(),
                "Sec-Fetch-Site", "cross-site");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"pending\"}");
    }

    // ---- expiry, redemption, forged polling ----------------------------------------------------

    @Test
    void aRequestExpiresWhileWaiting() {
        Scene s = scene();
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"expired\"}");
        HttpResponse<String> withinLeeway = browser().get(s.waiting().link());
        assertThat(withinLeeway.body()).as("past the request's expiry the link shows no approval page")
                .doesNotContain("data-haze-page=\"approve\"");
        clock.advance(HazeConfig.DEFAULT_CLOCK_LEEWAY);

        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"expired\"}");
        HttpResponse<String> page = steps.check(s.desktop());
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("data-haze-page=\"expired\"");
        assertThat(browser().get(s.waiting().link()).statusCode()).isEqualTo(410);
        assertThat(typeEmailedCode(s)).isEqualTo(410);
        assertThat(signedInAs(s.desktop(), "", s.email())).isFalse();
    }

    @Test
    void concurrentPollsAfterApprovalSignInOnce() throws Exception {
        Scene s = scene();
        steps.pick(s.phone(), approvalOn(s), s.waiting().matchCode());

        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                polls.add(pool.submit(() -> {
                    go.await();
                    return steps.poll(s.desktop());
                }));
            }
            go.countDown();
            int approvals = 0;
            for (Future<HttpResponse<String>> poll : polls) {
                approvals += poll.get().body().startsWith("{\"state\":\"approved\"") ? 1 : 0;
            }
            assertThat(approvals).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(signedInAs(s.desktop(), "", s.email())).isTrue();
    }

    @Test
    void thirtyTwoPhonesRacingForOneLinkSignInExactlyOneSession() throws Exception {
        Scene s = scene();
        int n = 32;
        List<Browser> phones = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Browser phone = browser();
            phones.add(phone);
            pages.add(steps.openForApproval(phone, s.waiting()).body());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Browser phone = phones.get(i);
                String page = pages.get(i);
                // half press "sign in here", half pick the right number: one of them, whichever, wins
                String decision = i % 2 == 0 ? "here" : null;
                results.add(pool.submit(() -> {
                    go.await();
                    return decision != null ? steps.decide(phone, page, decision)
                            : steps.pick(phone, page, s.waiting().matchCode());
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<HttpResponse<String>> result : results) {
                int status = result.get().statusCode();
                assertThat(status).as("never a 5xx").isLessThan(500);
                won += status == 303 || status == 200 && result.get().body().contains("data-haze-page=\"approved\"")
                        ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        long phonesSignedIn = phones.stream().filter(p -> signedInAs(p, "", s.email())).count();
        boolean desktopSignedIn = steps.poll(s.desktop()).body().startsWith("{\"state\":\"approved\"");
        assertThat(phonesSignedIn + (desktopSignedIn ? 1 : 0)).as("signed-in sessions").isEqualTo(1);
    }

    @Test
    void pollingWithoutTheRequestsSessionGetsNothing() {
        String email = newAddress();
        Browser desktop = browser();
        Browser phone = browser();
        Browser otherWaiting = browser();
        Waiting waiting = steps.requestLink(desktop, email);
        steps.requestLink(otherWaiting, newAddress());
        steps.pick(phone, steps.openForApproval(phone, waiting).body(), waiting.matchCode());

        Browser stranger = browser();
        HttpResponse<String> noSession = stranger.get(steps.status + "?request_id=" + "A".repeat(43),
                "Accept", "application/json");
        HttpResponse<String> forgedCookie = stranger.get(steps.status, "Accept", "application/json",
                "Cookie", "JSESSIONID=forged" + UUID.randomUUID());
        assertThat(noSession.statusCode()).isEqualTo(404);
        assertThat(noSession.body()).isEqualTo("{\"state\":\"none\"}");
        assertThat(forgedCookie.body()).isEqualTo("{\"state\":\"none\"}");
        assertThat(stranger.sessionId()).as("no session made").isNull();
        assertThat(steps.poll(otherWaiting).body()).as("another session sees only its own request")
                .isEqualTo("{\"state\":\"pending\"}");
        assertThat(steps.poll(phone).body()).isEqualTo("{\"state\":\"none\"}");
        assertThat(signedInAs(otherWaiting, "", email)).isFalse();
        assertThat(signedInAs(phone, "", email)).isFalse();
        assertThat(steps.poll(desktop).body()).startsWith("{\"state\":\"approved\"");
    }

    @Test
    void pollingWhilePendingIsOneStoreReadAndNoWrite() {
        Browser desktop = browser();
        steps.requestLink(desktop, newAddress());
        store.calls.clear();

        for (int i = 0; i < 3; i++) {
            assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"pending\"}");
        }
        assertThat(store.calls).containsExactly("findLoginRequest", "findLoginRequest", "findLoginRequest");
        store.calls.clear();
        browser().get(steps.status, "Accept", "application/json");
        assertThat(store.calls).as("no session: no store at all").isEmpty();
    }

    // ---- asking again, approving late ----------------------------------------------------------------

    @Test
    void askingAgainEndsTheEarlierRequestAndItsLinkStillSignsInOnTheConfirmPage() {
        String email = newAddress();
        Browser desktop = browser();
        Waiting first = steps.requestLink(desktop, email);
        Waiting second = steps.requestLink(desktop, email);

        HttpResponse<String> firstOnDesktop = desktop.get(first.link());
        assertThat(firstOnDesktop.statusCode()).isEqualTo(200);
        assertThat(firstOnDesktop.body()).as("not an approval page whose number is on no screen")
                .contains("data-haze-page=\"confirm\"").doesNotContain("data-haze-page=\"approve\"");
        assertThat(browser().get(first.link()).body()).as("nor on the phone")
                .contains("data-haze-page=\"confirm\"");
        assertThat(steps.poll(desktop).body()).as("the second request waits").isEqualTo("{\"state\":\"pending\"}");
        assertThat(choices(steps.openForApproval(browser(), second).body())).containsOnlyOnce(second.matchCode());

        HttpResponse<String> signedIn = desktop.post(steps.verify, HtmlForm.all(firstOnDesktop.body()).get(0).fields());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedInAs(desktop, "", email)).isTrue();
    }

    @Test
    void anApprovalInTheRequestsLastSecondStillSignsTheDesktopIn() {
        Scene s = scene();
        String approval = approvalOn(s);
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(steps.pick(s.phone(), approval, s.waiting().matchCode()).body())
                .contains("data-haze-page=\"approved\"");

        clock.advance(Duration.ofSeconds(11)); // the script's next poll, up to 15 s later
        assertThat(steps.poll(s.desktop()).body()).isEqualTo("{\"state\":\"approved\",\"next\":\"" + HOME + "\"}");
        assertThat(signedInAs(s.desktop(), "", s.email())).isTrue();
    }

    // ---- events -------------------------------------------------------------------------------------

    @Test
    void everyPathReportsVerifiedExactlyWhenABrowserIsSignedIn() {
        Scene approved = scene();
        int from = events.size() - 1; // the link's generation, already recorded
        steps.pick(approved.phone(), approvalOn(approved), approved.waiting().matchCode());
        steps.poll(approved.desktop());
        steps.poll(approved.desktop());
        assertThat(listener.since(from)).as("approved on the phone, then the desktop's poll").containsExactly(
                "generated:" + approved.email(), "opened:" + approved.email(), "approved:" + approved.email(),
                "verified:" + approved.email());

        Scene wrongPick = scene();
        from = events.size() - 1;
        String page = approvalOn(wrongPick);
        steps.pick(wrongPick.phone(), page, CrossDeviceSteps.wrongChoice(page, wrongPick.waiting().matchCode()));
        steps.poll(wrongPick.desktop());
        steps.pick(wrongPick.phone(), page, wrongPick.waiting().matchCode());
        assertThat(listener.since(from)).as("a wrong pick, then the right one").containsExactly(
                "generated:" + wrongPick.email(), "opened:" + wrongPick.email(), "denied:" + wrongPick.email(),
                "rejected:ALREADY_USED");

        Scene notMe = scene();
        from = events.size() - 1;
        steps.decide(notMe.phone(), approvalOn(notMe), "deny");
        steps.poll(notMe.desktop());
        assertThat(listener.since(from)).as("this wasn't me").containsExactly("generated:" + notMe.email(),
                "opened:" + notMe.email(), "denied:" + notMe.email());

        Scene here = scene();
        from = events.size() - 1;
        steps.decide(here.phone(), approvalOn(here), "here");
        steps.poll(here.desktop());
        assertThat(listener.since(from)).as("sign in on the phone instead").containsExactly(
                "generated:" + here.email(), "opened:" + here.email(), "verified:" + here.email());

        Scene sameBrowser = scene();
        from = events.size() - 1;
        HttpResponse<String> confirm = sameBrowser.desktop().get(sameBrowser.waiting().link());
        sameBrowser.desktop().post(steps.verify, HtmlForm.all(confirm.body()).get(0).fields());
        steps.poll(sameBrowser.desktop());
        assertThat(listener.since(from)).as("the confirm page in the requesting browser").containsExactly(
                "generated:" + sameBrowser.email(), "opened:" + sameBrowser.email(),
                "verified:" + sameBrowser.email());

        Scene code = scene();
        from = events.size() - 1;
        typeEmailedCode(code);
        steps.poll(code.desktop());
        assertThat(listener.since(from)).as("the emailed code").containsExactly("generated:" + code.email(),
                "verified:" + code.email());

        Scene guessed = scene();
        from = events.size() - 1;
        String wrong = guessed.waiting().code().equals("123456") ? "654321" : "123456";
        for (int i = 0; i < 6; i++) {
            steps.typeCode(guessed.desktop(), guessed.waiting().page().body(), wrong);
        }
        assertThat(listener.since(from)).as("five wrong codes (and a sixth)").containsExactly(
                "generated:" + guessed.email(), "denied:" + guessed.email());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Browser browser() {
        return new Browser(server.origin());
    }

    /**
     * A fresh known address, a desktop that asked for its link (and got the waiting page), and a phone.
     */
    private record Scene(String email, Browser desktop, Browser phone, Waiting waiting) {
    }

    private Scene scene() {
        String email = newAddress();
        Browser desktop = browser();
        return new Scene(email, desktop, browser(), steps.requestLink(desktop, email));
    }

    /** @return the approval page the scene's phone gets for the link */
    private String approvalOn(Scene s) {
        return steps.openForApproval(s.phone(), s.waiting()).body();
    }

    /** @return the status of typing the emailed code on the scene's desktop */
    private int typeEmailedCode(Scene s) {
        return steps.typeCode(s.desktop(), s.waiting().page().body(), s.waiting().code()).statusCode();
    }

    private static String newAddress() {
        return "user-" + UUID.randomUUID() + "@known.example";
    }

    /** A page with its random parts (matching code, anti-forgery value) blanked out. */
    private static String comparable(String html) {
        return html.replaceAll("id=\"haze-match\">\\d\\d<", "id=\"haze-match\">NN<")
                .replaceAll("name=\"haze_confirm\" value=\"[^\"]*\"", "name=\"haze_confirm\" value=\"X\"")
                .replaceAll("data-haze-expires-in=\"\\d+\"", "data-haze-expires-in=\"N\"");
    }
}
