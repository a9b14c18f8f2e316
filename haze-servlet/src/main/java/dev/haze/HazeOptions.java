package dev.haze;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading option values given as strings (a map, init-params, a properties file, the environment).
 * One implementation serves the core and the servlet filter, so every entry point accepts the same forms.
 *
 * <ul>
 *   <li>A whole value {@code ${env:NAME}} is replaced by environment variable NAME and
 *       {@code ${file:PATH}} by the file's content with surrounding white space trimmed: secrets need
 *       not sit in web.xml. A missing variable or unreadable file is an error naming the option.</li>
 *   <li>Durations: {@code 900} (seconds), {@code 15m}, {@code 2h}, {@code 30s}, {@code 1d} or ISO-8601
 *       {@code PT15M}.</li>
 *   <li>Booleans: {@code true} or {@code false}, nothing else.</li>
 * </ul>
 */
public final class HazeOptions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env|file):([^}]+)}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");

    private HazeOptions() {
    }

    /**
     * Resolves a {@code ${env:…}} or {@code ${file:…}} value against the real environment.
     *
     * @param option the option's name, for messages
     * @param value the raw value; returned unchanged unless it is a placeholder
     * @return the resolved value
     * @throws ConfigurationException naming the option if the variable is unset or the file unreadable
     */
    public static String resolve(String option, String value) {
        return resolve(option, value, System::getenv);
    }

    /**
     * Resolves a placeholder with a given environment (for tests and embedding).
     *
     * @param option the option's name
     * @param value the raw value
     * @param environment looks up environment variables
     * @return the resolved value
     * @throws ConfigurationException naming the option if the variable is unset or the file unreadable
     */
    public static String resolve(String option, String value, Function<String, String> environment) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value.trim());
        if (!m.matches()) {
            return value;
        }
        String name = m.group(2).trim();
        if (m.group(1).equals("env")) {
            String resolved = environment.apply(name);
            if (resolved == null) {
                throw new ConfigurationException(option + ": environment variable " + name + " is not set");
            }
            return resolved;
        }
        try {
            return Files.readString(Path.of(name), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(option + ": cannot read file " + name + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /**
     * @param option the option's name, for messages
     * @param value {@code 900}, {@code 15m}, {@code PT15M}, …
     * @return the duration
     * @throws ConfigurationException naming the option for anything else
     */
    public static Duration duration(String option, String value) {
        String v = value.trim();
        try {
            if (v.regionMatches(true, 0, "P", 0, 1)) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException e) {
            throw badDuration(option, value);
        }
        Matcher m = SHORT_DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw badDuration(option, value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * @param option the option's name, for messages
     * @param value {@code true} or {@code false} (case-insensitive)
     * @return the boolean
     * @throws ConfigurationException naming the option for anything else
     */
    public static boolean bool(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new ConfigurationException(option + " must be true or false, was '" + value + "'");
    }

    /**
     * @param option the option's name, for messages
     * @param value a decimal integer
     * @param min the least accepted value
     * @param max the greatest accepted value
     * @return the integer
     * @throws ConfigurationException naming the option when not an integer in range
     */
    public static int integer(String option, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(option + " must be a whole number, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new ConfigurationException(option + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    /**
     * Resolves every value of a map (see {@link #resolve(String, String)}).
     *
     * @param options raw options
     * @return a new map with placeholders resolved
     */
    public static Map<String, String> resolveAll(Map<String, String> options) {
        Map<String, String> resolved = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> resolved.put(k, resolve(k, v)));
        return resolved;
    }

    private static ConfigurationException badDuration(String option, String value) {
        return new ConfigurationException(option + " must be a duration such as 900 (seconds), 15m, 2h or PT15M,"
                + " was '" + value + "'");
    }
}
