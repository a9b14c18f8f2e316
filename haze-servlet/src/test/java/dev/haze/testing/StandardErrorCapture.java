package dev.haze.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what is logged through the tests' real SLF4J binding (slf4j-simple, which writes to whatever
 * {@code System.err} is at the time of each call), so a test can check a message was logged without
 * mocking any logger. On close the capture is written on to the original {@code System.err}, so the test
 * report still shows it. Not for concurrent tests: {@code System.err} is global.
 */
public final class StandardErrorCapture implements AutoCloseable {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream original = System.err;

    private StandardErrorCapture() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** @return a capture running until {@link #close()} */
    public static StandardErrorCapture start() {
        return new StandardErrorCapture();
    }

    /**
     * @param action what to run while {@code System.err} is captured
     * @return everything written to {@code System.err} meanwhile
     */
    public static String during(Runnable action) {
        try (StandardErrorCapture capture = start()) {
            action.run();
            return capture.text();
        }
    }

    /** @return everything logged so far */
    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param text what to look for
     * @return the lines logged so far that contain {@code text}
     */
    public List<String> linesWith(String text) {
        return text().lines().filter(line -> line.contains(text)).toList();
    }

    /** Restores {@code System.err} and writes the captured text on to it. */
    @Override
    public void close() {
        System.setErr(original);
        original.print(text());
    }
}
