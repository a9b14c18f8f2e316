package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.store.InMemoryTokenStore;
import dev.haze.testing.LinkParts;
import dev.haze.testing.TestKeys;
import dev.haze.token.JwtAlgorithm;
import dev.haze.token.Pem;
import dev.haze.token.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad option stops the build with a message that names it. */
class ConfigurationTest {

    private static Map<String, String> valid() {
        Map<String, String> options = new HashMap<>();
        options.put("base-url", "https://myapp.com");
        options.put("secret-key", TestKeys.SECRET);
        return options;
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "base-url|ftp://myapp.com",
        "base-url|myapp.com",
        "base-url|https://myapp.com/?x=1",
        "base-url|https://user@myapp.com",
        "magic-link-path|auth/verify",
        "magic-link-path|/auth/verify?x",
        "link-expiry|0",
        "link-expiry|8d",
        "link-expiry|soon",
        "allow-reuse|yes",
        "token-provider|paseto",
        "jwt-algorithm|HS1024",
        "jwt-algorithm|none",
        "id-generator|sequential",
        "nanoid-size|18",
        "nanoid-size|129",
        "nanoid-size|200",
        "nanoid-size|abc",
        "serialization-format|xml",
        "secret-key|only-sixteen-byte",
        "private-key|/no/such/file.pem",
        "clock-leeway|1h",
        "previous-keys|short",
        "key-id|has space",
    })
    void aBadValueNamesItsOption(String option, String value) {
        Map<String, String> options = valid();
        options.put(option, value);
        if (option.equals("private-key")) {
            options.put("jwt-algorithm", "RS256");
            options.put("public-key", TestKeys.pem("rsa-2048-public.pem").toString());
            options.remove("secret-key");
        }
        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(option);
    }

    @Test
    void theLargestNanoIdSizeMakesLinksThatVerify() {
        Map<String, String> options = valid();
        options.put("nanoid-size", "128");
        Haze haze = Haze.fromOptions(options);
        MagicLink link = haze.generate("u", null);
        assertThat(link.tokenId()).hasSize(128);
        assertThat(haze.validate(link.url().toString()).userId()).isEqualTo("u");

        options.put("nanoid-size", "129");
        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nanoid-size").hasMessageContaining("128");
    }

    @Test
    void anUnknownOptionIsAnErrorNotIgnored() {
        Map<String, String> options = valid();
        options.put("link-expiri", "5m");
        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'link-expiri'");
    }

    @Test
    void aMissingSecretIsAnErrorAndNeverGeneratedSilently() {
        Map<String, String> options = valid();
        options.remove("secret-key");
        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secret-key is required");
        assertThatThrownBy(() -> Haze.builder().baseUrl("https://myapp.com").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("secret-key");
    }

    @Test
    void secretsMustBeAsLongAsTheHash() {
        String bytes32 = "x".repeat(32);
        assertThat(Haze.builder().baseUrl("https://a.example").secretKey(bytes32).build().config().jwtAlgorithm())
                .hasToString("HS256");
        assertThatThrownBy(() -> Haze.fromOptions(Map.of("base-url", "https://a.example", "secret-key", bytes32,
                "jwt-algorithm", "HS512"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secret-key").hasMessageContaining("64 bytes");
        assertThatThrownBy(() -> Haze.builder().baseUrl("https://a.example").secretKey("x".repeat(31)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("secret-key");
    }

    @Test
    void aMissingBaseUrlIsAnError() {
        assertThatThrownBy(() -> Haze.builder().secretKey(TestKeys.SECRET).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("base-url is required");
    }

    @Test
    void smallRsaKeysWrongCurvesAndMismatchedPairsAreRefused() {
        Map<String, String> rsa1024 = Map.of("base-url", "https://a.example", "jwt-algorithm", "RS256",
                "private-key", TestKeys.pem("rsa-1024-private.pem").toString(),
                "public-key", TestKeys.pem("rsa-1024-public.pem").toString());
        assertThatThrownBy(() -> Haze.fromOptions(rsa1024)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("1024-bit").hasMessageContaining("2048");

        Map<String, String> wrongCurve = Map.of("base-url", "https://a.example", "jwt-algorithm", "ES384",
                "private-key", TestKeys.pem("ec-P-256-private.pem").toString(),
                "public-key", TestKeys.pem("ec-P-256-public.pem").toString());
        assertThatThrownBy(() -> Haze.fromOptions(wrongCurve)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("P-384");

        Map<String, String> mismatched = Map.of("base-url", "https://a.example", "jwt-algorithm", "RS256",
                "private-key", TestKeys.pem("rsa-2048-private.pem").toString(),
                "public-key", TestKeys.pem("rsa-2048-other-public.pem").toString());
        assertThatThrownBy(() -> Haze.fromOptions(mismatched)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("do not belong to the same key pair");

        Map<String, String> legacy = Map.of("base-url", "https://a.example", "jwt-algorithm", "RS256",
                "private-key", TestKeys.pem("rsa-legacy-private.pem").toString(),
                "public-key", TestKeys.pem("rsa-2048-public.pem").toString());
        assertThatThrownBy(() -> Haze.fromOptions(legacy)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("private-key").hasMessageContaining("openssl pkcs8");

        Map<String, String> rsaForEc = Map.of("base-url", "https://a.example", "jwt-algorithm", "ES256",
                "private-key", TestKeys.pem("rsa-2048-private.pem").toString(),
                "public-key", TestKeys.pem("rsa-2048-public.pem").toString());
        assertThatThrownBy(() -> Haze.fromOptions(rsaForEc)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("-key");
    }

    /** A public-key option that is no usable public key, each case with what the message must say. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing file|cannot read PEM file",
        "not PEM at all|no PEM block found",
        "PEM with bad base64|PUBLIC KEY PEM block is not valid base64",
        "PEM holding no key|not an X.509 RSA public key",
        "a private key|found a 'PRIVATE KEY' PEM block",
        "an EC key for RS256|not an X.509 RSA public key",
        "a directory|cannot read PEM file",
    })
    void aBadPublicKeyNamesTheOption(String kind, String expected, @TempDir Path dir) throws Exception {
        Path file = switch (kind) {
            case "missing file" -> dir.resolve("missing.pem");
            case "not PEM at all" -> Files.writeString(dir.resolve("k.pem"), "hello, I am not a key\n");
            case "PEM with bad base64" -> Files.writeString(dir.resolve("k.pem"),
                    "-----BEGIN PUBLIC KEY-----\nab=cd==ef\n-----END PUBLIC KEY-----\n");
            case "PEM holding no key" -> Files.writeString(dir.resolve("k.pem"),
                    "-----BEGIN PUBLIC KEY-----\naGVsbG8gd29ybGQ=\n-----END PUBLIC KEY-----\n");
            case "a private key" -> TestKeys.pem("rsa-2048-private.pem");
            case "an EC key for RS256" -> TestKeys.pem("ec-P-256-public.pem");
            default -> dir;
        };
        Map<String, String> options = Map.of("base-url", "https://a.example", "jwt-algorithm", "RS256",
                "private-key", TestKeys.pem("rsa-2048-private.pem").toString(), "public-key", file.toString());

        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("public-key").hasMessageContaining(expected);
    }

    @ParameterizedTest
    @MethodSource("optionNames")
    void anEmptyValueIsAnErrorNamingItsOption(String option) {
        for (String empty : new String[] {"", "   "}) {
            Map<String, String> options = valid();
            options.put(option, empty);
            assertThatThrownBy(() -> Haze.fromOptions(options)).as("%s='%s'", option, empty)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(option + " is empty; remove it or give a value");
        }
    }

    static java.util.stream.Stream<String> optionNames() {
        return HazeBuilder.OPTION_NAMES.stream();
    }

    @Test
    void aKeyPairWithAnHmacAlgorithmIsRefused() {
        Map<String, String> options = Map.of("base-url", "https://a.example", "jwt-algorithm", "HS256",
                "private-key", TestKeys.pem("rsa-2048-private.pem").toString());
        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("private-key");
    }

    /** Options that the algorithm (or an explicit signing key) makes meaningless were silently ignored. */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "secret-key|RS256",
        "secret-key|ES256",
        "public-key|HS256",
        "private-key|HS256",
        "public-key|HS512",
    })
    void anOptionThatDoesNotApplyToTheAlgorithmIsAnError(String option, String algorithm) {
        Map<String, String> options = new HashMap<>(Map.of("base-url", "https://a.example",
                "jwt-algorithm", algorithm));
        if (algorithm.startsWith("HS")) {
            options.put("secret-key", TestKeys.SECRET);
            options.put(option, TestKeys.pem("rsa-2048-" + option.replace("-key", "") + ".pem").toString());
        } else {
            String pair = algorithm.startsWith("RS") ? "rsa-2048" : "ec-P-256";
            options.put("private-key", TestKeys.pem(pair + "-private.pem").toString());
            options.put("public-key", TestKeys.pem(pair + "-public.pem").toString());
            options.put(option, TestKeys.SECRET);
        }

        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(option + " is set but does not apply with jwt-algorithm " + algorithm);
        options.remove(option);
        assertThat(Haze.fromOptions(options).config().jwtAlgorithm()).hasToString(algorithm);
    }

    @Test
    void keysGivenTwiceAreAnError() {
        SigningKey rsa = TestKeys.keyFor(JwtAlgorithm.RS256);
        Path privatePem = TestKeys.pem("rsa-2048-private.pem");
        Path publicPem = TestKeys.pem("rsa-2048-public.pem");
        PrivateKey priv = Pem.readPrivateKey(privatePem, JwtAlgorithm.Family.RSA, "private-key");
        PublicKey pub = Pem.readPublicKey(publicPem, JwtAlgorithm.Family.RSA, "public-key");
        HazeBuilder base = Haze.builder().baseUrl("https://a.example");

        assertThatThrownBy(() -> Haze.builder().baseUrl("https://a.example").signingKey(rsa)
                .secretKey(TestKeys.SECRET).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("secret-key is set but does not apply with signingKey(");
        assertThatThrownBy(() -> Haze.builder().baseUrl("https://a.example").signingKey(rsa)
                .keyPair(priv, pub).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("private-key is set but does not apply with signingKey(");
        assertThatThrownBy(() -> Haze.builder().options(Map.of("public-key", publicPem.toString()))
                .baseUrl("https://a.example").signingKey(rsa).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("public-key is set but does not apply with signingKey(");
        assertThatThrownBy(() -> Haze.builder().baseUrl("https://a.example").jwtAlgorithm(JwtAlgorithm.RS256)
                .keyPair(priv, pub).privateKeyPem(privatePem).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("private-key is set but does not apply with keyPair(");
        assertThat(base.signingKey(rsa).build().config().jwtAlgorithm()).isEqualTo(JwtAlgorithm.RS256);
    }

    @Test
    void pemFilesAndKeyIdCanBeSetOnTheBuilderAsInOptions() {
        Path privatePem = TestKeys.pem("ec-P-256-private.pem");
        Path publicPem = TestKeys.pem("ec-P-256-public.pem");
        InMemoryTokenStore store = new InMemoryTokenStore();
        Haze built = Haze.builder().baseUrl("https://a.example").jwtAlgorithm(JwtAlgorithm.ES256)
                .privateKeyPem(privatePem).publicKeyPem(publicPem).keyId("2026-12").store(store).build();
        Haze fromOptions = Haze.builder().options(Map.of("base-url", "https://a.example", "jwt-algorithm", "ES256",
                "private-key", privatePem.toString(), "public-key", publicPem.toString(), "key-id", "2026-12"))
                .store(store).build();

        MagicLink link = built.generate("u", null);
        assertThat(com.auth0.jwt.JWT.decode(LinkParts.signature(link)).getKeyId()).isEqualTo("2026-12");
        assertThat(fromOptions.verify(link.tokenId(), LinkParts.signature(link)).userId())
                .as("the same key and kid verify whichever way they were set").isEqualTo("u");
        assertThatThrownBy(() -> Haze.builder().baseUrl("https://a.example").secretKey(TestKeys.SECRET)
                .keyId("has space").build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("key-id");
    }

    @Test
    void optionsAcceptEveryDocumentedForm() {
        Map<String, String> options = valid();
        options.put("base-url", "https://myapp.com/app/");
        options.put("magic-link-path", "/auth/magic");
        options.put("link-expiry", "PT15M");
        options.put("allow-reuse", "true");
        options.put("token-provider", "jwt");
        options.put("jwt-algorithm", "hs384");
        options.put("id-generator", "nanoid");
        options.put("nanoid-size", "32");
        options.put("serialization-format", "json");
        options.put("issuer", "my-issuer");
        options.put("audience", "my-audience");
        options.put("clock-leeway", "30s");
        options.put("key-id", "2026-12");

        Haze haze = Haze.fromOptions(options);
        HazeConfig config = haze.config();
        assertThat(config.linkEndpoint()).isEqualTo("https://myapp.com/app/auth/magic");
        assertThat(config.linkExpiry()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.allowReuse()).isTrue();
        assertThat(config.issuer()).isEqualTo("my-issuer");
        assertThat(config.clockLeeway()).isEqualTo(Duration.ofSeconds(30));
        MagicLink link = haze.generate("u", null);
        assertThat(link.tokenId()).hasSize(32);
        assertThat(haze.validate(link.url().toString()).userId()).isEqualTo("u");
    }

    @Test
    void placeholdersReadTheEnvironmentAndFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path secretFile = dir.resolve("secret");
        java.nio.file.Files.writeString(secretFile, TestKeys.SECRET + "\n");
        Map<String, String> options = valid();
        options.put("secret-key", "${file:" + secretFile + "}");
        assertThat(Haze.fromOptions(options).config().jwtAlgorithm()).hasToString("HS256");

        options.put("secret-key", "${env:HAZE_TEST_SURELY_UNSET_VARIABLE}");
        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secret-key").hasMessageContaining("HAZE_TEST_SURELY_UNSET_VARIABLE");
        options.put("secret-key", "${file:" + dir.resolve("missing") + "}");
        assertThatThrownBy(() -> Haze.fromOptions(options)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secret-key");
        assertThat(HazeOptions.resolve("x", "${env:HOME}", name -> "/home/me")).isEqualTo("/home/me");
    }

    @Test
    void durationsAcceptSecondsShortFormsAndIso() {
        assertThat(HazeOptions.duration("d", "900")).isEqualTo(Duration.ofMinutes(15));
        assertThat(HazeOptions.duration("d", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(HazeOptions.duration("d", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(HazeOptions.duration("d", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(HazeOptions.duration("d", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(HazeOptions.duration("d", "pt15m")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> HazeOptions.duration("link-expiry", "-5")).hasMessageContaining("link-expiry");
        assertThatThrownBy(() -> HazeOptions.duration("link-expiry", "P")).hasMessageContaining("link-expiry");
    }
}
