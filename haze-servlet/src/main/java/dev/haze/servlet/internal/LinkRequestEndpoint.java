package dev.haze.servlet.internal;

import dev.haze.CrossDeviceSignIn;
import dev.haze.Haze;
import dev.haze.MagicLink;
import dev.haze.RateLimitException;
import dev.haze.RateLimiter;
import dev.haze.delivery.LinkMessage;
import dev.haze.delivery.LinkSender;
import dev.haze.servlet.UserResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code request-path}: {@code GET} shows the built-in sign-in form, {@code POST} (form {@code email},
 * optional {@code next}) validates, rate-limits, generates and sends a link. The answer is the same
 * whether or not the {@link UserResolver} knows the address.
 *
 * <p>With cross-device sign-in on, the POST also starts a login request (a decoy one for an unknown
 * address), keeps it in this browser's session ({@link WaitingRequest}), puts the fallback code in the
 * message, and answers the waiting page instead of "check your email". Thread-safe.
 */
public final class LinkRequestEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(LinkRequestEndpoint.class);

    private final Haze haze;
    private final RateLimiter limiter;
    private final ClientAddresses clients;
    private final LinkSender sender;
    private final UserResolver resolver;
    private final Pages pages;
    private final String requestPath;
    private final long linkMinutes;
    private final CrossDeviceSignIn crossDevice;
    private final WaitingPage waitingPage;
    private final DeliveryTiming timing;

    /**
     * @param haze the core
     * @param limiter the link-request rate limiter
     * @param clients finds the client's address
     * @param sender delivers links
     * @param resolver decides who may get a link
     * @param pages writes responses
     * @param requestPath this endpoint's path (the form's action)
     * @param crossDevice the cross-device core, or null when cross-device sign-in is off
     * @param statusPath where the waiting page polls (used when cross-device sign-in is on)
     * @param timing keeps answers for refused addresses as slow as real deliveries
     */
    public LinkRequestEndpoint(Haze haze, RateLimiter limiter, ClientAddresses clients, LinkSender sender,
                               UserResolver resolver, Pages pages, String requestPath, CrossDeviceSignIn crossDevice,
                               String statusPath, DeliveryTiming timing) {
        this.haze = haze;
        this.limiter = limiter;
        this.clients = clients;
        this.sender = sender;
        this.resolver = resolver;
        this.pages = pages;
        this.requestPath = requestPath;
        this.linkMinutes = Math.max(1, haze.config().linkExpiry().toMinutes());
        this.crossDevice = crossDevice;
        this.waitingPage = new WaitingPage(pages, haze.clock(), statusPath, linkMinutes);
        this.timing = timing;
    }

    /**
     * @param crossDevice the cross-device core this endpoint starts requests with
     * @param signIns signs sessions in
     * @param settings the filter settings
     * @return the status endpoint for the requests this endpoint starts (it shows the same waiting page)
     */
    public Endpoint statusEndpoint(CrossDeviceSignIn crossDevice, SessionSignIn signIns,
                                   dev.haze.servlet.FilterSettings settings) {
        return new StatusEndpoint(crossDevice, signIns, waitingPage, pages, settings, haze.clock());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET", "HEAD" -> showForm(request, response);
            case "POST" -> requestLink(request, response);
            default -> MethodNotAllowed.answer(request, response, pages, "GET, HEAD, POST");
        }
    }

    private void showForm(HttpServletRequest request, HttpServletResponse response) throws IOException {
        pages.html(request, response, HttpServletResponse.SC_OK, "login", form(request, safeNext(request)));
    }

    private Pages.Form form(HttpServletRequest request, String next) {
        Map<String, String> hidden = next == null ? Map.of() : Map.of("next", next);
        return new Pages.Form(request.getContextPath() + requestPath, "login.button", true, hidden);
    }

    private void requestLink(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean json = Pages.wantsJson(request);
        Optional<String> email;
        String next;
        try {
            email = EmailAddresses.normalize(Params.get(request, "email", EmailAddresses.MAX_LENGTH + 64));
            next = safeNext(request);
        } catch (BadRequestException e) {
            Params.refuseBody(request, response);
            email = Optional.empty();
            next = null;
        }
        if (email.isEmpty()) {
            answer(request, response, json, HttpServletResponse.SC_BAD_REQUEST, "bad-email", "invalid_email");
            return;
        }
        try {
            limiter.check(EmailAddresses.mailbox(email.get()), clients.of(request));
        } catch (RateLimitException e) {
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            LOG.info("link request refused: {}", e.getMessage());
            if (json) {
                pages.json(response, 429, "{\"error\":\"rate_limited\",\"retry_after\":" + seconds + "}");
            } else {
                pages.html(request, response, 429, "rate-limited", null);
            }
            return;
        }
        Optional<String> userId = resolver.userIdFor(email.get());
        long startedAt = timing.start();
        if (crossDevice != null) {
            startCrossDevice(request, response, json, email.get(), userId, next, startedAt);
            return;
        }
        if (userId.isPresent()) {
            if (!issueAndSend(email.get(), userId.get(), next, request)) {
                answer(request, response, json, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable",
                        "unavailable");
                return;
            }
            timing.delivered(startedAt);
        } else {
            timing.padRefused(startedAt);
        }
        if (json) {
            pages.json(response, HttpServletResponse.SC_ACCEPTED, "{\"status\":\"sent\"}");
        } else {
            pages.html(request, response, HttpServletResponse.SC_OK, "sent", null, linkMinutes);
        }
    }

    /**
     * Starts a cross-device request (a decoy for an unknown address: same answer, same session, no link),
     * keeps it in this browser's session (ending the request it waited on before, if any) and answers the
     * waiting page or 202 JSON with the matching number.
     */
    private void startCrossDevice(HttpServletRequest request, HttpServletResponse response, boolean json,
                                  String email, Optional<String> userId, String next, long startedAt)
            throws IOException {
        String requestedBy = BrowserNames.describe(request.getHeader("User-Agent"));
        Instant now = haze.clock().instant();
        CrossDeviceSignIn.Started started;
        if (userId.isPresent()) {
            started = crossDevice.start(userId.get(), metadata(email), next, requestedBy);
            if (!send(email, started.link(), now, requestedBy, started.code())) {
                crossDevice.cancel(started);
                answer(request, response, json, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable",
                        "unavailable");
                return;
            }
            timing.delivered(startedAt);
        } else {
            started = crossDevice.startDecoy(requestedBy);
            timing.padRefused(startedAt);
        }
        HttpSession session = request.getSession(true);
        WaitingRequest previous = WaitingRequest.in(session);
        if (previous != null) {
            crossDevice.abandon(previous.requestId()); // or its link's approval page would match no screen
        }
        WaitingRequest waiting = new WaitingRequest(started.requestId(), started.matchCode(), now,
                started.expiresAt(), next);
        waiting.keepIn(session);
        if (json) {
            // The matching number only (two digits, random for a decoy too), never the request id or the code.
            pages.json(response, HttpServletResponse.SC_ACCEPTED, "{\"status\":\"sent\",\"match\":\""
                    + started.matchCode() + "\"}");
        } else {
            waitingPage.show(request, response, HttpServletResponse.SC_OK, waiting, session, null);
        }
    }

    /** @return false when delivery failed (the link is then revoked) */
    private boolean issueAndSend(String email, String userId, String next, HttpServletRequest request) {
        MagicLink link = haze.generate(userId, metadata(email), haze.config().linkExpiry(), next);
        return send(email, link, haze.clock().instant(), BrowserNames.describe(request.getHeader("User-Agent")),
                null);
    }

    private static Map<String, Object> metadata(String email) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("email", email);
        return metadata;
    }

    /** @return false when delivery failed (the link is then revoked) */
    private boolean send(String email, MagicLink link, Instant now, String requestedBy, String code) {
        try {
            sender.send(new LinkMessage(email, link.url(), haze.config().linkExpiry(), link.expiresAt(), now,
                    requestedBy, code));
            return true;
        } catch (RuntimeException e) {
            haze.revoke(link.tokenId());
            LOG.warn("link delivery failed, link revoked: {}: {}", e.getClass().getName(), e.getMessage());
            return false;
        }
    }

    /**
     * @return the {@code next} value when it is one safe path; anything else (unsafe, over-long, repeated) is
     *     dropped, and sign-in then continues at the success redirect: a bad {@code next} must not cost the
     *     user their link
     */
    private static String safeNext(HttpServletRequest request) {
        String next;
        try {
            next = Params.get(request, "next", NextPaths.MAX_LENGTH);
        } catch (BadRequestException unusable) {
            return null;
        }
        return NextPaths.isSafe(next) ? next : null;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, boolean json, int status,
                        String page, String code) throws IOException {
        if (json) {
            pages.json(response, status, "{\"error\":\"" + code + "\"}");
        } else if (status == HttpServletResponse.SC_BAD_REQUEST) {
            pages.html(request, response, status, page, form(request, null));
        } else {
            pages.html(request, response, status, page, null);
        }
    }
}
