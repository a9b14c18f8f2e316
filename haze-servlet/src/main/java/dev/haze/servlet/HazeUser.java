package dev.haze.servlet;

import dev.haze.servlet.internal.Sessions;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in user, kept in the HTTP session by {@link MagicLinkFilter} and returned by
 * {@code request.getUserPrincipal()} on requests the filter wraps.
 *
 * <p>Serializable, so sessions can be persisted or replicated: the metadata is a deep copy made of
 * serializable JSON values (strings, numbers, booleans, lists, maps, null). Immutable and thread-safe.
 */
public final class HazeUser implements Principal, Serializable {
    private static final long serialVersionUID = 1L;

    /** Servlet-context attribute where the filter publishes its session-attribute name for {@link #current}. */
    public static final String SESSION_ATTRIBUTE_NAME = HazeUser.class.getName() + ".sessionAttribute";

    private final String userId;
    private final LinkedHashMap<String, Object> metadata;
    private final Instant signedInAt;

    /**
     * @param userId the user id the link was issued for
     * @param metadata the link's metadata (JSON-compatible values), copied; may be null
     * @param signedInAt when the user signed in
     */
    public HazeUser(String userId, Map<String, ?> metadata, Instant signedInAt) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.signedInAt = Objects.requireNonNull(signedInAt, "signedInAt");
        this.metadata = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> this.metadata.put(k, copy(v)));
        }
    }

    /**
     * The signed-in user of a request: its principal when the filter wrapped it, else the user in its
     * session (read without creating one).
     *
     * @param request the request
     * @return the user, or empty when nobody is signed in
     */
    public static Optional<HazeUser> current(HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof HazeUser user) {
            return Optional.of(user);
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Sessions.user(session, attributeName(request.getServletContext())));
    }

    private static String attributeName(ServletContext context) {
        Object name = context == null ? null : context.getAttribute(SESSION_ATTRIBUTE_NAME);
        return name instanceof String s ? s : "haze.user";
    }

    /**
     * @return the user id: with the default {@link UserResolver#EMAIL_AS_USER_ID} the address in lower case,
     *     else what the application's resolver made of it
     */
    public String userId() {
        return userId;
    }

    /** @return the user id */
    @Override
    public String getName() {
        return userId;
    }

    /** @return the link's metadata, unmodifiable */
    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** @return when the user signed in */
    public Instant signedInAt() {
        return signedInAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HazeUser other && userId.equals(other.userId) && metadata.equals(other.metadata)
                && signedInAt.equals(other.signedInAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, metadata, signedInAt);
    }

    @Override
    public String toString() {
        return "HazeUser[userId=" + userId + ", signedInAt=" + signedInAt + "]";
    }

    private static Object copy(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v)));
            return Collections.unmodifiableList(out);
        }
        return value.toString();
    }
}
