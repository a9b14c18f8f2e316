package dev.haze.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is logged through the tests' real SLF4J binding (slf4j-simple, which writes to whatever
 * {@code System.err} is at the time of each call), so a test can check a message was logged without
 * mocking any logger. Not for concurrent tests: {@code System.err} is global.
 */
public final class StandardErrorCapture {
    private StandardErrorCapture() {
    }

    /**
     * @param action what to run while {@code System.err} is captured
     * @return everything written to {@code System.err} meanwhile
     */
    public static String during(Runnable action) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
