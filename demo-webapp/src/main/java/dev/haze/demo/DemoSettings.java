package dev.haze.demo;

import dev.haze.ConfigurationException;
import dev.haze.HazeOptions;
import dev.haze.servlet.MagicLinkFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides the init-params of the demo's {@code MagicLinkFilter}: the demo's own choices (login page, protected
 * page, link expiry) and those that differ between a laptop and production (base URL, secret, database,
 * mail server). web.xml declares the filter without init-params, so every one of them can come from here.
 *
 * <p>Every filter option is a variable read from a servlet-context init-param of the same name, else from
 * the environment ({@link #withEnvironment}): {@code HAZE_} + the option in upper snake case
 * ({@code HAZE_BASE_URL}, {@code HAZE_LINK_EXPIRY}, {@code HAZE_USER_RESOLVER}, …) and {@code SMTP_HOST},
 * {@code SMTP_FROM}, {@code SMTP_TEMPLATE}, … for the {@code smtp-*} options; the names are the filter's own
 * ({@link #optionNames()}). A variable overrides the demo's choice ({@link #DEMO_DEFAULTS}). Without
 * {@code HAZE_STORE} or {@code HAZE_JDBC_URL} the tokens live in an H2 database file in the data folder
 * ({@code HAZE_DEMO_DATA}, default {@code ./demo-data} under the working directory).
 * {@code HAZE_DEMO_DEVELOPMENT=true} turns on development mode (the embedded {@code DemoServer} does so),
 * where missing settings get local defaults: {@code http://localhost:8080} (the embedded server passes its own
 * address instead), a generated secret kept in the data folder, and the in-memory outbox instead of email.
 *
 * <p>Immutable and thread-safe.
 */
public final class DemoSettings {
    /** Turns on development mode ({@code true}/{@code false}, default false). */
    public static final String DEVELOPMENT = "HAZE_DEMO_DEVELOPMENT";
    /** The data folder (default {@code ./demo-data}): the H2 database and the development secret. */
    public static final String DATA = "HAZE_DEMO_DATA";
    /** The base URL used in development mode when {@code HAZE_BASE_URL} is not set. */
    public static final String DEFAULT_BASE_URL = "http://localhost:8080";

    /** The H2 database's file name (without H2's {@code .mv.db}) in the data folder. */
    public static final String H2_FILE = "haze";

    /**
     * The demo's own init-params, matching the servlets in web.xml: its login page, the page to land on, the
     * protected page, and a link lifetime. A variable of the same option ({@code HAZE_LINK_EXPIRY=5m})
     * overrides each.
     */
    public static final Map<String, String> DEMO_DEFAULTS;

    static {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("login-page", "/");
        defaults.put("success-redirect", "/dashboard");
        defaults.put("protected-paths", "/dashboard");
        defaults.put("link-expiry", "15m");
        DEMO_DEFAULTS = Collections.unmodifiableMap(defaults);
    }

    private final boolean development;
    private final Path dataFolder;
    private final Map<String, String> filterParams;
    private final Set<String> fromVariables;

    private DemoSettings(boolean development, Path dataFolder, Map<String, String> filterParams,
                         Set<String> fromVariables) {
        this.development = development;
        this.dataFolder = dataFolder;
        this.filterParams = Collections.unmodifiableMap(filterParams);
        this.fromVariables = Set.copyOf(fromVariables);
    }

    /**
     * @param variables looks up a variable by name (context init-param, then environment); null when unset
     * @param optionNames every option name the filter accepts ({@link #optionNames()})
     * @return the settings; in development mode the secret file is created in the data folder if missing
     * @throws ConfigurationException naming the variable that is missing (production mode) or malformed
     */
    public static DemoSettings read(Function<String, String> variables, Set<String> optionNames) {
        boolean development = development(variables);
        String data = blankToNull(variables.apply(DATA));
        Path dataFolder = Path.of(data == null ? "demo-data" : data).toAbsolutePath().normalize();

        Map<String, String> params = new LinkedHashMap<>();
        for (String option : optionNames) {
            put(params, option, variables.apply(variableFor(option)));
        }
        Set<String> fromVariables = new LinkedHashSet<>(params.keySet());
        DEMO_DEFAULTS.forEach(params::putIfAbsent);
        if (!params.containsKey("link-sender")) {
            if (params.containsKey("smtp-host")) {
                params.put("link-sender", "smtp");
            } else if (development) {
                params.put("link-sender", DevOutbox.class.getName());
            } else {
                throw missing("SMTP_HOST", "the mail server that delivers the links");
            }
        }
        if ("smtp".equals(params.get("link-sender"))) {
            requireForSmtp(params, "smtp-host", "the mail server that delivers the links");
            requireForSmtp(params, "smtp-from", "the sender of the sign-in emails, e.g. 'Example <login@example.com>'");
        }
        if (!params.containsKey("store")) {
            params.put("store", "jdbc");
            if (!params.containsKey("jdbc-url") && !params.containsKey("jndi-datasource")) {
                createFolder(dataFolder);
                params.put("jdbc-url", "jdbc:h2:file:" + dataFolder.resolve(H2_FILE));
            }
        }
        if (!development && DevOutbox.class.getName().equals(params.get("link-sender"))) {
            throw new ConfigurationException(variableFor("link-sender") + " names the development outbox, which"
                    + " anyone could read to sign in as anyone; it is only allowed with " + DEVELOPMENT + "=true");
        }
        if (!params.containsKey("base-url")) {
            if (!development) {
                throw missing(variableFor("base-url"), "the public URL of this application, e.g. https://app.example.com");
            }
            params.put("base-url", DEFAULT_BASE_URL);
        }
        boolean hmac = params.getOrDefault("jwt-algorithm", "HS256").toUpperCase(Locale.ROOT).startsWith("HS");
        if (hmac && !params.containsKey("secret-key")) {
            if (!development) {
                throw missing(variableFor("secret-key"), "at least 32 random bytes; e.g. openssl rand -base64 48");
            }
            params.put("secret-key", "${file:" + DevSecret.ensure(dataFolder.resolve(DevSecret.FILE_NAME)) + "}");
        }
        return new DemoSettings(development, dataFolder, params, fromVariables);
    }

    /**
     * @param variables looks up a variable by name; null when unset
     * @return whether {@link #DEVELOPMENT} is {@code true}
     * @throws ConfigurationException if it is set to anything but true or false
     */
    public static boolean development(Function<String, String> variables) {
        String value = blankToNull(variables.apply(DEVELOPMENT));
        return value != null && HazeOptions.bool(DEVELOPMENT, value);
    }

    /**
     * How the demo looks up a variable: the servlet-context init-param of that name if there is one (what a
     * container's {@code context.xml} or the embedded server gives), else the environment variable.
     *
     * @param contextParams looks up a servlet-context init-param; null when there is none
     * @return the lookup
     */
    public static Function<String, String> withEnvironment(Function<String, String> contextParams) {
        return name -> {
            String param = contextParams.apply(name);
            return param != null ? param : System.getenv(name);
        };
    }

    /**
     * The names a filter option is read from: {@code base-url} from {@code HAZE_BASE_URL}, {@code smtp-host}
     * from {@code SMTP_HOST}.
     *
     * @param option a kebab-case option name
     * @return the variable's name
     */
    public static String variableFor(String option) {
        String snake = option.toUpperCase(Locale.ROOT).replace('-', '_');
        return snake.startsWith("SMTP_") ? snake : "HAZE_" + snake;
    }

    /**
     * Every option the filter reads from init-params ({@link MagicLinkFilter#initParamNames()}: the core's,
     * the filter's, the SMTP sender's and those of every token store provider on the class path).
     *
     * @return the option names
     */
    public static Set<String> optionNames() {
        return MagicLinkFilter.initParamNames();
    }

    private static void requireForSmtp(Map<String, String> params, String option, String what) {
        if (!params.containsKey(option)) {
            throw new ConfigurationException(variableFor(option) + " is not set: " + what + ". The links go out by"
                    + " email (link-sender=smtp), which needs " + variableFor("smtp-host") + " and "
                    + variableFor("smtp-from") + ".");
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new ConfigurationException(DATA + ": cannot create the data folder " + folder + " (" + e + ")."
                    + " Set " + DATA + " to a writable folder, or " + variableFor("jdbc-url") + " to a database.", e);
        }
    }

    private static void put(Map<String, String> params, String option, String value) {
        String v = blankToNull(value);
        if (v != null) {
            params.put(option, v);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ConfigurationException missing(String variable, String what) {
        return new ConfigurationException(variable + " is not set: " + what + ". Set it (environment variable or"
                + " context-param), or run in development mode with " + DEVELOPMENT + "=true.");
    }

    /** @return true in development mode: local defaults and the {@code /dev/outbox} */
    public boolean development() {
        return development;
    }

    /** @return the absolute data folder */
    public Path dataFolder() {
        return dataFolder;
    }

    /** @return whether the development outbox receives the links (and {@code /dev/outbox} is served) */
    public boolean outbox() {
        return DevOutbox.class.getName().equals(filterParams.get("link-sender"));
    }

    /**
     * @return the filter init-params to add to those in web.xml; values may be placeholders the filter
     *     resolves. Contains secrets: never log the values.
     */
    public Map<String, String> filterParams() {
        return filterParams;
    }

    /** @return the names of {@link #filterParams()}, safe to log */
    public List<String> filterParamNames() {
        return List.copyOf(filterParams.keySet());
    }

    /**
     * @param option an option name
     * @return whether its value came from a variable (and not from a default of the demo)
     */
    public boolean fromVariable(String option) {
        return fromVariables.contains(option);
    }
}
