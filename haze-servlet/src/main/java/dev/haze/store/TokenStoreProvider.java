package dev.haze.store;

import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link TokenStore} from configuration options, found through {@link java.util.ServiceLoader}.
 * The servlet filter's {@code store} option names the provider ({@code memory}, {@code jdbc}, …).
 *
 * <p>Register an implementation in {@code META-INF/services/dev.haze.store.TokenStoreProvider}.
 */
public interface TokenStoreProvider {

    /** @return the value of the {@code store} option that selects this provider, e.g. {@code jdbc} */
    String name();

    /** @return the option names this provider reads (for example {@code jdbc-url}); others are not its own */
    Set<String> optionNames();

    /**
     * @param options the provider's options (kebab-case names, placeholders already resolved)
     * @return a ready store, owned by the caller (close it when done)
     * @throws dev.haze.ConfigurationException naming the option when a value is missing or wrong
     */
    TokenStore create(Map<String, String> options);
}
