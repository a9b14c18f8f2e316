package dev.haze.demo;

import dev.haze.servlet.UserResolver;
import java.util.Optional;

/**
 * An application's own user lookup, named by {@code HAZE_USER_RESOLVER} in {@link EmailSignInTest}: only
 * addresses at example.org may sign in, as the user id {@code member:<address>}.
 */
public final class ExampleOrgUsers implements UserResolver {
    /** For the filter, which creates it by its class name. */
    public ExampleOrgUsers() {
    }

    @Override
    public Optional<String> userIdFor(String email) {
        return email.endsWith("@example.org") ? Optional.of("member:" + email) : Optional.empty();
    }
}
