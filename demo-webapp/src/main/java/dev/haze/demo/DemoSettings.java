package dev.haze.demo;

import dev.haze.ConfigurationException;
import dev.haze.HazeBuilder;
import dev.haze.HazeOptions;
import dev.haze.delivery.SmtpSettings;
import dev.haze.servlet.FilterSettings;
import dev.haze.store.TokenStoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides the deployment-specific init-params of the demo's {@code MagicLinkFilter}: those that differ
 * between a laptop and production (base URL, secret, database, mail server). The rest (paths, expiry,
 * protected pages) sit in {@code WEB-INF/web.xml}.
 *
 * <p>Every setting is a variable read from a servlet-context init-param of the same name, else from the
 * environment: {@code HAZE_BASE_URL}, {@code HAZE_SECRET_KEY}, {@code HAZE_JDBC_URL}, … (any filter option
 * as {@code HAZE_} + its name in upper snake case) and {@code SMTP_HOST}, {@code SMTP_PORT}, … for the
 * {@code smtp-*} options. Without {@code HAZE_STORE} or {@code HAZE_JDBC_URL} the tokens live in an H2
 * database file in the data folder ({@code HAZE_DEMO_DATA}, default {@code ./demo-data}).
 * {@code HAZE_DEMO_DEVELOPMENT=true} turns on development mode (the embedded {@code DemoServer} does so),
 * where missing settings get local defaults: {@code http://localhost:8080}, a generated secret kept in the
 * data folder, and the in-memory outbox instead of email.
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

    private static final Set<String> OWN_FILTER_OPTIONS = Set.of("store", "link-sender");

    private final boolean development;
    private final Path dataFolder;
    private final Map<String, String> filterParams;

    private DemoSettings(boolean development, Path dataFolder, Map<String, String> filterParams) {
        this.development = development;
        this.dataFolder = dataFolder;
        this.filterParams = Collections.unmodifiableMap(filterParams);
    }

    /**
     * @param variables looks up a variable by name (context init-param, then environment); null when unset
     * @param filterOptions every option name the filter accepts besides {@code smtp-*}
     * @return the settings; in development mode the secret file is created in the data folder if missing
     * @throws ConfigurationException naming the variable that is missing (production mode) or malformed
     */
    public static DemoSettings read(Function<String, String> variables, Set<String> filterOptions) {
        String developmentValue = blankToNull(variables.apply(DEVELOPMENT));
        boolean development = developmentValue != null && HazeOptions.bool(DEVELOPMENT, developmentValue);
        String data = blankToNull(variables.apply(DATA));
        Path dataFolder = Path.of(data == null ? "demo-data" : data).toAbsolutePath().normalize();

        Map<String, String> params = new LinkedHashMap<>();
        for (String option : filterOptions) {
            put(params, option, variables.apply(variableFor(option)));
        }
        for (String option : SmtpSettings.OPTION_NAMES) {
            put(params, option, variables.apply(variableFor(option)));
        }
        if (!params.containsKey("link-sender")) {
            if (params.containsKey("smtp-host")) {
                params.put("link-sender", "smtp");
            } else if (development) {
                params.put("link-sender", DevOutbox.class.getName());
            } else {
                throw missing("SMTP_HOST", "the mail server that delivers the links");
            }
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
        if (!params.containsKey("secret-key") && !params.containsKey("private-key")) {
            if (!development) {
                throw missing(variableFor("secret-key"), "at least 32 random bytes; e.g. openssl rand -base64 48");
            }
            params.put("secret-key", "${file:" + DevSecret.ensure(dataFolder.resolve(DevSecret.FILE_NAME)) + "}");
        }
        return new DemoSettings(development, dataFolder, params);
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
     * @param knownOptions option names from the core and the filter
     * @return those plus the ones this class always routes ({@code store}, {@code link-sender})
     */
    public static Set<String> withOwnOptions(Set<String> knownOptions) {
        Set<String> all = new LinkedHashSet<>(knownOptions);
        all.addAll(OWN_FILTER_OPTIONS);
        all.removeAll(SmtpSettings.OPTION_NAMES);
        return all;
    }

    /**
     * @return every option the filter reads besides {@code smtp-*}: the core's, the filter's, {@code store},
     *     {@code link-sender}, and those of every token store provider on the class path
     */
    public static Set<String> filterOptions() {
        Set<String> known = new LinkedHashSet<>(HazeBuilder.OPTION_NAMES);
        known.addAll(FilterSettings.NAMES);
        ClassLoader loader = DemoSettings.class.getClassLoader();
        for (TokenStoreProvider provider : ServiceLoader.load(TokenStoreProvider.class, loader)) {
            known.addAll(provider.optionNames());
        }
        return withOwnOptions(known);
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new ConfigurationException(DATA + ": cannot create the data folder " + folder + ": " + e, e);
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
}
