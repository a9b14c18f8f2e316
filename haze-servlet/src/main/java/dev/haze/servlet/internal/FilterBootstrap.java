package dev.haze.servlet.internal;

import dev.haze.ConfigurationException;
import dev.haze.Haze;
import dev.haze.HazeBuilder;
import dev.haze.HazeOptions;
import dev.haze.delivery.LinkMessageTemplate;
import dev.haze.delivery.LinkSender;
import dev.haze.delivery.LoggingLinkSender;
import dev.haze.delivery.SmtpLinkSender;
import dev.haze.delivery.SmtpSettings;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.UserResolver;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.store.TokenStore;
import dev.haze.store.TokenStoreProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Turns the filter's init-params into its parts. Every name must belong to the filter
 * ({@link FilterSettings#NAMES}), the core ({@link HazeBuilder#OPTION_NAMES}), the chosen store provider
 * ({@link TokenStoreProvider#optionNames()}), the SMTP sender ({@link SmtpSettings#OPTION_NAMES}, only with
 * {@code link-sender=smtp}) or be one of {@code store}, {@code link-sender}, {@code user-resolver},
 * {@code smtp-template} (only with {@code link-sender=smtp}); anything else is a typo and stops start-up.
 *
 * @param haze the core, built on the chosen store
 * @param settings the filter's HTTP settings
 * @param sender the link sender
 * @param resolver the user resolver
 * @param store the store the filter created and must close on destroy
 */
public record FilterBootstrap(Haze haze, FilterSettings settings, LinkSender sender, UserResolver resolver,
                              TokenStore store) {

    /** The init-param naming the application's {@link LinkMessageTemplate} class for the SMTP sender. */
    public static final String SMTP_TEMPLATE = "smtp-template";

    /** Init-params read here rather than by the settings, the core or a store provider. */
    public static final Set<String> OWN_NAMES = Set.of("store", "link-sender", "user-resolver", SMTP_TEMPLATE);

    /**
     * @param params every init-param
     * @return the parts, ready to use
     * @throws ConfigurationException naming the init-param that is unknown, missing or wrong
     */
    public static FilterBootstrap fromInitParams(Map<String, String> params) {
        String storeName = resolved(params, "store", "memory");
        TokenStoreProvider provider = storeName.equals("memory") ? null : provider(storeName);
        Set<String> storeNames = provider == null ? Set.of() : provider.optionNames();
        Map<String, String> core = new LinkedHashMap<>();
        Map<String, String> filter = new LinkedHashMap<>();
        Map<String, String> storeOptions = new LinkedHashMap<>();
        Map<String, String> smtpOptions = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        params.forEach((name, value) -> {
            if (HazeBuilder.OPTION_NAMES.contains(name)) {
                core.put(name, value);
            } else if (FilterSettings.NAMES.contains(name)) {
                filter.put(name, value);
            } else if (SmtpSettings.OPTION_NAMES.contains(name) || name.equals(SMTP_TEMPLATE)) {
                smtpOptions.put(name, value);
            } else if (storeNames.contains(name)) {
                storeOptions.put(name, HazeOptions.resolve(name, value));
            } else if (!OWN_NAMES.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            Set<String> known = names(storeNames);
            throw new ConfigurationException("unknown init-param " + unknown + suggestion(unknown.get(0), known)
                    + " (not an option of the filter, of Haze, or of store=" + storeName + "). Known: " + known);
        }
        FilterSettings settings = FilterSettings.fromInitParams(filter);
        TokenStore store = provider == null ? new InMemoryTokenStore() : provider.create(storeOptions);
        try {
            Haze haze = Haze.builder().options(core).store(store).build();
            UserResolver resolver = params.containsKey("user-resolver")
                    ? instance("user-resolver", resolved(params, "user-resolver", ""), UserResolver.class)
                    : UserResolver.EMAIL_AS_USER_ID;
            LinkSender sender = sender(resolved(params, "link-sender", "log"), smtpOptions);
            return new FilterBootstrap(haze, settings, sender, resolver, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A "did you mean" for a misspelt name: the known name at edit distance 1 or 2, if any. */
    private static String suggestion(String name, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String resolved(Map<String, String> params, String name, String otherwise) {
        String value = HazeOptions.resolve(name, params.get(name));
        if (value == null) {
            return otherwise;
        }
        if (value.isBlank()) {
            throw new ConfigurationException(name + " is empty; remove it or give a value");
        }
        return value.strip();
    }

    /**
     * @return every init-param name the filter accepts with the token stores found on the class path: the
     *     filter's, the core's, the SMTP sender's and every {@link TokenStoreProvider}'s
     */
    public static Set<String> allNames() {
        Set<String> storeNames = new LinkedHashSet<>();
        for (TokenStoreProvider p : ServiceLoader.load(TokenStoreProvider.class, loader())) {
            storeNames.addAll(p.optionNames());
        }
        return Collections.unmodifiableSet(names(storeNames));
    }

    private static Set<String> names(Set<String> storeNames) {
        Set<String> known = new LinkedHashSet<>(FilterSettings.NAMES);
        known.addAll(HazeBuilder.OPTION_NAMES);
        known.addAll(OWN_NAMES);
        known.addAll(storeNames);
        known.addAll(SmtpSettings.OPTION_NAMES);
        known.add(SMTP_TEMPLATE);
        return known;
    }

    private static TokenStoreProvider provider(String name) {
        List<String> found = new ArrayList<>();
        for (TokenStoreProvider p : ServiceLoader.load(TokenStoreProvider.class, loader())) {
            if (p.name().equals(name)) {
                return p;
            }
            found.add(p.name());
        }
        if (name.equals("jdbc")) {
            throw new ConfigurationException("store=jdbc needs the dev.haze:haze-jdbc-store artifact on the class"
                    + " path");
        }
        found.add(0, "memory");
        throw new ConfigurationException("store must be one of " + found + " (memory, or the name of a"
                + " TokenStoreProvider on the class path), was '" + name + "'");
    }

    private static LinkSender sender(String value, Map<String, String> smtpOptions) {
        if (!value.equals("smtp") && !smtpOptions.isEmpty()) {
            throw new ConfigurationException("init-params " + smtpOptions.keySet() + " need link-sender=smtp, but"
                    + " link-sender is '" + value + "'");
        }
        return switch (value) {
            case "log" -> new LoggingLinkSender();
            case "smtp" -> smtpSender(smtpOptions);
            default -> instance("link-sender", value, LinkSender.class);
        };
    }

    /** The SMTP sender, with the application's {@code smtp-template} class when one is named. */
    private static LinkSender smtpSender(Map<String, String> smtpOptions) {
        String template = resolved(smtpOptions, SMTP_TEMPLATE, null);
        Map<String, String> settings = new LinkedHashMap<>(smtpOptions);
        settings.remove(SMTP_TEMPLATE);
        if (template == null) {
            return SmtpLinkSender.fromOptions(settings);
        }
        return new SmtpLinkSender(SmtpSettings.fromOptions(settings),
                instance(SMTP_TEMPLATE, template, LinkMessageTemplate.class));
    }

    private static <T> T instance(String param, String className, Class<T> type) {
        Object created;
        try {
            created = Class.forName(className, true, loader()).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new ConfigurationException(param + ": cannot create '" + className + "' (it needs a public"
                    + " class with a public no-argument constructor): " + e, e);
        }
        if (!type.isInstance(created)) {
            throw new ConfigurationException(param + ": '" + className + "' does not implement " + type.getName());
        }
        return type.cast(created);
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FilterBootstrap.class.getClassLoader();
    }
}
