package dev.haze.delivery.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Says a duration in English words: "10 minutes", "1 hour and 30 minutes", "45 seconds". Thread-safe. */
public final class DurationWords {

    private DurationWords() {
    }

    /**
     * Rounds to whole seconds and names at most the two largest non-zero units (days, hours, minutes,
     * seconds), so a link lifetime reads naturally.
     *
     * @param duration a non-negative duration
     * @return the words, e.g. {@code "2 hours"}, {@code "1 day and 3 hours"}, {@code "less than a second"}
     */
    public static String of(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
        String[] units = {"day", "hour", "minute", "second"};
        List<String> parts = new ArrayList<>(2);
        for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
            if (amounts[i] > 0) {
                parts.add(amounts[i] + " " + units[i] + (amounts[i] == 1 ? "" : "s"));
            } else if (!parts.isEmpty()) {
                break;
            }
        }
        return parts.isEmpty() ? "less than a second" : String.join(" and ", parts);
    }
}
