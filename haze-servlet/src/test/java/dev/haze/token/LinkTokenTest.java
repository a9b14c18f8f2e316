package dev.haze.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.haze.Haze;
import dev.haze.HazeBuilder;
import dev.haze.HazeListener;
import dev.haze.InvalidTokenException;
import dev.haze.InvalidTokenException.Reason;
import dev.haze.MagicLink;
import dev.haze.RecordingStore;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.testing.LinkParts;
import dev.haze.testing.MutableClock;
import dev.haze.testing.TestKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing, verification, key rotation and every way a link can be tampered with. */
class LinkTokenTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final MutableClock clock = MutableClock.atFixedStart();
    /** A real store that records every call: a refused link must not reach it. */
    private final RecordingStore store = new RecordingStore(new InMemoryTokenStore());
    private final List<Reason> rejections = new CopyOnWriteArrayList<>();

    private HazeBuilder builder(SigningKey key) {
        return Haze.builder().baseUrl("https://myapp.com").signingKey(key).store(store).clock(clock)
                .listener(new HazeListener() {
                    @Override
                    public void rejected(Reason reason) {
                        rejections.add(reason);
                    }
                });
    }

    @ParameterizedTest
    @EnumSource(JwtAlgorithm.class)
    void everyAlgorithmRoundTrips(JwtAlgorithm algorithm) {
        Haze haze = builder(TestKeys.keyFor(algorithm)).build();
        MagicLink link = haze.generate("user123", Map.of("n", 1));

        String jwt = LinkParts.signature(link);
        assertThat(JWT.decode(jwt).getAlgorithm()).isEqualTo(algorithm.name());
        assertThat(haze.verify(link.tokenId(), jwt).userId()).isEqualTo("user123");
    }

    @Test
    void previousKeysVerifyLinksIssuedBeforeTheRotationButNeverSign() {
        SigningKey oldKey = SigningKey.hmac(JwtAlgorithm.HS256, TestKeys.OTHER_SECRET);
        MagicLink before = builder(oldKey).build().generate("user123", Map.of());

        Haze rotated = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).previousKeys(oldKey).build();
        MagicLink after = rotated.generate("user456", Map.of());

        assertThat(JWT.decode(LinkParts.signature(after)).getKeyId())
                .isEqualTo(TestKeys.keyFor(JwtAlgorithm.HS256).keyId()).isNotEqualTo(oldKey.keyId());
        assertThat(rotated.verify(before.tokenId(), LinkParts.signature(before)).userId()).isEqualTo("user123");
        assertThat(rotated.verify(after.tokenId(), LinkParts.signature(after)).userId()).isEqualTo("user456");

        Haze withoutOldKey = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        MagicLink another = builder(oldKey).build().generate("user123", Map.of());
        expectReason(Reason.BAD_SIGNATURE, () -> withoutOldKey.verify(another.tokenId(), LinkParts.signature(another)));
    }

    @Test
    void previousKeysFromOptionsAcceptSecretsAndPublicKeyFiles() {
        Map<String, String> hs = Map.of("base-url", "https://myapp.com", "secret-key", TestKeys.SECRET,
                "previous-keys", TestKeys.OTHER_SECRET);
        Haze hmac = Haze.builder().options(hs).store(store).clock(clock).build();
        MagicLink old = Haze.builder().baseUrl("https://myapp.com").secretKey(TestKeys.OTHER_SECRET).store(store)
                .clock(clock).build().generate("u", null);
        assertThat(hmac.verify(old.tokenId(), LinkParts.signature(old)).userId()).isEqualTo("u");

        Map<String, String> rs = Map.of("base-url", "https://myapp.com", "jwt-algorithm", "RS256",
                "private-key", TestKeys.pem("rsa-2048-private.pem").toString(),
                "public-key", TestKeys.pem("rsa-2048-public.pem").toString(),
                "previous-keys", TestKeys.pem("rsa-2048-other-public.pem").toString());
        Haze rsa = Haze.builder().options(rs).store(store).clock(clock).build();
        MagicLink oldRsa = builder(SigningKey.fromPem(JwtAlgorithm.RS256, TestKeys.pem("rsa-2048-other-private.pem"),
                TestKeys.pem("rsa-2048-other-public.pem"))).build().generate("v", null);
        assertThat(rsa.verify(oldRsa.tokenId(), LinkParts.signature(oldRsa)).userId()).isEqualTo("v");
    }

    @Test
    void algNoneIsRefused() {
        Haze haze = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        MagicLink link = haze.generate("u", null);
        String[] parts = LinkParts.signature(link).split("\\.");
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), header + "." + parts[1] + "."));
        String none = JWT.create().withJWTId(link.tokenId()).withIssuer("https://myapp.com")
                .withKeyId(TestKeys.keyFor(JwtAlgorithm.HS256).keyId()).withIssuedAt(clock.instant())
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.none());
        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), none));
    }

    @Test
    void rsaToHmacAlgorithmSwitchIsRefused() throws Exception {
        SigningKey rsaKey = TestKeys.keyFor(JwtAlgorithm.RS256);
        Haze haze = builder(rsaKey).build();
        MagicLink link = haze.generate("u", null);
        // The classic attack: sign HS256 with the RSA public key (which is public) as the HMAC secret.
        byte[] publicPem = Files.readAllBytes(TestKeys.pem("rsa-2048-public.pem"));
        String forged = JWT.create().withKeyId(rsaKey.keyId()).withJWTId(link.tokenId())
                .withIssuer("https://myapp.com").withIssuedAt(clock.instant())
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC256(publicPem));

        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), forged));
    }

    @Test
    void hmacToRsaAlgorithmSwitchIsRefused() {
        Haze haze = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        MagicLink link = haze.generate("u", null);
        SigningKey rsa = TestKeys.keyFor(JwtAlgorithm.RS256);
        String forged = new LinkTokenCodec(rsa.withKeyId(TestKeys.keyFor(JwtAlgorithm.HS256).keyId()),
                java.util.List.of(), "https://myapp.com", null, Duration.ZERO, clock)
                .sign(link.tokenId(), clock.instant(), clock.instant().plusSeconds(60));

        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), forged));
    }

    @Test
    void aLinkSignedWithAnotherKeyIsRefused() {
        Haze haze = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        SigningKey attacker = SigningKey.hmac(JwtAlgorithm.HS256, TestKeys.OTHER_SECRET)
                .withKeyId(TestKeys.keyFor(JwtAlgorithm.HS256).keyId());
        MagicLink link = haze.generate("u", null);
        String forged = new LinkTokenCodec(attacker, java.util.List.of(), "https://myapp.com", null,
                Duration.ZERO, clock).sign(link.tokenId(), clock.instant(), clock.instant().plusSeconds(60));

        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), forged));
        assertThat(haze.inspect(link.tokenId(), LinkParts.signature(link)).userId())
                .as("the forged attempts consumed nothing").isEqualTo("u");
    }

    @Test
    void aChangedPayloadIsRefused() {
        Haze haze = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        MagicLink link = haze.generate("u", null);
        String[] parts = LinkParts.signature(link).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String longer = payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":9999999999");
        String tampered = parts[0] + "." + B64.encodeToString(longer.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), tampered));
    }

    @Test
    void truncatedOrGarbageSignaturesAreRefused() {
        Haze haze = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        MagicLink link = haze.generate("u", null);
        String jwt = LinkParts.signature(link);
        String id = link.tokenId();

        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(id, jwt.substring(0, jwt.length() - 5)));
        expectReason(Reason.MALFORMED, () -> haze.verify(id, jwt.substring(0, jwt.lastIndexOf('.'))));
        expectReason(Reason.MALFORMED, () -> haze.verify(id, "garbage"));
        expectReason(Reason.MALFORMED, () -> haze.verify(id, "a.b.c"));
        expectReason(Reason.MALFORMED, () -> haze.verify(id, "x".repeat(5000)));
        expectReason(Reason.MALFORMED, () -> haze.verify(id, ""));
        expectReason(Reason.MALFORMED, () -> haze.verify(id, null));
        expectReason(Reason.MALFORMED, () -> haze.verify(null, jwt));
        expectReason(Reason.MALFORMED, () -> haze.verify("x".repeat(500), jwt));
        expectReason(Reason.MALFORMED, () -> haze.verify(id, "\u0000\uFFFF.\n.%"));
        assertThat(haze.verify(id, jwt).userId()).as("garbage consumed nothing").isEqualTo("u");
    }

    /**
     * Claims a forger can write in an unsigned JWT that java-jwt cannot turn into an Instant: out of range
     * (it threw DateTimeException, a 500 over HTTP) or not a number at all. Each is MALFORMED at every entry
     * point, fires the rejected event and never reaches the store.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "\"exp\":9223372036854775807",
        "\"exp\":-9223372036854775808",
        "\"iat\":9223372036854775807",
        "\"nbf\":9223372036854775807",
        "\"iat\":1.5e18",
        "\"iat\":1e300",
        "\"exp\":99999999999999999999999",
        "\"exp\":\"tomorrow\"",
        "\"exp\":true",
        "\"iat\":[1]",
    })
    void dateClaimsOutOfRangeOrNotNumbersAreMalformedEverywhere(String oddClaim) {
        SigningKey key = TestKeys.keyFor(JwtAlgorithm.HS256);
        Haze haze = builder(key).build();
        MagicLink link = haze.generate("u", null);
        String forged = unsigned("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + key.keyId() + "\"}",
                claims(link.tokenId(), oddClaim));
        String url = haze.config().linkEndpoint() + "?token_id=" + link.tokenId() + "&signature="
                + URLEncoder.encode(forged, StandardCharsets.UTF_8);

        expectReason(Reason.MALFORMED, () -> haze.verify(link.tokenId(), forged));
        expectReason(Reason.MALFORMED, () -> haze.open(link.tokenId(), forged));
        expectReason(Reason.MALFORMED, () -> haze.validate(url));
        assertThatThrownBy(() -> haze.inspect(link.tokenId(), forged)).isInstanceOfSatisfying(
                InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThat(haze.verify(link.tokenId(), LinkParts.signature(link)).userId()).isEqualTo("u");
    }

    @Test
    void otherClaimsOfTheWrongTypeAreRefused() {
        SigningKey key = TestKeys.keyFor(JwtAlgorithm.HS256);
        Haze haze = builder(key).build();
        MagicLink link = haze.generate("u", null);
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + key.keyId() + "\"}";

        // Unsigned, they decode and fail on the signature.
        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify("12345", unsigned(header, claims("12345", "\"jti\":12345"))));
        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(),
                unsigned(header, claims(link.tokenId(), "\"iss\":{\"a\":1}"))));
        // Signed with the real key (as a bug elsewhere might), a numeric jti still never matches a token id,
        // even one made of its digits: ours are always strings.
        Instant now = clock.instant();
        String numericJti = JWT.create().withKeyId(key.keyId()).withClaim("jti", 12345).withIssuer("https://myapp.com")
                .withIssuedAt(now).withExpiresAt(now.plusSeconds(60)).sign(Algorithm.HMAC256(TestKeys.SECRET));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify("12345", numericJti));
        String arrayJti = JWT.create().withKeyId(key.keyId()).withArrayClaim("jti", new String[] {link.tokenId()})
                .withIssuer("https://myapp.com").withIssuedAt(now).withExpiresAt(now.plusSeconds(60))
                .sign(Algorithm.HMAC256(TestKeys.SECRET));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), arrayJti));
        String issuerObject = JWT.create().withKeyId(key.keyId()).withJWTId(link.tokenId())
                .withClaim("iss", Map.of("a", 1)).withIssuedAt(now).withExpiresAt(now.plusSeconds(60))
                .sign(Algorithm.HMAC256(TestKeys.SECRET));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), issuerObject));
    }

    /** Our usual claims for a token id as JSON, with one claim added or replaced (given as raw JSON). */
    private String claims(String tokenId, String oddClaim) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("jti", "\"" + tokenId + "\"");
        claims.put("iss", "\"https://myapp.com\"");
        claims.put("iat", String.valueOf(clock.instant().getEpochSecond()));
        claims.put("exp", String.valueOf(clock.instant().getEpochSecond() + 600));
        int colon = oddClaim.indexOf(':');
        claims.put(oddClaim.substring(1, colon - 1), oddClaim.substring(colon + 1));
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return json.append('}').toString();
    }

    @Test
    void anExpiredLinkIsRefusedByItsSignatureBeforeTheStore() {
        Haze haze = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        MagicLink link = haze.generate("u", null);
        clock.advance(Duration.ofMinutes(11));

        expectReason(Reason.EXPIRED, () -> haze.verify(link.tokenId(), LinkParts.signature(link)));
    }

    @Test
    void aJwtForAnotherTokenIdIsRefused() {
        Haze haze = builder(TestKeys.keyFor(JwtAlgorithm.HS256)).build();
        MagicLink mine = haze.generate("attacker", null);
        MagicLink victims = haze.generate("victim", null);

        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(victims.tokenId(), LinkParts.signature(mine)));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(mine.tokenId(), LinkParts.signature(victims)));
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() {
        SigningKey key = TestKeys.keyFor(JwtAlgorithm.HS256);
        Haze strict = builder(key).audience("myapp").build();
        MagicLink otherIssuer = builder(key).issuer("https://other.example").audience("myapp").build()
                .generate("u", null);
        MagicLink otherAudience = builder(key).audience("otherapp").build().generate("u", null);
        MagicLink noAudience = builder(key).build().generate("u", null);

        expectReason(Reason.INVALID_CLAIM, () -> strict.verify(otherIssuer.tokenId(), LinkParts.signature(otherIssuer)));
        expectReason(Reason.INVALID_CLAIM, () -> strict.verify(otherAudience.tokenId(),
                LinkParts.signature(otherAudience)));
        expectReason(Reason.INVALID_CLAIM, () -> strict.verify(noAudience.tokenId(), LinkParts.signature(noAudience)));
    }

    @Test
    void aLinkIssuedInTheFutureIsRefused() {
        SigningKey key = TestKeys.keyFor(JwtAlgorithm.HS256);
        Haze haze = builder(key).build();
        MagicLink link = haze.generate("u", null);
        Instant future = clock.instant().plus(Duration.ofMinutes(5));
        String fromTheFuture = JWT.create().withKeyId(key.keyId()).withJWTId(link.tokenId())
                .withIssuer("https://myapp.com").withIssuedAt(future).withExpiresAt(future.plusSeconds(600))
                .sign(Algorithm.HMAC256(TestKeys.SECRET));

        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), fromTheFuture));
    }

    @Test
    void requiredClaimsMustBePresent() {
        SigningKey key = TestKeys.keyFor(JwtAlgorithm.HS256);
        Haze haze = builder(key).build();
        MagicLink link = haze.generate("u", null);
        String noIat = JWT.create().withKeyId(key.keyId()).withJWTId(link.tokenId()).withIssuer("https://myapp.com")
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC256(TestKeys.SECRET));
        String noExp = JWT.create().withKeyId(key.keyId()).withJWTId(link.tokenId()).withIssuer("https://myapp.com")
                .withIssuedAt(clock.instant()).sign(Algorithm.HMAC256(TestKeys.SECRET));
        String noKid = JWT.create().withJWTId(link.tokenId()).withIssuer("https://myapp.com")
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(60))
                .sign(Algorithm.HMAC256(TestKeys.SECRET));

        String noJti = JWT.create().withKeyId(key.keyId()).withIssuer("https://myapp.com")
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(60))
                .sign(Algorithm.HMAC256(TestKeys.SECRET));
        String noIss = JWT.create().withKeyId(key.keyId()).withJWTId(link.tokenId())
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(60))
                .sign(Algorithm.HMAC256(TestKeys.SECRET));

        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), noIat));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), noExp));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), noJti));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), noIss));
        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), noKid));
        assertThat(haze.verify(link.tokenId(), LinkParts.signature(link)).userId()).isEqualTo("u");
    }

    @ParameterizedTest
    @EnumSource(value = JwtAlgorithm.class, names = {"RS256", "ES256", "ES384", "ES512"})
    void asymmetricKeysCanBeGivenAsJavaKeys(JwtAlgorithm algorithm) {
        String name = algorithm.family() == JwtAlgorithm.Family.RSA ? "rsa-2048" : "ec-P-" + algorithm.keyBits();
        SigningKey fromPem = TestKeys.keyFor(algorithm);
        PublicKey pub = Pem.readPublicKey(TestKeys.pem(name + "-public.pem"), algorithm.family(), "public-key");
        PrivateKey priv = Pem.readPrivateKey(TestKeys.pem(name + "-private.pem"), algorithm.family(), "private-key");
        assertThat(pub).isInstanceOf(algorithm.family() == JwtAlgorithm.Family.RSA
                ? RSAPublicKey.class : ECPublicKey.class);
        Haze haze = Haze.builder().baseUrl("https://myapp.com").jwtAlgorithm(algorithm)
                .keyPair(priv, pub).store(store).clock(clock).build();
        MagicLink link = haze.generate("u", null);

        assertThat(JWT.decode(LinkParts.signature(link)).getKeyId()).isEqualTo(fromPem.keyId());
        assertThat(builder(fromPem).build().verify(link.tokenId(), LinkParts.signature(link)).userId()).isEqualTo("u");
    }

    @Test
    void ecKeysRotateLikeAnyOther() {
        SigningKey oldKey = SigningKey.fromPem(JwtAlgorithm.ES256, TestKeys.pem("ec-P-256-other-private.pem"),
                TestKeys.pem("ec-P-256-other-public.pem"));
        MagicLink before = builder(oldKey).build().generate("user123", Map.of());
        MagicLink alsoBefore = builder(oldKey).build().generate("user789", Map.of());

        Haze rotated = builder(TestKeys.keyFor(JwtAlgorithm.ES256))
                .previousKeys(SigningKey.asymmetric(JwtAlgorithm.ES256, Pem.readPublicKey(
                        TestKeys.pem("ec-P-256-other-public.pem"), JwtAlgorithm.Family.EC, "previous-keys"), null))
                .build();
        MagicLink after = rotated.generate("user456", Map.of());

        assertThat(JWT.decode(LinkParts.signature(after)).getKeyId())
                .isEqualTo(TestKeys.keyFor(JwtAlgorithm.ES256).keyId()).isNotEqualTo(oldKey.keyId());
        assertThat(rotated.verify(before.tokenId(), LinkParts.signature(before)).userId()).isEqualTo("user123");
        assertThat(rotated.verify(after.tokenId(), LinkParts.signature(after)).userId()).isEqualTo("user456");

        Map<String, String> options = Map.of("base-url", "https://myapp.com", "jwt-algorithm", "ES256",
                "private-key", TestKeys.pem("ec-P-256-private.pem").toString(),
                "public-key", TestKeys.pem("ec-P-256-public.pem").toString(),
                "previous-keys", TestKeys.pem("ec-P-256-other-public.pem").toString());
        Haze fromOptions = Haze.builder().options(options).store(store).clock(clock).build();
        assertThat(fromOptions.verify(alsoBefore.tokenId(), LinkParts.signature(alsoBefore)).userId())
                .isEqualTo("user789");

        Haze withoutOldKey = builder(TestKeys.keyFor(JwtAlgorithm.ES256)).build();
        MagicLink another = builder(oldKey).build().generate("user123", Map.of());
        expectReason(Reason.BAD_SIGNATURE, () -> withoutOldKey.verify(another.tokenId(),
                LinkParts.signature(another)));
        // The old key's id with the new key's signature: a forgery under a known kid still fails.
        String relabelled = new LinkTokenCodec(TestKeys.keyFor(JwtAlgorithm.ES256).withKeyId(oldKey.keyId()),
                List.of(), "https://myapp.com", null, Duration.ZERO, clock)
                .sign(another.tokenId(), clock.instant(), clock.instant().plusSeconds(60));
        expectReason(Reason.BAD_SIGNATURE, () -> rotated.verify(another.tokenId(), relabelled));
    }

    /**
     * Runs a refused verification and checks all it must do: throw exactly {@link InvalidTokenException} with
     * the reason, tell the listeners, and never reach the store (every case here is refused by the JWT alone:
     * "a forged or tampered link never reaches the database").
     */
    private void expectReason(Reason reason, ThrowingCallable call) {
        store.calls.clear();
        rejections.clear();
        assertThatThrownBy(call).isExactlyInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(((InvalidTokenException) e).reason()).isEqualTo(reason));
        assertThat(rejections).as("the rejected event").containsExactly(reason);
        assertThat(store.calls).as("store operations for a link refused by its JWT").isEmpty();
    }

    /** A JWT with the given header and payload and a made-up signature, as anyone can write one. */
    private static String unsigned(String header, String payload) {
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
