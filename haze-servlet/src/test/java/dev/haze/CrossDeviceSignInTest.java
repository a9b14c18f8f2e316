package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.CrossDeviceSignIn.CodeResult;
import dev.haze.CrossDeviceSignIn.Outcome;
import dev.haze.CrossDeviceSignIn.PendingApproval;
import dev.haze.CrossDeviceSignIn.Started;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.store.LoginRequestState;
import dev.haze.testing.LinkParts;
import dev.haze.testing.MutableClock;
import dev.haze.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CrossDeviceSignInTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final RecordedEvents listener = new RecordedEvents();
    private final List<String> events = listener.events;
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final Haze haze = Haze.builder().baseUrl("https://myapp.com").secretKey(TestKeys.SECRET)
            .store(store).clock(clock).listener(listener).build();
    private final CrossDeviceSignIn crossDevice = new CrossDeviceSignIn(haze);

    private Started start() {
        return start(crossDevice);
    }

    private static Started start(CrossDeviceSignIn crossDevice) {
        return crossDevice.start("ann@example.com", Map.of("plan", "pro"), "/reports", "Firefox on Linux");
    }

    private static String signature(Started started) {
        return LinkParts.signature(started.link());
    }

    private static String wrongChoice(CrossDeviceSignIn crossDevice, Started started) {
        return crossDevice.pendingApproval(started.link().tokenId()).orElseThrow().choices().stream()
                .filter(c -> !c.equals(started.matchCode())).findFirst().orElseThrow();
    }

    @Test
    void approvingWithTheRightCodeSignsTheRequestingDeviceInExactlyOnce() {
        Started started = start();
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.PENDING);

        PendingApproval pending = crossDevice.pendingApproval(started.link().tokenId()).orElseThrow();
        assertThat(pending.choices()).hasSize(3).doesNotHaveDuplicates().contains(started.matchCode());
        assertThat(pending.requestedBy()).isEqualTo("Firefox on Linux");
        assertThat(crossDevice.pendingApproval(started.link().tokenId()).orElseThrow().choices())
                .as("stable across reloads").isEqualTo(pending.choices());

        Outcome outcome = crossDevice.approve(started.link().tokenId(), LinkParts.signature(started.link()),
                started.matchCode());
        assertThat(outcome).isEqualTo(Outcome.APPROVED);
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.APPROVED);
        assertThat(events).as("approving signs no one in").containsExactly("generated:ann@example.com",
                "approved:ann@example.com");

        VerifiedToken user = crossDevice.redeem(started.requestId()).orElseThrow();
        assertThat(events).as("the redemption does").containsExactly("generated:ann@example.com",
                "approved:ann@example.com", "verified:ann@example.com");
        assertThat(user.userId()).isEqualTo("ann@example.com");
        assertThat(user.metadata()).containsEntry("plan", "pro");
        assertThat(user.nextPath()).isEqualTo("/reports");
        assertThat(crossDevice.redeem(started.requestId())).as("second redemption").isEmpty();
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.REDEEMED);
        assertThat(events).hasSize(3);
    }

    @Test
    void aWrongCodeDeniesTheRequestAndSpendsTheLink() {
        Started started = start();
        String wrong = crossDevice.pendingApproval(started.link().tokenId()).orElseThrow().choices().stream()
                .filter(c -> !c.equals(started.matchCode())).findFirst().orElseThrow();

        assertThat(crossDevice.approve(started.link().tokenId(), LinkParts.signature(started.link()), wrong))
                .isEqualTo(Outcome.DENIED);
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.DENIED);
        assertThat(crossDevice.redeem(started.requestId())).isEmpty();
        assertThat(events).as("a refusal is never a sign-in").containsExactly("generated:ann@example.com",
                "denied:ann@example.com");
        assertThatThrownBy(() -> crossDevice.approve(started.link().tokenId(), LinkParts.signature(started.link()),
                started.matchCode())).isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.ALREADY_USED));
        assertThat(events).containsExactly("generated:ann@example.com", "denied:ann@example.com",
                "rejected:ALREADY_USED");
    }

    @Test
    void signingInOnTheOpeningDeviceEndsTheRequest() {
        Started started = start();
        VerifiedToken here = crossDevice.signInHere(started.link().tokenId(), LinkParts.signature(started.link()));

        assertThat(here.userId()).isEqualTo("ann@example.com");
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.REDEEMED);
        assertThat(crossDevice.redeem(started.requestId())).isEmpty();
        assertThat(crossDevice.pendingApproval(started.link().tokenId())).isEmpty();
        assertThat(events).containsExactly("generated:ann@example.com", "verified:ann@example.com");
    }

    @Test
    void denyingSpendsTheLinkAndEndsTheRequest() {
        Started started = start();

        assertThat(crossDevice.deny(started.link().tokenId(), LinkParts.signature(started.link())))
                .isEqualTo(Outcome.DENIED);
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.DENIED);
        assertThat(crossDevice.redeem(started.requestId())).isEmpty();
        assertThat(events).containsExactly("generated:ann@example.com", "denied:ann@example.com");
        assertThatThrownBy(() -> crossDevice.deny(started.link().tokenId(), LinkParts.signature(started.link())))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(events).containsExactly("generated:ann@example.com", "denied:ann@example.com",
                "rejected:ALREADY_USED");
        MagicLink plain = haze.generate("bob@example.com", Map.of());
        assertThat(crossDevice.deny(plain.tokenId(), LinkParts.signature(plain))).as("a link without a request")
                .isEqualTo(Outcome.ENDED);
        assertThat(events).as("a link without a request: no one refused or signed in").containsExactly(
                "generated:ann@example.com", "denied:ann@example.com", "rejected:ALREADY_USED",
                "generated:bob@example.com");
    }

    @Test
    void aDecoyLooksPendingCountsWrongCodesAndNeverSignsIn() {
        Started decoy = crossDevice.startDecoy("Chrome on Android");

        assertThat(decoy.link()).isNull();
        assertThat(decoy.code()).isNull();
        assertThat(decoy.matchCode()).matches("\\d\\d");
        assertThat(decoy.expiresAt()).isEqualTo(clock.instant().plus(haze.config().linkExpiry()));
        assertThat(crossDevice.status(decoy.requestId())).contains(LoginRequestState.PENDING);
        for (int left = CrossDeviceSignIn.MAX_CODE_ATTEMPTS - 1; left >= 1; left--) {
            CodeResult wrong = crossDevice.submitCode(decoy.requestId(), "123456");
            assertThat(wrong.outcome()).isEqualTo(Outcome.WRONG_CODE);
            assertThat(wrong.attemptsLeft()).isEqualTo(left);
        }
        assertThat(crossDevice.submitCode(decoy.requestId(), "123456").outcome()).isEqualTo(Outcome.DENIED);
        assertThat(events).as("a decoy has no user to tell about").isEmpty();
        assertThat(crossDevice.redeem(decoy.requestId())).isEmpty();

        Started expiring = crossDevice.startDecoy("");
        clock.advance(haze.config().linkExpiry());
        assertThat(crossDevice.status(expiring.requestId())).contains(LoginRequestState.EXPIRED);
    }

    @Test
    void theRequestingBrowserIsRecognisedByItsRequestIdOnly() {
        Started mine = start();
        Started other = start();

        assertThat(crossDevice.requestedBy(mine.link().tokenId(), mine.requestId())).isTrue();
        assertThat(crossDevice.requestedBy(mine.link().tokenId(), other.requestId())).isFalse();
        assertThat(crossDevice.requestedBy(mine.link().tokenId(), null)).isFalse();
        assertThat(crossDevice.requestedBy(mine.link().tokenId(), "forged")).isFalse();
    }

    @Test
    void theFallbackCodeSignsInOnceAndFiveWrongTriesBurnTheRequest() {
        Started started = start();
        String wrong = started.code().equals("000000") ? "000001" : "000000";

        for (int attempt = 1; attempt < CrossDeviceSignIn.MAX_CODE_ATTEMPTS; attempt++) {
            CodeResult result = crossDevice.submitCode(started.requestId(), wrong);
            assertThat(result.outcome()).isEqualTo(Outcome.WRONG_CODE);
            assertThat(result.attemptsLeft()).isEqualTo(CrossDeviceSignIn.MAX_CODE_ATTEMPTS - attempt);
        }
        assertThat(crossDevice.submitCode(started.requestId(), wrong).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(events).as("the last wrong code denies; no one is signed in").containsExactly(
                "generated:ann@example.com", "denied:ann@example.com");
        assertThat(crossDevice.submitCode(started.requestId(), started.code()).outcome())
                .as("the right code after the request burnt").isEqualTo(Outcome.ENDED);
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.DENIED);
        assertThatThrownBy(() -> haze.verify(started.link().tokenId(), signature(started)))
                .as("a request burnt by wrong codes spends its link too")
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.ALREADY_USED));

        Started fresh = start();
        int before = events.size();
        CodeResult ok = crossDevice.submitCode(fresh.requestId(), " " + fresh.code().substring(0, 3) + " "
                + fresh.code().substring(3));
        assertThat(ok.outcome()).isEqualTo(Outcome.SIGNED_IN);
        assertThat(ok.token().userId()).isEqualTo("ann@example.com");
        assertThat(ok.token().metadata()).containsEntry("plan", "pro");
        assertThat(listener.since(before)).as("the code signs the desktop in").containsExactly(
                "verified:ann@example.com");
        assertThat(crossDevice.submitCode(fresh.requestId(), fresh.code()).outcome()).isEqualTo(Outcome.ENDED);
        assertThatThrownBy(() -> haze.verify(fresh.link().tokenId(), LinkParts.signature(fresh.link())))
                .as("the code consumed the link").isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aCodeIsBoundToItsOwnRequest() {
        Started mine = start();
        Started other = start();
        Started other2 = mine.code().equals(other.code()) ? start() : other; // codes collide 1 in a million
        assertThat(crossDevice.submitCode(other2.requestId(), mine.code()).outcome()).isEqualTo(Outcome.WRONG_CODE);
        assertThat(crossDevice.status(other2.requestId())).contains(LoginRequestState.PENDING);
        assertThat(crossDevice.status(mine.requestId())).contains(LoginRequestState.PENDING);
    }

    @Test
    void aRequestExpiresWithItsLink() {
        Started started = start();
        clock.advance(haze.config().linkExpiry().plusSeconds(1));

        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.EXPIRED);
        assertThat(crossDevice.pendingApproval(started.link().tokenId())).isEmpty();
        assertThat(crossDevice.submitCode(started.requestId(), started.code()).outcome()).isEqualTo(Outcome.ENDED);
        assertThat(crossDevice.redeem(started.requestId())).isEmpty();
    }

    @Test
    void aCancelledRequestLeavesNothingUsable() {
        Started started = start();

        crossDevice.cancel(started);

        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.EXPIRED);
        assertThat(crossDevice.pendingApproval(started.link().tokenId())).isEmpty();
        assertThat(crossDevice.submitCode(started.requestId(), started.code()).outcome()).isEqualTo(Outcome.ENDED);
        assertThat(crossDevice.redeem(started.requestId())).isEmpty();
        assertThatThrownBy(() -> haze.verify(started.link().tokenId(), LinkParts.signature(started.link())))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.NOT_FOUND));
    }

    @Test
    void forgedOrUnknownRequestIdsGetNothing() {
        start();
        assertThat(crossDevice.status("x".repeat(43))).isEmpty();
        assertThat(crossDevice.status(null)).isEmpty();
        assertThat(crossDevice.status("<script>")).isEmpty();
        assertThat(crossDevice.redeem("A".repeat(43))).isEmpty();
        assertThat(crossDevice.submitCode("A".repeat(43), "123456").outcome()).isEqualTo(Outcome.ENDED);
    }

    @Test
    void concurrentRedemptionsHaveExactlyOneWinner() throws Exception {
        Started started = start();
        crossDevice.approve(started.link().tokenId(), LinkParts.signature(started.link()), started.matchCode());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Optional<VerifiedToken>>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                attempts.add(pool.submit(() -> crossDevice.redeem(started.requestId())));
            }
            long winners = 0;
            for (Future<Optional<VerifiedToken>> attempt : attempts) {
                winners += attempt.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- approval in the request's last seconds -------------------------------------------------------

    @Test
    void anApprovalJustBeforeExpiryCanBeRedeemedWithinTheRedemptionWindowOnly() {
        Started started = start();
        Started late = start();
        clock.advance(haze.config().linkExpiry().minusSeconds(1));

        assertThat(crossDevice.approve(started.link().tokenId(), signature(started), started.matchCode()))
                .isEqualTo(Outcome.APPROVED);
        assertThat(crossDevice.approve(late.link().tokenId(), signature(late), late.matchCode()))
                .isEqualTo(Outcome.APPROVED);
        clock.advance(Duration.ofSeconds(11)); // 10 s past the request's (and the link's) expiry
        store.purgeExpired(clock.instant(), Integer.MAX_VALUE); // other traffic's writes purge expired entries

        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.APPROVED);
        VerifiedToken user = crossDevice.redeem(started.requestId()).orElseThrow();
        assertThat(user.userId()).isEqualTo("ann@example.com");
        assertThat(user.metadata()).containsEntry("plan", "pro");
        assertThat(user.nextPath()).isEqualTo("/reports");
        assertThat(events).endsWith("verified:ann@example.com");

        clock.advance(CrossDeviceSignIn.REDEMPTION_WINDOW.minusSeconds(10)); // the window ended
        assertThat(crossDevice.status(late.requestId())).contains(LoginRequestState.EXPIRED);
        assertThat(crossDevice.redeem(late.requestId())).isEmpty();
    }

    @Test
    void anApprovalDoesNotMakeTheLinkWorkLonger() {
        Haze reusable = Haze.builder().baseUrl("https://myapp.com").secretKey(TestKeys.SECRET)
                .store(new InMemoryTokenStore()).clock(clock).allowReuse(true).build();
        CrossDeviceSignIn reusableCrossDevice = new CrossDeviceSignIn(reusable);
        Started started = start(reusableCrossDevice);
        clock.advance(reusable.config().linkExpiry().minusSeconds(1));
        reusableCrossDevice.approve(started.link().tokenId(), signature(started), started.matchCode());

        clock.advance(reusable.config().clockLeeway().plusSeconds(2));
        assertThatThrownBy(() -> reusable.verify(started.link().tokenId(), signature(started)))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.EXPIRED));
        assertThat(reusableCrossDevice.redeem(started.requestId())).as("while the request is redeemable")
                .isPresent();
    }

    // ---- allow-reuse ------------------------------------------------------------------------------

    @Test
    void withAllowReuseSignInsAndApprovalsKeepTheLinkWorkingAndRefusalsSpendIt() {
        Haze reusable = Haze.builder().baseUrl("https://myapp.com").secretKey(TestKeys.SECRET)
                .store(new InMemoryTokenStore()).clock(clock).allowReuse(true).listener(listener).build();
        CrossDeviceSignIn reusableCrossDevice = new CrossDeviceSignIn(reusable);

        Started approved = start(reusableCrossDevice);
        reusableCrossDevice.approve(approved.link().tokenId(), signature(approved), approved.matchCode());
        assertThat(reusableCrossDevice.redeem(approved.requestId())).isPresent();
        assertThat(reusableCrossDevice.pendingApproval(approved.link().tokenId())).as("the decision is final")
                .isEmpty();
        assertThat(reusable.verify(approved.link().tokenId(), signature(approved)).useCount())
                .as("an approved reusable link works until it expires").isEqualTo(2);

        Started coded = start(reusableCrossDevice);
        assertThat(reusableCrossDevice.submitCode(coded.requestId(), coded.code()).outcome())
                .isEqualTo(Outcome.SIGNED_IN);
        assertThat(reusable.verify(coded.link().tokenId(), signature(coded)).useCount()).isEqualTo(2);

        Started here = start(reusableCrossDevice);
        reusableCrossDevice.signInHere(here.link().tokenId(), signature(here));
        assertThat(reusable.verify(here.link().tokenId(), signature(here)).useCount()).isEqualTo(2);

        Started wrongPick = start(reusableCrossDevice);
        assertThat(reusableCrossDevice.approve(wrongPick.link().tokenId(), signature(wrongPick),
                wrongChoice(reusableCrossDevice, wrongPick))).isEqualTo(Outcome.DENIED);
        Started notMe = start(reusableCrossDevice);
        assertThat(reusableCrossDevice.deny(notMe.link().tokenId(), signature(notMe))).isEqualTo(Outcome.DENIED);
        Started guessed = start(reusableCrossDevice);
        String wrong = guessed.code().equals("000000") ? "000001" : "000000";
        for (int i = 0; i < CrossDeviceSignIn.MAX_CODE_ATTEMPTS; i++) {
            reusableCrossDevice.submitCode(guessed.requestId(), wrong);
        }
        assertThat(reusableCrossDevice.status(guessed.requestId())).contains(LoginRequestState.DENIED);

        for (Started refused : List.of(wrongPick, notMe, guessed)) {
            assertThatThrownBy(() -> reusable.verify(refused.link().tokenId(), signature(refused)))
                    .as("a refusal spends even a reusable link")
                    .isInstanceOfSatisfying(InvalidTokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.ALREADY_USED));
        }
    }

    // ---- a device that asks again ---------------------------------------------------------------------

    @Test
    void anAbandonedRequestEndsButItsLinkStillSignsIn() {
        Started first = start();
        Started second = start();

        crossDevice.abandon(first.requestId());

        assertThat(crossDevice.status(first.requestId())).contains(LoginRequestState.EXPIRED);
        assertThat(crossDevice.pendingApproval(first.link().tokenId())).as("no approval page").isEmpty();
        assertThat(crossDevice.submitCode(first.requestId(), first.code()).outcome()).isEqualTo(Outcome.ENDED);
        assertThat(crossDevice.status(second.requestId())).contains(LoginRequestState.PENDING);
        assertThat(crossDevice.signInHere(first.link().tokenId(), signature(first)).userId())
                .as("the link on the ordinary confirm page").isEqualTo("ann@example.com");
        crossDevice.abandon(null);
        crossDevice.abandon(second.requestId() + "x");
        assertThat(crossDevice.status(second.requestId())).contains(LoginRequestState.PENDING);
    }

    // ---- every path's events ----------------------------------------------------------------------

    @Test
    void verifiedFiresExactlyWhenABrowserIsSignedInOnEveryPath() {
        assertThat(path(s -> {
            haze.open(s.link().tokenId(), signature(s));
            crossDevice.approve(s.link().tokenId(), signature(s), s.matchCode());
            crossDevice.redeem(s.requestId());
            crossDevice.redeem(s.requestId());
        })).as("approved on the phone, redeemed by the desktop").containsExactly("generated:ann@example.com",
                "opened:ann@example.com", "approved:ann@example.com", "verified:ann@example.com");
        assertThat(path(s -> {
            haze.open(s.link().tokenId(), signature(s));
            crossDevice.approve(s.link().tokenId(), signature(s), wrongChoice(crossDevice, s));
            crossDevice.redeem(s.requestId());
            tryApprove(s, s.matchCode());
        })).as("a wrong pick").containsExactly("generated:ann@example.com", "opened:ann@example.com",
                "denied:ann@example.com", "rejected:ALREADY_USED");
        assertThat(path(s -> {
            haze.open(s.link().tokenId(), signature(s));
            crossDevice.deny(s.link().tokenId(), signature(s));
            crossDevice.redeem(s.requestId());
        })).as("this wasn't me").containsExactly("generated:ann@example.com", "opened:ann@example.com",
                "denied:ann@example.com");
        assertThat(path(s -> {
            haze.open(s.link().tokenId(), signature(s));
            crossDevice.signInHere(s.link().tokenId(), signature(s));
            crossDevice.redeem(s.requestId());
        })).as("signed in on the phone (or the same browser's confirm page)").containsExactly(
                "generated:ann@example.com", "opened:ann@example.com", "verified:ann@example.com");
        assertThat(path(s -> crossDevice.submitCode(s.requestId(), s.code()))).as("the emailed code")
                .containsExactly("generated:ann@example.com", "verified:ann@example.com");
        assertThat(path(s -> {
            String wrong = s.code().equals("000000") ? "000001" : "000000";
            for (int i = 0; i <= CrossDeviceSignIn.MAX_CODE_ATTEMPTS; i++) {
                crossDevice.submitCode(s.requestId(), wrong);
            }
        })).as("five wrong codes (and a sixth)").containsExactly("generated:ann@example.com",
                "denied:ann@example.com");
        assertThat(path(s -> tryApprove(s, "not-a-code"))).as("a forged pick that is none of the choices")
                .containsExactly("generated:ann@example.com", "denied:ann@example.com");
    }

    /** @return the events of one request started and then taken along {@code path} */
    private List<String> path(java.util.function.Consumer<Started> path) {
        int before = events.size();
        path.accept(start());
        return listener.since(before);
    }

    private void tryApprove(Started started, String code) {
        try {
            crossDevice.approve(started.link().tokenId(), signature(started), code);
        } catch (InvalidTokenException expected) {
            // recorded by the listener as rejected
        }
    }

    // ---- number matching: the odds of a blind pick ------------------------------------------------

    /**
     * A victim who cannot see the requesting screen picks blindly, by any rule that looks only at what the
     * approval page shows: the three numbers and their order. Each choice list is drawn from the digest
     * of its (random) request id, so over {@value #ODDS_REQUESTS} real requests the real number must be
     * (1) in each of the three positions, (2) the smallest, middle or largest number, and (3) spread over
     * 10..99 like the decoys, all as often as chance says. Each is a chi-square test whose critical value
     * is exceeded with probability 10^-6 when there is no bias, so a correct implementation fails this
     * test about 3 times in a million runs; a bias of even a few percentage points fails it every time.
     */
    @Test
    void aBlindPickIsRightOneTimeInThreeWhateverTheRule() {
        int[] byPosition = new int[CrossDeviceSignIn.CHOICES];
        int[] byRank = new int[CrossDeviceSignIn.CHOICES];
        int[] realByDecade = new int[9];
        int[] decoysByDecade = new int[9];
        for (int i = 0; i < ODDS_REQUESTS; i++) {
            Started started = start();
            List<String> choices = crossDevice.pendingApproval(started.link().tokenId()).orElseThrow().choices();
            assertThat(choices).hasSize(CrossDeviceSignIn.CHOICES).doesNotHaveDuplicates()
                    .allMatch(c -> c.matches("[1-9]\\d"));
            int real = Integer.parseInt(started.matchCode());
            byPosition[choices.indexOf(started.matchCode())]++;
            byRank[(int) choices.stream().mapToInt(Integer::parseInt).filter(c -> c < real).count()]++;
            realByDecade[real / 10 - 1]++;
            choices.stream().filter(c -> !c.equals(started.matchCode()))
                    .forEach(c -> decoysByDecade[Integer.parseInt(c) / 10 - 1]++);
        }

        // Chi-square with 2 degrees of freedom: P(X > x) = exp(-x/2), so x = -2 ln(1e-6) = 27.63.
        double twoDegrees = -2 * Math.log(1e-6);
        assertThat(chiSquare(byPosition)).as("always the first, second or third button: %s",
                java.util.Arrays.toString(byPosition)).isLessThan(twoDegrees);
        assertThat(chiSquare(byRank)).as("always the smallest, middle or largest number: %s",
                java.util.Arrays.toString(byRank)).isLessThan(twoDegrees);
        // Homogeneity of two samples over 9 decades: 8 degrees of freedom; P(X > 42.70) = 1e-6.
        assertThat(homogeneity(realByDecade, decoysByDecade)).as("the real number's decades %s vs the decoys' %s",
                java.util.Arrays.toString(realByDecade), java.util.Arrays.toString(decoysByDecade))
                .isLessThan(42.70);
    }

    private static final int ODDS_REQUESTS = 3000;

    /** Pearson's statistic of counts that should be equal. */
    private static double chiSquare(int[] counts) {
        double expected = (double) java.util.Arrays.stream(counts).sum() / counts.length;
        double sum = 0;
        for (int observed : counts) {
            sum += (observed - expected) * (observed - expected) / expected;
        }
        return sum;
    }

    /** Pearson's statistic for two samples drawn from the same distribution over the same bins. */
    private static double homogeneity(int[] a, int[] b) {
        double totalA = java.util.Arrays.stream(a).sum();
        double totalB = java.util.Arrays.stream(b).sum();
        double sum = 0;
        for (int bin = 0; bin < a.length; bin++) {
            double column = a[bin] + b[bin];
            double expectedA = column * totalA / (totalA + totalB);
            double expectedB = column * totalB / (totalA + totalB);
            sum += (a[bin] - expectedA) * (a[bin] - expectedA) / expectedA
                    + (b[bin] - expectedB) * (b[bin] - expectedB) / expectedB;
        }
        return sum;
    }
}
