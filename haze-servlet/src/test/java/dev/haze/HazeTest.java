package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.InvalidTokenException.Reason;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import dev.haze.testing.LinkParts;
import dev.haze.testing.MutableClock;
import dev.haze.testing.StandardErrorCapture;
import dev.haze.testing.TestKeys;
import dev.haze.token.IdGenerator;
import dev.haze.token.Serialization;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HazeTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    private HazeBuilder builder() {
        return Haze.builder().baseUrl("https://myapp.com").secretKey(TestKeys.SECRET).store(store).clock(clock);
    }

    @Test
    void generatedLinkVerifiesOnceAndReturnsUserAndMetadata() {
        Haze haze = builder().build();
        MagicLink link = haze.generate("user123", Map.of("name", "John Doe", "age", 42, "tags", List.of("a", "b")));

        VerifiedToken token = haze.validate(link.url().toString());

        assertThat(token.userId()).isEqualTo("user123");
        assertThat(token.metadata()).containsEntry("name", "John Doe").containsEntry("age", 42)
                .containsEntry("tags", List.of("a", "b"));
        assertThat(token.useCount()).isEqualTo(1);
        assertThat(token.issuedAt()).isEqualTo(clock.instant());
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> haze.validate(link.url().toString()))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_USED));
    }

    @Test
    void linkHasTheOriginalShapeAndNoPersonalDataInIt() {
        Haze haze = builder().magicLinkPath("/auth/magic").build();
        MagicLink link = haze.generate("john@example.com", Map.of("email", "john@example.com", "name", "John"));

        String url = link.url().toString();
        assertThat(url).startsWith("https://myapp.com/auth/magic?token_id=" + link.tokenId() + "&signature=");
        String jwt = URLDecoder.decode(url.substring(url.indexOf("signature=") + 10), StandardCharsets.UTF_8);
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(url + payload).doesNotContain("john").doesNotContain("example.com").doesNotContain("John");
        assertThat(payload).contains("\"jti\"", "\"iat\"", "\"exp\"", "\"iss\"").doesNotContain("\"sub\"");
    }

    @Test
    void theStoreKeepsOnlyTheHashOfTheTokenId() {
        Haze haze = builder().build();
        MagicLink link = haze.generate("user123", null);

        assertThat(store.find(link.tokenId())).isEmpty();
        StoredToken stored = store.find(TokenHashes.of(link.tokenId())).orElseThrow();
        assertThat(stored.tokenHash()).hasSize(64).doesNotContain(link.tokenId());
        assertThat(stored.userId()).isEqualTo("user123");
    }

    @Test
    void defaultExpiryIsTenMinutesAndAPerLinkExpiryOverridesIt() {
        Haze haze = builder().build();
        assertThat(haze.config().linkExpiry()).isEqualTo(Duration.ofMinutes(10));

        MagicLink shortLink = haze.generate("u", Map.of(), Duration.ofMinutes(2));
        assertThat(shortLink.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(2).plus(haze.config().clockLeeway()).plusSeconds(1));
        assertThatThrownBy(() -> haze.validate(shortLink.url().toString()))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void aPerLinkExpiryFollowsTheRuleOfLinkExpiry() {
        Haze haze = builder().build();
        Instant now = clock.instant();

        assertThat(haze.generate("u", null, Duration.ofSeconds(1)).expiresAt()).isEqualTo(now.plusSeconds(1));
        assertThat(haze.generate("u", null, Duration.ofDays(7)).expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(haze.generate("u", null, Duration.ofMillis(1500)).expiresAt()).as("whole seconds")
                .isEqualTo(now.plusSeconds(1));
        int stored = store.tokenCount();
        for (Duration bad : List.of(Duration.ofMillis(999), Duration.ofNanos(1), Duration.ZERO, Duration.ofSeconds(-5),
                Duration.ofDays(7).plusSeconds(1))) {
            assertThatThrownBy(() -> haze.generate("u", null, bad)).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 1 second and 7 days");
            assertThatThrownBy(() -> builder().linkExpiry(bad).build()).as("link-expiry %s", bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("link-expiry must be between 1 second and 7 days");
        }
        assertThat(store.tokenCount()).isEqualTo(stored);
    }

    @Test
    void clockLeewayToleratesSmallSkewButNotMore() {
        Haze haze = builder().clockLeeway(Duration.ofSeconds(30)).build();
        MagicLink withinLeeway = haze.generate("u", null, Duration.ofMinutes(1));
        MagicLink beyondLeeway = haze.generate("u", null, Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(60 + 20));
        assertThat(haze.validate(withinLeeway.url().toString()).userId()).isEqualTo("u");
        clock.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> haze.validate(beyondLeeway.url().toString()))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void reusableLinkVerifiesUntilItExpiresAndCountsUses() {
        Haze haze = builder().allowReuse(true).build();
        MagicLink link = haze.generate("user123", Map.of());

        assertThat(haze.validate(link.url().toString()).useCount()).isEqualTo(1);
        assertThat(haze.validate(link.url().toString()).useCount()).isEqualTo(2);
        assertThat(haze.validate(link.url().toString()).useCount()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> haze.validate(link.url().toString()))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void inspectAndOpenDoNotConsume() {
        RecordedEvents recorded = new RecordedEvents();
        List<String> events = recorded.events;
        Haze haze = builder().listener(recorded).build();
        MagicLink link = haze.generate("user123", Map.of());
        events.clear();

        assertThat(haze.inspect(link.tokenId(), LinkParts.signature(link)).useCount()).isZero();
        assertThat(events).isEmpty();
        assertThat(haze.open(link.tokenId(), LinkParts.signature(link)).userId()).isEqualTo("user123");
        assertThat(events).containsExactly("opened:user123");
        assertThat(haze.verify(link.tokenId(), LinkParts.signature(link)).userId()).isEqualTo("user123");
        assertThatThrownBy(() -> haze.open(link.tokenId(), LinkParts.signature(link)))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_USED));
    }

    @Test
    void listenersReceiveEventsWithExactSemantics() {
        RecordedEvents recorded = new RecordedEvents();
        List<String> events = recorded.events;
        Haze haze = builder().listener(recorded).build();

        MagicLink link = haze.generate("user123", Map.of());
        assertThat(events).containsExactly("generated:user123");
        haze.verify(link.tokenId(), LinkParts.signature(link));
        assertThatThrownBy(() -> haze.verify(link.tokenId(), LinkParts.signature(link)));
        assertThatThrownBy(() -> haze.verify(link.tokenId(), "garbage"));

        assertThat(events).containsExactly("generated:user123", "verified:user123", "rejected:ALREADY_USED",
                "rejected:MALFORMED");
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        RecordedEvents recorded = new RecordedEvents();
        List<String> events = recorded.events;
        HazeListener broken = new HazeListener() {
            @Override
            public void linkGenerated(String userId, Instant expiresAt) {
                throw new IllegalStateException("listener bug in linkGenerated");
            }

            @Override
            public void linkOpened(VerifiedToken token) {
                throw new AssertionError("listener error in linkOpened");
            }

            @Override
            public void verified(VerifiedToken token) {
                sneakyThrow(new java.io.IOException("checked exception thrown sneakily from verified"));
            }

            @Override
            public void rejected(Reason reason) {
                throw new NoClassDefFoundError("linkage error in rejected");
            }
        };
        Haze haze = builder().listener(broken).listener(recorded).build();
        MagicLink[] link = new MagicLink[1];
        VerifiedToken[] token = new VerifiedToken[1];

        String log = StandardErrorCapture.during(() -> {
            link[0] = haze.generate("user123", Map.of());
            haze.open(link[0].tokenId(), LinkParts.signature(link[0]));
            token[0] = haze.verify(link[0].tokenId(), LinkParts.signature(link[0]));
            assertThatThrownBy(() -> haze.verify(link[0].tokenId(), LinkParts.signature(link[0])))
                    .isInstanceOfSatisfying(InvalidTokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_USED));
        });

        assertThat(token[0].userId()).isEqualTo("user123");
        assertThat(events).containsExactly("generated:user123", "opened:user123", "verified:user123",
                "rejected:ALREADY_USED");
        assertThat(log).contains("WARN").contains("HazeListener " + broken.getClass().getName())
                .contains("threw from linkGenerated").contains("listener bug in linkGenerated")
                .contains("threw from linkOpened").contains("listener error in linkOpened")
                .contains("threw from verified").contains("checked exception thrown sneakily from verified")
                .contains("threw from rejected").contains("linkage error in rejected")
                .contains("the outcome is unchanged");
        assertThat(log).as("nothing secret in the log").doesNotContain(link[0].tokenId())
                .doesNotContain(LinkParts.signature(link[0]));
    }

    @Test
    void aVirtualMachineErrorFromAListenerIsNotSwallowed() {
        Haze haze = builder().listener(new HazeListener() {
            @Override
            public void linkGenerated(String userId, Instant expiresAt) {
                throw new OutOfMemoryError("simulated");
            }
        }).build();

        assertThatThrownBy(() -> haze.generate("u", null)).isInstanceOf(OutOfMemoryError.class)
                .hasMessage("simulated");
    }

    /** Throws a checked exception without declaring it, as some JVM languages and libraries do. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    @Test
    void revokedLinkIsNotFound() {
        Haze haze = builder().build();
        MagicLink link = haze.generate("user123", Map.of());

        assertThat(haze.revoke(link.tokenId())).isTrue();
        assertThatThrownBy(() -> haze.verify(link.tokenId(), LinkParts.signature(link)))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void nextPathIsKeptOnTheServerAndReturnedOnVerification() {
        Haze haze = builder().build();
        MagicLink link = haze.generate("user123", Map.of(), Duration.ofMinutes(5), "/reports?id=7");

        assertThat(link.url().toString()).doesNotContain("reports");
        assertThat(haze.verify(link.tokenId(), LinkParts.signature(link)).nextPath()).isEqualTo("/reports?id=7");
    }

    @Test
    void metadataRoundTripsInBothFormatsAndCanBeReadAfterTheFormatChanges() {
        Map<String, Object> metadata = Map.of("s", "é✓", "i", 7, "l", 1L << 40, "d", 1.5, "b", true,
                "list", List.of(1, "two"), "map", Map.of("k", "v"));
        Haze json = builder().serialization(Serialization.JSON).build();
        MagicLink jsonLink = json.generate("u", metadata);
        Haze msgpack = builder().serialization(Serialization.MSGPACK).build();

        assertThat(msgpack.verify(jsonLink.tokenId(), LinkParts.signature(jsonLink)).metadata()).isEqualTo(metadata);
        MagicLink packed = msgpack.generate("u", metadata);
        assertThat(json.verify(packed.tokenId(), LinkParts.signature(packed)).metadata()).isEqualTo(metadata);
    }

    @Test
    void metadataThatIsNotJsonCompatibleOrTooLargeIsRefusedAtGenerate() {
        Haze haze = builder().build();

        assertThatThrownBy(() -> haze.generate("u", Map.of("when", Instant.now())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.when");
        assertThatThrownBy(() -> haze.generate("u", Map.of("nested", List.of(new Object()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.nested[0]");
        assertThatThrownBy(() -> haze.generate("u", Map.of("nan", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> haze.generate("u", Map.of("big", "x".repeat(Haze.MAX_METADATA_BYTES))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4096");
        assertThat(store.tokenCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void metadataIsReadBackAtTheDeepestNestingAcceptedAndRefusedAtGenerateBeyondIt(Serialization format) {
        Haze haze = builder().serialization(format).build();
        Map<String, Object> deepest = nestedMaps(32);
        MagicLink link = haze.generate("u", deepest);
        assertThat(haze.verify(link.tokenId(), LinkParts.signature(link)).metadata()).isEqualTo(deepest);
        Map<String, Object> deepestList = Map.of("l", nestedLists(31));
        MagicLink listLink = haze.generate("u", deepestList);
        assertThat(haze.verify(listLink.tokenId(), LinkParts.signature(listLink)).metadata()).isEqualTo(deepestList);
        int saved = store.tokenCount();

        // One level more used to be accepted here, then burn the link at verify (stored but unreadable).
        assertThatThrownBy(() -> haze.generate("u", nestedMaps(33))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("33 levels").hasMessageContaining("at most 32");
        assertThatThrownBy(() -> haze.generate("u", Map.of("l", nestedLists(32))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 32");
        assertThatThrownBy(() -> haze.generate("u", nestedMaps(100_000)))
                .as("no StackOverflowError").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 32");
        assertThat(store.tokenCount()).isEqualTo(saved);
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void metadataThatContainsItselfIsRefusedAtGenerate(Serialization format) {
        Haze haze = builder().serialization(format).build();
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        List<Object> cyclicList = new ArrayList<>();
        cyclicList.add(List.of("x", cyclicList));

        assertThatThrownBy(() -> haze.generate("u", cyclic)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata.self").hasMessageContaining("cycle");
        assertThatThrownBy(() -> haze.generate("u", Map.of("l", cyclicList)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.l[0][1]")
                .hasMessageContaining("cycle");
        assertThat(store.tokenCount()).isZero();

        List<String> shared = List.of("a", "b");
        Map<String, Object> notACycle = Map.of("x", shared, "y", shared);
        MagicLink link = haze.generate("u", notACycle);
        assertThat(haze.verify(link.tokenId(), LinkParts.signature(link)).metadata())
                .as("the same list twice side by side is a tree, not a cycle").isEqualTo(notACycle);
    }

    /** @return {@code levels} maps nested in each other, the outermost included */
    private static Map<String, Object> nestedMaps(int levels) {
        Map<String, Object> map = Map.of("leaf", 1);
        for (int i = 1; i < levels; i++) {
            map = Map.of("a", map);
        }
        return map;
    }

    /** @return {@code levels} lists nested in each other, the outermost included */
    private static List<Object> nestedLists(int levels) {
        List<Object> list = List.of("leaf");
        for (int i = 1; i < levels; i++) {
            list = List.of(list);
        }
        return list;
    }

    @Test
    void badUserIdsAreRefused() {
        Haze haze = builder().build();
        assertThatThrownBy(() -> haze.generate(" ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> haze.generate(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> haze.generate("x".repeat(256), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uuidAndNanoIdGeneratorsBothWork() {
        Haze uuid = builder().idGenerator(IdGenerator.uuid()).build();
        MagicLink link = uuid.generate("u", null);
        assertThat(link.tokenId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(uuid.verify(link.tokenId(), LinkParts.signature(link)).userId()).isEqualTo("u");

        MagicLink nano = builder().build().generate("u", null);
        assertThat(nano.tokenId()).matches("[A-Za-z0-9_-]{21}");
    }

    @Test
    void aCustomIdGeneratorMustMakeIdsALinkCanCarry() {
        String longest = "A~._-".repeat(25) + "xyz";
        Haze fits = builder().idGenerator(() -> longest).build();
        MagicLink link = fits.generate("u", null);
        assertThat(link.tokenId()).hasSize(Haze.MAX_TOKEN_ID_LENGTH);
        assertThat(fits.validate(link.url().toString()).userId()).isEqualTo("u");

        for (String bad : List.of("x".repeat(Haze.MAX_TOKEN_ID_LENGTH + 1), "", "has space", "a/b+c=", "ünï")) {
            assertThatThrownBy(() -> builder().idGenerator(() -> bad).build()).as("id '%s'", bad)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("id-generator")
                    .hasMessageContaining("1 to 128 characters");
        }
        assertThatThrownBy(() -> builder().idGenerator(() -> null).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("id-generator");

        // A generator that goes wrong after start-up is caught at generate, before anything is stored.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Haze drifting = builder().idGenerator(() -> calls.getAndIncrement() == 0 ? "good-id-0123456789"
                : "x".repeat(200)).build();
        assertThatThrownBy(() -> drifting.generate("u", null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("id-generator").hasMessageContaining("200 characters");
        assertThat(store.tokenCount()).isEqualTo(1);
    }

    @Test
    void toStringsNeverRevealTheLinkOrTokenId() {
        Haze haze = builder().build();
        MagicLink link = haze.generate("user123", Map.of());
        VerifiedToken token = haze.verify(link.tokenId(), LinkParts.signature(link));

        assertThat(link.toString()).doesNotContain(link.tokenId()).doesNotContain("signature");
        assertThat(token.toString()).doesNotContain(link.tokenId());
    }
}
