package dev.haze.servlet.testapp;

import dev.haze.servlet.UserResolver;
import java.util.Optional;

/** The test webapp's users: every address at known.example; anyone else gets no link (silently). */
public final class KnownUsersResolver implements UserResolver {
    @Override
    public Optional<String> userIdFor(String email) {
        return email.endsWith("@known.example") ? Optional.of(email) : Optional.empty();
    }
}
