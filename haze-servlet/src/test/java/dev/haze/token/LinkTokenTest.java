package dev.haze.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.haze.Haze;
import dev.haze.HazeBuilder;
import dev.haze.InvalidTokenException;
import dev.haze.InvalidTokenException.Reason;
import dev.haze.MagicLink;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.testing.LinkParts;
import dev.haze.testing.MutableClock;
import dev.haze.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Signing, verification, key rotation and every way a link can be tampered with. */
class LinkTokenTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    private HazeBuilder builder(SigningKey key) {
        return Haze.builder().baseUrl("https://myapp.com").signingKey(key).store(store).clock(clock);
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

        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), noIat));
        expectReason(Reason.INVALID_CLAIM, () -> haze.verify(link.tokenId(), noExp));
        expectReason(Reason.BAD_SIGNATURE, () -> haze.verify(link.tokenId(), noKid));
    }

    @Test
    void asymmetricKeysCanBeGivenAsJavaKeys() {
        SigningKey fromPem = TestKeys.keyFor(JwtAlgorithm.RS256);
        RSAPublicKey pub = (RSAPublicKey) Pem.readPublicKey(TestKeys.pem("rsa-2048-public.pem"),
                JwtAlgorithm.Family.RSA, "public-key");
        RSAPrivateKey priv = (RSAPrivateKey) Pem.readPrivateKey(TestKeys.pem("rsa-2048-private.pem"),
                JwtAlgorithm.Family.RSA, "private-key");
        Haze haze = Haze.builder().baseUrl("https://myapp.com").jwtAlgorithm(JwtAlgorithm.RS256)
                .keyPair(priv, pub).store(store).clock(clock).build();
        MagicLink link = haze.generate("u", null);

        assertThat(JWT.decode(LinkParts.signature(link)).getKeyId()).isEqualTo(fromPem.keyId());
        assertThat(builder(fromPem).build().verify(link.tokenId(), LinkParts.signature(link)).userId()).isEqualTo("u");
    }

    private static void expectReason(Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isExactlyInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(((InvalidTokenException) e).reason()).isEqualTo(reason));
    }
}
