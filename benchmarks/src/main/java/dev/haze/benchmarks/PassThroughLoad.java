package dev.haze.benchmarks;

import dev.haze.Haze;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.MagicLinkFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * HTTP load on 127.0.0.1: what the filter costs requests that are none of its business. The same tiny
 * servlet is served by Jetty without the filter and with {@link MagicLinkFilter} mapped to {@code /*},
 * alternately (A, B, A, B, A, B) so warm-up and machine noise hit both; each run is bounded in time.
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

    record Result(String variant, double requestsPerSecond, double p50Micros, double p99Micros) {
        @Override
        public String toString() {
            return String.format("%-14s %10.0f req/s   p50 %7.1f us   p99 %7.1f us", variant, requestsPerSecond,
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
            results.add(run("without filter", false, threads, warmup, measure));
            results.add(run("with filter", true, threads, warmup, measure));
        }
        System.out.println("GET /hello, " + threads + " client threads, " + measure.toSeconds() + " s per run:");
        results.forEach(System.out::println);
    }

    private static Result run(String variant, boolean withFilter, int threads, Duration warmup, Duration measure)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        if (withFilter) {
            Haze haze = Haze.builder().baseUrl("http://127.0.0.1")
                    .secretKey("benchmark-secret-benchmark-secret-benchmark-secret").build();
            FilterSettings settings = FilterSettings.builder().protectedPaths(List.of("/account/*")).build();
            context.addFilter(new FilterHolder(new MagicLinkFilter(haze, settings)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(Hello.class, "/hello");
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/hello");
            load(uri, threads, warmup);
            long[] latencies = load(uri, threads, measure);
            Arrays.sort(latencies);
            return new Result(variant, latencies.length / (double) measure.toSeconds(),
                    latencies[latencies.length / 2] / 1000.0, latencies[(int) (latencies.length * 0.99)] / 1000.0);
        } finally {
            server.stop();
        }
    }

    /** @return the latency of every request completed within {@code duration}, in nanoseconds */
    private static long[] load(URI uri, int threads, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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
