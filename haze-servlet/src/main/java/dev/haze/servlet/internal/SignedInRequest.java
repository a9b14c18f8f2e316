package dev.haze.servlet.internal;

import dev.haze.servlet.HazeUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** A request of a signed-in user: {@link #getUserPrincipal()} is the {@link HazeUser}. */
public final class SignedInRequest extends HttpServletRequestWrapper {
    /** The value of {@link #getAuthType()}. */
    public static final String AUTH_TYPE = "HAZE_MAGIC_LINK";
    private final HazeUser user;

    /**
     * @param request the request
     * @param user its signed-in user
     */
    public SignedInRequest(HttpServletRequest request, HazeUser user) {
        super(request);
        this.user = user;
    }

    @Override
    public Principal getUserPrincipal() {
        return user;
    }

    @Override
    public String getRemoteUser() {
        return user.userId();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    /** Haze has no roles; applications map users to roles themselves. */
    @Override
    public boolean isUserInRole(String role) {
        return false;
    }
}
