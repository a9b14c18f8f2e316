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
    private final CrossDeviceEvents listener = new CrossDeviceEvents();
    private final List<String> events = listener.events;
    private final Haze haze = Haze.builder().baseUrl("https://myapp.com").secretKey(TestKeys.SECRET)
            .store(new InMemoryTokenStore()).clock(clock).listener(listener).build();
    private final CrossDeviceSignIn crossDevice = new CrossDeviceSignIn(haze);

    private Started start() {
        return crossDevice.start("ann@example.com", Map.of("plan", "pro"), "/reports", "Firefox on Linux");
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
        assertThat(events).containsExactly("approved:ann@example.com");

        VerifiedToken user = crossDevice.redeem(started.requestId()).orElseThrow();
        assertThat(user.userId()).isEqualTo("ann@example.com");
        assertThat(user.metadata()).containsEntry("plan", "pro");
        assertThat(user.nextPath()).isEqualTo("/reports");
        assertThat(crossDevice.redeem(started.requestId())).as("second redemption").isEmpty();
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.REDEEMED);
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
        assertThat(events).containsExactly("denied:ann@example.com");
        assertThatThrownBy(() -> crossDevice.approve(started.link().tokenId(), LinkParts.signature(started.link()),
                started.matchCode())).isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.ALREADY_USED));
    }

    @Test
    void signingInOnTheOpeningDeviceEndsTheRequest() {
        Started started = start();
        VerifiedToken here = crossDevice.signInHere(started.link().tokenId(), LinkParts.signature(started.link()));

        assertThat(here.userId()).isEqualTo("ann@example.com");
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.REDEEMED);
        assertThat(crossDevice.redeem(started.requestId())).isEmpty();
        assertThat(crossDevice.pendingApproval(started.link().tokenId())).isEmpty();
    }

    @Test
    void denyingSpendsTheLinkAndEndsTheRequest() {
        Started started = start();

        assertThat(crossDevice.deny(started.link().tokenId(), LinkParts.signature(started.link())))
                .isEqualTo(Outcome.DENIED);
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.DENIED);
        assertThat(crossDevice.redeem(started.requestId())).isEmpty();
        assertThat(events).containsExactly("denied:ann@example.com");
        assertThatThrownBy(() -> crossDevice.deny(started.link().tokenId(), LinkParts.signature(started.link())))
                .isInstanceOf(InvalidTokenException.class);
        MagicLink plain = haze.generate("bob@example.com", Map.of());
        assertThat(crossDevice.deny(plain.tokenId(), LinkParts.signature(plain))).as("a link without a request")
                .isEqualTo(Outcome.ENDED);
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
        assertThat(crossDevice.submitCode(started.requestId(), started.code()).outcome())
                .as("the right code after the request burnt").isEqualTo(Outcome.ENDED);
        assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.DENIED);

        Started fresh = start();
        CodeResult ok = crossDevice.submitCode(fresh.requestId(), " " + fresh.code().substring(0, 3) + " "
                + fresh.code().substring(3));
        assertThat(ok.outcome()).isEqualTo(Outcome.SIGNED_IN);
        assertThat(ok.token().userId()).isEqualTo("ann@example.com");
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

    @Test
    void theMatchingCodeCannotBeGuessedBetterThanOneInThree() {
        // The attacker's request shows its code only on the attacker's screen; the victim picks among three.
        int rightPicks = 0;
        int requests = 300;
        for (int i = 0; i < requests; i++) {
            Started started = start();
            List<String> choices = crossDevice.pendingApproval(started.link().tokenId()).orElseThrow().choices();
            if (choices.get(0).equals(started.matchCode())) {
                rightPicks++;
            }
        }
        // A victim who always picks the first choice wins about 1/3 of the time; a bias would show here.
        assertThat(rightPicks).isBetween(requests / 3 - 50, requests / 3 + 50);
    }
}
