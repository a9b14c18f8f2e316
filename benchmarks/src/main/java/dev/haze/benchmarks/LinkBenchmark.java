package dev.haze.benchmarks;

import dev.haze.Haze;
import dev.haze.MagicLink;
import dev.haze.VerifiedToken;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.token.JwtAlgorithm;
import dev.haze.token.SigningKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the core operations with the in-memory store: generating a link, and the full one-time
 * verification (signature, claims, atomic consume, metadata decode) of a fresh link.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LinkBenchmark {

    @Param({"HS256", "RS256", "ES256"})
    public String algorithm;

    private Haze haze;
    private final Map<String, Object> metadata = Map.of("name", "John Doe", "plan", "pro", "seats", 5);

    @Setup
    public void setUp() throws Exception {
        JwtAlgorithm alg = JwtAlgorithm.parse(algorithm);
        SigningKey key = switch (alg.family()) {
            case HMAC -> SigningKey.hmac(alg, "benchmark-secret-benchmark-secret-benchmark-secret");
            case RSA -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                yield SigningKey.asymmetric(alg, pair.getPublic(), pair.getPrivate());
            }
            case EC -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                yield SigningKey.asymmetric(alg, pair.getPublic(), pair.getPrivate());
            }
        };
        // Links live 10 minutes, so a run keeps millions of them: give the bounded store room for that.
        haze = Haze.builder().baseUrl("https://myapp.com").signingKey(key)
                .store(new InMemoryTokenStore(5_000_000)).build();
    }

    /** @return a new link (id, JWT signature, store write) */
    @Benchmark
    public MagicLink generate() {
        return haze.generate("user123", metadata);
    }

    /** @return a new link verified and consumed once: the whole sign-in cost of the core */
    @Benchmark
    public VerifiedToken generateThenVerify() {
        MagicLink link = haze.generate("user123", metadata);
        String query = link.url().getRawQuery();
        String signature = URLDecoder.decode(query.substring(query.indexOf("signature=") + 10), StandardCharsets.UTF_8);
        return haze.verify(link.tokenId(), signature);
    }
}
