package dev.haze.servlet.internal;

import dev.haze.CrossDeviceSignIn;
import dev.haze.InvalidTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approval page a link shows when it is opened in a browser other than the one that requested it
 * while its cross-device request is pending: "Sign in on the other device?", when and from what browser
 * it was requested, three numbers (one is the requesting screen's), "sign in on this device instead" and
 * "this wasn't me". Every choice is a POST bound to this browser by the anti-forgery value, and uses the
 * link: a refusal always spends it; approving or signing in here spends a one-time link and counts a use of
 * a reusable one ({@code allow-reuse}). Thread-safe.
 */
final class LinkApproval {
    /** The form field naming the choice. */
    static final String DECISION = "decision";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final CrossDeviceSignIn crossDevice;
    private final Pages pages;
    private final String verifyPath;

    /**
     * @param crossDevice the cross-device core
     * @param pages writes responses
     * @param verifyPath the magic-link path (without the context path)
     */
    LinkApproval(CrossDeviceSignIn crossDevice, Pages pages, String verifyPath) {
        this.crossDevice = crossDevice;
        this.pages = pages;
        this.verifyPath = verifyPath;
    }

    /**
     * @param request the GET of a checked link
     * @param response its response
     * @param tokenId the link's token id
     * @param signature the link's signature
     * @return true when the approval page was shown (the link has a pending request)
     * @throws IOException if writing fails
     */
    boolean showIfPending(HttpServletRequest request, HttpServletResponse response, String tokenId,
                          String signature) throws IOException {
        var pending = crossDevice.pendingApproval(tokenId);
        if (pending.isEmpty()) {
            return false;
        }
        String action = request.getContextPath() + verifyPath;
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("token_id", tokenId);
        hidden.put("signature", signature);
        hidden.put(AntiForgery.FIELD, AntiForgery.issue(request.getSession(true)));
        List<Pages.Form> choices = new ArrayList<>();
        for (String code : pending.get().choices()) {
            Map<String, String> fields = new LinkedHashMap<>(hidden);
            fields.put(DECISION, "approve");
            fields.put("code", code);
            choices.add(new Pages.Form(action, null, false, fields, "post", code, false, false));
        }
        String by = pending.get().requestedBy().isEmpty() ? pages.text(request, "approve.unknown-browser")
                : pending.get().requestedBy();
        Pages.Content content = new Pages.Content(List.of(pages.text(request, "approve.pick")), null, choices,
                List.of(decision(action, hidden, "here", "approve.here"), decision(action, hidden, "deny",
                        "approve.deny")), Map.of(), false);
        pages.page(request, response, HttpServletResponse.SC_OK, "approve", content, by,
                TIME.format(pending.get().requestedAt()));
        return true;
    }

    private static Pages.Form decision(String action, Map<String, String> hidden, String decision, String key) {
        Map<String, String> fields = new LinkedHashMap<>(hidden);
        fields.put(DECISION, decision);
        return new Pages.Form(action, key, false, fields).asSecondary();
    }

    /**
     * Handles the approve ({@code code}) and deny choices; the caller has checked the anti-forgery value.
     *
     * @param request the POST
     * @param response its response
     * @param decision {@code approve} or {@code deny}
     * @param loginHref where a new link can be requested
     * @throws IOException if writing fails
     */
    void decide(HttpServletRequest request, HttpServletResponse response, String decision, String loginHref)
            throws IOException {
        String tokenId = Params.get(request, "token_id", dev.haze.Haze.MAX_TOKEN_ID_LENGTH);
        String signature = Params.get(request, "signature", VerifyEndpoint.MAX_SIGNATURE_LENGTH);
        CrossDeviceSignIn.Outcome outcome;
        try {
            outcome = "deny".equals(decision) ? crossDevice.deny(tokenId, signature)
                    : crossDevice.approve(tokenId, signature, Params.get(request, "code", 8));
        } catch (InvalidTokenException e) {
            Refusal.answer(pages, request, response, e, loginHref);
            return;
        }
        switch (outcome) {
            case APPROVED -> pages.html(request, response, HttpServletResponse.SC_OK, "approved", null);
            case DENIED -> pages.error(request, response, "deny".equals(decision) ? HttpServletResponse.SC_OK
                    : HttpServletResponse.SC_FORBIDDEN, "deny".equals(decision) ? "cancelled" : "denied", loginHref);
            default -> pages.error(request, response, HttpServletResponse.SC_GONE, "used", loginHref);
        }
    }
}
