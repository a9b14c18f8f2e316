package dev.haze.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the demo logs through its real SLF4J binding (slf4j-simple, which writes to whatever
 * {@code System.err} is at the time) while this is open. Not for parallel tests: it swaps the JVM's
 * {@code System.err}.
 */
final class CapturedLog implements AutoCloseable {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream original = System.err;

    private CapturedLog() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    static CapturedLog start() {
        return new CapturedLog();
    }

    /** @return the lines logged so far that contain {@code text} */
    List<String> linesWith(String text) {
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).toList();
    }

    /** @return everything logged so far */
    String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
        original.print(text());
    }
}
