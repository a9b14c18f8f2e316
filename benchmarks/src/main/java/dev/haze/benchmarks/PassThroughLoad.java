package dev.haze.benchmarks;

import dev.haze.Haze;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.MagicLinkFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * HTTP load on 127.0.0.1: what the filter costs requests that are none of its business. The same tiny
 * servlet is served by Jetty without the filter, with {@link MagicLinkFilter} mapped to {@code /*} for an
 * anonymous client (no session: the filter looks the path up and calls {@code getSession(false)}), and
 * with the filter for a client whose session is signed in (the session is read and the request wrapped
 * with the principal). The three run in turn (A, B, C, A, B, C, …) so warm-up and machine noise hit all;
 * each run is bounded in time.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * dev.haze.benchmarks.PassThroughLoad [threads] [seconds]}
 */
public final class PassThroughLoad {

    private PassThroughLoad() {
    }

    /** A response the size of a small page, the same for both variants. */
    public static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("hello\n");
        }
    }

    /** Who the signed-in variant's session belongs to; also the proof it is signed in. */
    public static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(String.valueOf(request.getRemoteUser()));
        }
    }

    /** The three variants measured. */
    enum Variant {
        WITHOUT_FILTER("without filter"), ANONYMOUS("with filter"), SIGNED_IN("signed in");

        private final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    record Result(String variant, double requestsPerSecond, double p50Micros, double p99Micros) {
        @Override
        public String toString() {
            return String.format("%-15s %10.0f req/s   p50 %7.1f us   p99 %7.1f us", variant, requestsPerSecond,
                    p50Micros, p99Micros);
        }
    }

    /**
     * @param args optional: client threads (default 4), measured seconds per run (default 10)
     * @throws Exception if a server cannot start
     */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        Duration warmup = Duration.ofSeconds(3);
        List<Result> results = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Variant variant : Variant.values()) {
                results.add(run(variant, threads, warmup, measure));
            }
        }
        System.out.println("GET /hello, " + threads + " client threads, " + measure.toSeconds() + " s per run:");
        results.forEach(System.out::println);
    }

    private static Result run(Variant variant, int threads, Duration warmup, Duration measure) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        AtomicReference<URI> mailbox = new AtomicReference<>();
        if (variant != Variant.WITHOUT_FILTER) {
            Haze haze = Haze.builder().baseUrl("http://127.0.0.1")
                    .secretKey("benchmark-secret-benchmark-secret-benchmark-secret").build();
            // One-step sign-in, so the benchmark signs its client in with one GET of the link.
            FilterSettings settings = FilterSettings.builder().protectedPaths(List.of("/account/*"))
                    .crossDevice(false).confirm(FilterSettings.Confirm.NONE).build();
            MagicLinkFilter filter = new MagicLinkFilter(haze, settings)
                    .setLinkSender(message -> mailbox.set(message.link()));
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(Hello.class, "/hello");
        context.addServlet(WhoAmI.class, "/whoami");
        server.setHandler(context);
        server.start();
        try {
            URI origin = URI.create("http://127.0.0.1:" + connector.getLocalPort());
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            if (variant == Variant.SIGNED_IN) {
                signIn(origin, cookies, mailbox);
            }
            URI uri = origin.resolve("/hello");
            load(uri, cookies, threads, warmup);
            long[] latencies = load(uri, cookies, threads, measure);
            Arrays.sort(latencies);
            return new Result(variant.label, latencies.length / (double) measure.toSeconds(),
                    latencies[latencies.length / 2] / 1000.0, latencies[(int) (latencies.length * 0.99)] / 1000.0);
        } finally {
            server.stop();
        }
    }

    /** Requests a link, opens it, and checks that the cookies now carry a signed-in session. */
    private static void signIn(URI origin, CookieManager cookies, AtomicReference<URI> mailbox) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        client.send(HttpRequest.newBuilder(origin.resolve("/auth/magic-link"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=bench%40example.org")).build(),
                HttpResponse.BodyHandlers.discarding());
        URI link = mailbox.get();
        if (link == null) {
            throw new IllegalStateException("no link was delivered");
        }
        client.send(HttpRequest.newBuilder(origin.resolve(link.getRawPath() + "?" + link.getRawQuery())).GET()
                .build(), HttpResponse.BodyHandlers.discarding());
        String who = client.send(HttpRequest.newBuilder(origin.resolve("/whoami")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        if (!who.equals("bench@example.org")) {
            throw new IllegalStateException("the benchmark client did not sign in: " + who);
        }
    }

    /** @return the latency of every request completed within {@code duration}, in nanoseconds */
    private static long[] load(URI uri, CookieManager cookies, int threads, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    long[] samples = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("GET /hello answered " + response.statusCode());
                        }
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = System.nanoTime() - start;
                    }
                    return Arrays.copyOf(samples, n);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> worker : workers) {
                long[] part = worker.get();
                long[] merged = Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
