package dev.haze;

import dev.haze.store.TokenStore;
import dev.haze.token.IdGenerator;
import dev.haze.token.JwtAlgorithm;
import dev.haze.token.LinkTokenCodec;
import dev.haze.token.Pem;
import dev.haze.token.Serialization;
import dev.haze.token.SigningKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Haze}. Every setting is validated in {@link #build()}, with a message naming the
 * option (its kebab-case name, as in {@link #options(Map)}). Not thread-safe; the built {@link Haze} is.
 */
public final class HazeBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(HazeBuilder.class);

    /** Every option name {@link #options(Map)} accepts. */
    public static final Set<String> OPTION_NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "base-url", "magic-link-path", "link-expiry", "allow-reuse", "token-provider", "jwt-algorithm",
            "id-generator", "nanoid-size", "serialization-format", "secret-key", "private-key", "public-key",
            "previous-keys", "key-id", "issuer", "audience", "clock-leeway")));

    private String baseUrl;
    private String magicLinkPath = HazeConfig.DEFAULT_MAGIC_LINK_PATH;
    private Duration linkExpiry = HazeConfig.DEFAULT_LINK_EXPIRY;
    private boolean allowReuse;
    private JwtAlgorithm jwtAlgorithm;
    private IdGenerator idGenerator;
    private Integer nanoIdSize;
    private String idGeneratorName;
    private Serialization serialization = Serialization.MSGPACK;
    private byte[] secretKey;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private Path privateKeyPem;
    private Path publicKeyPem;
    private SigningKey signingKey;
    private String keyId;
    private final List<SigningKey> previousKeys = new ArrayList<>();
    private final List<String> previousKeyValues = new ArrayList<>();
    private String issuer;
    private String audience;
    private Duration clockLeeway = HazeConfig.DEFAULT_CLOCK_LEEWAY;
    private TokenStore store;
    private final List<HazeListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    HazeBuilder() {
    }

    /**
     * Applies string options (kebab-case names, values may be {@code ${env:NAME}} or {@code ${file:PATH}}):
     * {@code base-url}, {@code magic-link-path}, {@code link-expiry} ({@code 900}, {@code 15m},
     * {@code PT15M}), {@code allow-reuse}, {@code token-provider} (only {@code jwt}), {@code jwt-algorithm},
     * {@code id-generator} ({@code nanoid}|{@code uuid}), {@code nanoid-size}, {@code serialization-format}
     * ({@code msgpack}|{@code json}), {@code secret-key}, {@code private-key} and {@code public-key} (PEM
     * file paths), {@code previous-keys} (comma-separated: secrets for HMAC, public-key PEM paths for
     * RSA and EC), {@code key-id}, {@code issuer}, {@code audience}, {@code clock-leeway}.
     *
     * @param options the options
     * @return this builder
     * @throws ConfigurationException for an unknown name or a value that cannot be parsed, naming it
     */
    public HazeBuilder options(Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            String name = e.getKey();
            if (!OPTION_NAMES.contains(name)) {
                throw new ConfigurationException("unknown option '" + name + "'; known options: " + OPTION_NAMES);
            }
            String value = HazeOptions.resolve(name, e.getValue());
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(name + " is empty; remove it or give a value");
            }
            apply(name, value.strip());
        }
        return this;
    }

    private void apply(String name, String value) {
        switch (name) {
            case "base-url" -> baseUrl = value;
            case "magic-link-path" -> magicLinkPath = value;
            case "link-expiry" -> linkExpiry = HazeOptions.duration(name, value);
            case "allow-reuse" -> allowReuse = HazeOptions.bool(name, value);
            case "token-provider" -> {
                if (!value.equalsIgnoreCase("jwt")) {
                    throw new ConfigurationException("token-provider must be jwt, was '" + value + "'");
                }
            }
            case "jwt-algorithm" -> jwtAlgorithm = parse(name, () -> JwtAlgorithm.parse(value));
            case "id-generator" -> idGeneratorName = value;
            // The range (19 to IdGenerator.MAX_LENGTH) is checked, with its reasons, by IdGenerator.nanoId.
            case "nanoid-size" -> nanoIdSize = HazeOptions.integer(name, value, 1, Integer.MAX_VALUE);
            case "serialization-format" -> serialization = parse(name, () -> Serialization.parse(value));
            case "secret-key" -> secretKey = value.getBytes(StandardCharsets.UTF_8);
            case "private-key" -> privateKeyPem = Path.of(value);
            case "public-key" -> publicKeyPem = Path.of(value);
            case "previous-keys" -> {
                for (String entry : value.split(",")) {
                    if (!entry.isBlank()) {
                        previousKeyValues.add(entry.strip());
                    }
                }
            }
            case "key-id" -> keyId = value;
            case "issuer" -> issuer = value;
            case "audience" -> audience = value;
            default -> clockLeeway = HazeOptions.duration(name, value);
        }
    }

    /** @param baseUrl scheme, host, optional port and context path, e.g. {@code https://myapp.com}; required
     *  @return this builder */
    public HazeBuilder baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    /** @param path where links point, starting with {@code /}; default {@code /auth/verify}
     *  @return this builder */
    public HazeBuilder magicLinkPath(String path) {
        this.magicLinkPath = path;
        return this;
    }

    /** @param expiry how long links work; default 10 minutes, at most 7 days
     *  @return this builder */
    public HazeBuilder linkExpiry(Duration expiry) {
        this.linkExpiry = expiry;
        return this;
    }

    /** @param allowReuse true to let a link work until it expires instead of once; default false
     *  @return this builder */
    public HazeBuilder allowReuse(boolean allowReuse) {
        this.allowReuse = allowReuse;
        return this;
    }

    /** @param algorithm the signature algorithm; default HS256, or taken from {@link #signingKey}
     *  @return this builder */
    public HazeBuilder jwtAlgorithm(JwtAlgorithm algorithm) {
        this.jwtAlgorithm = algorithm;
        return this;
    }

    /** @param generator how token ids are made; default NanoID of 21 characters
     *  @return this builder */
    public HazeBuilder idGenerator(IdGenerator generator) {
        this.idGenerator = generator;
        return this;
    }

    /** @param serialization how metadata is stored; default MessagePack
     *  @return this builder */
    public HazeBuilder serialization(Serialization serialization) {
        this.serialization = serialization;
        return this;
    }

    /** @param secret HMAC secret, at least as long as the hash (32 bytes for HS256)
     *  @return this builder */
    public HazeBuilder secretKey(byte[] secret) {
        this.secretKey = secret == null ? null : secret.clone();
        return this;
    }

    /** @param secret HMAC secret as text (its UTF-8 bytes count), at least 32 bytes for HS256
     *  @return this builder */
    public HazeBuilder secretKey(String secret) {
        return secretKey(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param privateKey RSA or EC private key (signs)
     * @param publicKey its public key (verifies)
     * @return this builder
     */
    public HazeBuilder keyPair(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        return this;
    }

    /** @param pemFile option {@code private-key}: a PKCS#8 PEM file with the RSA or EC private key (RS*, ES*)
     *  @return this builder */
    public HazeBuilder privateKeyPem(Path pemFile) {
        this.privateKeyPem = pemFile;
        return this;
    }

    /** @param pemFile option {@code public-key}: an X.509 PEM file with the matching public key (RS*, ES*)
     *  @return this builder */
    public HazeBuilder publicKeyPem(Path pemFile) {
        this.publicKeyPem = pemFile;
        return this;
    }

    /** @param keyId option {@code key-id}: the JWT {@code kid}, 1 to 64 of {@code A-Z a-z 0-9 . _ ~ -};
     *      default derived from the key, so every node with the same key agrees
     *  @return this builder */
    public HazeBuilder keyId(String keyId) {
        this.keyId = keyId;
        return this;
    }

    /** @param key the current key, with its algorithm and key id; a secret, key pair or PEM file set as well
     *      is a {@link ConfigurationException} at {@link #build()}
     *  @return this builder */
    public HazeBuilder signingKey(SigningKey key) {
        this.signingKey = key;
        return this;
    }

    /** @param keys keys of earlier rotations: they verify links issued before, never sign
     *  @return this builder */
    public HazeBuilder previousKeys(SigningKey... keys) {
        previousKeys.addAll(Arrays.asList(keys));
        return this;
    }

    /** @param issuer the JWT {@code iss}; default the base URL
     *  @return this builder */
    public HazeBuilder issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    /** @param audience the JWT {@code aud}, required on verification when set; default none
     *  @return this builder */
    public HazeBuilder audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** @param leeway clock skew tolerated between servers; default 10 seconds, at most 5 minutes
     *  @return this builder */
    public HazeBuilder clockLeeway(Duration leeway) {
        this.clockLeeway = leeway;
        return this;
    }

    /** @param store where tokens live; default a new {@link dev.haze.store.InMemoryTokenStore}
     *  @return this builder */
    public HazeBuilder store(TokenStore store) {
        this.store = store;
        return this;
    }

    /** @param listener receives events; may be called several times to add more
     *  @return this builder */
    public HazeBuilder listener(HazeListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** @param clock the time source; default the system UTC clock
     *  @return this builder */
    public HazeBuilder clock(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Validates every setting and builds.
     *
     * @return a ready, immutable instance
     * @throws ConfigurationException naming the first option that is missing or wrong
     */
    public Haze build() {
        URI base = validBaseUrl();
        String path = validPath();
        if (!HazeConfig.isValidLinkExpiry(linkExpiry)) {
            throw new ConfigurationException("link-expiry must be between 1 second and "
                    + HazeConfig.MAX_LINK_EXPIRY.toDays() + " days, was " + linkExpiry);
        }
        if (clockLeeway == null || clockLeeway.isNegative() || clockLeeway.compareTo(HazeConfig.MAX_CLOCK_LEEWAY) > 0) {
            throw new ConfigurationException("clock-leeway must be between 0 and "
                    + HazeConfig.MAX_CLOCK_LEEWAY.toMinutes() + " minutes, was " + clockLeeway);
        }
        if (serialization == null) {
            throw new ConfigurationException("serialization-format must be msgpack or json");
        }
        SigningKey key = currentKey();
        List<SigningKey> previous = new ArrayList<>(previousKeys);
        for (String value : previousKeyValues) {
            previous.add(previousKey(key.algorithm(), value));
        }
        String iss = issuer != null ? issuer : base.toString();
        LinkTokenCodec codec = new LinkTokenCodec(key, previous, iss, audience, clockLeeway, clock);
        HazeConfig config = new HazeConfig(base, path, linkExpiry, allowReuse, key.algorithm(), serialization,
                iss, audience, clockLeeway);
        IdGenerator ids = ids();
        // A generator that makes ids no link can carry fails here, at start-up, rather than at the first sign-in.
        Haze.requireValidTokenId(ids.newId());
        return new Haze(config, codec, ids, store != null ? store : Haze.defaultStore(), listeners, clock);
    }

    private URI validBaseUrl() {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new ConfigurationException("base-url is required (for example https://myapp.com); Haze never"
                    + " takes it from the request's Host header");
        }
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("base-url is not a valid URL: '" + baseUrl + "'", e);
        }
        String scheme = uri.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException("base-url must be an absolute http(s) URL with a host and no query,"
                    + " fragment or user info, such as https://myapp.com or https://myapp.com/app; was '"
                    + baseUrl + "'");
        }
        if ("http".equalsIgnoreCase(scheme) && !isLoopback(uri.getHost())) {
            LOG.warn("base-url uses plain http for a non-local host: magic links travel unencrypted. Use https"
                    + " in production.");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private String validPath() {
        if (magicLinkPath == null || !magicLinkPath.matches("/[A-Za-z0-9._~/-]*")) {
            throw new ConfigurationException("magic-link-path must start with / and hold only A-Z a-z 0-9 . _ ~ - /,"
                    + " was '" + magicLinkPath + "'");
        }
        return magicLinkPath;
    }

    private SigningKey currentKey() {
        boolean privateGiven = privateKey != null || privateKeyPem != null;
        boolean publicGiven = publicKey != null || publicKeyPem != null;
        SigningKey key;
        if (signingKey != null) {
            String with = "signingKey(...), which is the whole key";
            refuseCombination(secretKey != null, "secret-key", with);
            refuseCombination(privateGiven, "private-key", with);
            refuseCombination(publicGiven, "public-key", with);
            if (jwtAlgorithm != null && jwtAlgorithm != signingKey.algorithm()) {
                throw new ConfigurationException("jwt-algorithm is " + jwtAlgorithm + " but the signing key is for "
                        + signingKey.algorithm());
            }
            key = signingKey;
        } else {
            JwtAlgorithm algorithm = jwtAlgorithm != null ? jwtAlgorithm : JwtAlgorithm.HS256;
            if (algorithm.family() == JwtAlgorithm.Family.HMAC) {
                String with = "jwt-algorithm " + algorithm + ", which takes a secret-key; set jwt-algorithm to an"
                        + " RS* or ES* algorithm to sign with a key pair";
                refuseCombination(privateGiven, "private-key", with);
                refuseCombination(publicGiven, "public-key", with);
                key = SigningKey.hmac(algorithm, secretKey);
            } else {
                refuseCombination(secretKey != null, "secret-key", "jwt-algorithm " + algorithm + ", which takes"
                        + " private-key and public-key; set jwt-algorithm to an HS* algorithm to sign with a secret");
                if (privateKey != null || publicKey != null) {
                    refuseCombination(privateKeyPem != null, "private-key", "keyPair(...), which gives the keys");
                    refuseCombination(publicKeyPem != null, "public-key", "keyPair(...), which gives the keys");
                    key = SigningKey.asymmetric(algorithm, publicKey, requirePrivate(algorithm, privateKey));
                } else {
                    if (privateKeyPem == null) {
                        throw new ConfigurationException("private-key (a PEM file) is required for " + algorithm);
                    }
                    key = SigningKey.fromPem(algorithm, privateKeyPem, publicKeyPem);
                }
            }
        }
        return keyId != null ? key.withKeyId(keyId) : key;
    }

    /** An option that the rest of the configuration makes meaningless is an error, never silently ignored. */
    private static void refuseCombination(boolean given, String option, String with) {
        if (given) {
            throw new ConfigurationException(option + " is set but does not apply with " + with + "; remove it");
        }
    }

    private static PrivateKey requirePrivate(JwtAlgorithm algorithm, PrivateKey key) {
        if (key == null) {
            throw new ConfigurationException("private-key is required for " + algorithm);
        }
        return key;
    }

    private static SigningKey previousKey(JwtAlgorithm algorithm, String value) {
        try {
            if (algorithm.family() == JwtAlgorithm.Family.HMAC) {
                return SigningKey.hmac(algorithm, value);
            }
            PublicKey pub = Pem.readPublicKey(Path.of(value), algorithm.family(), "previous-keys");
            return SigningKey.asymmetric(algorithm, pub, null);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("previous-keys: " + e.getMessage(), e);
        }
    }

    private IdGenerator ids() {
        if (idGenerator != null) {
            if (idGeneratorName != null || nanoIdSize != null) {
                throw new ConfigurationException("id-generator and nanoid-size cannot be combined with a custom"
                        + " IdGenerator");
            }
            return idGenerator;
        }
        String name = idGeneratorName == null ? "nanoid" : idGeneratorName.toLowerCase(java.util.Locale.ROOT);
        if (name.equals("uuid")) {
            if (nanoIdSize != null) {
                throw new ConfigurationException("nanoid-size applies only to id-generator nanoid");
            }
            return IdGenerator.uuid();
        }
        if (!name.equals("nanoid")) {
            throw new ConfigurationException("id-generator must be nanoid or uuid, was '" + idGeneratorName + "'");
        }
        return parse("nanoid-size", () -> IdGenerator.nanoId(nanoIdSize == null ? 21 : nanoIdSize));
    }

    private static <T> T parse(String option, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(option + ": " + e.getMessage(), e);
        }
    }
}
