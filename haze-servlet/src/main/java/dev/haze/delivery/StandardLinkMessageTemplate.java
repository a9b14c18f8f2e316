package dev.haze.delivery;

import dev.haze.delivery.internal.DurationWords;
import dev.haze.delivery.internal.Html;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The standard English email: see {@link LinkMessageTemplate#standard(ZoneId)}. Immutable and thread-safe.
 * The HTML uses inline styles only (mail clients drop style sheets) and loads nothing remote.
 */
final class StandardLinkMessageTemplate implements LinkMessageTemplate {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm", Locale.ENGLISH);
    private static final int MAX_VALUE_LENGTH = 200;
    static final String IGNORE = "If you did not ask for this, ignore this email: without the link no one can sign in.";

    private final ZoneId zone;
    private final String zoneLabel;

    StandardLinkMessageTemplate(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.zoneLabel = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    @Override
    public String plainText(LinkMessage m) {
        StringBuilder t = new StringBuilder(512);
        t.append("Sign in\n\n")
                .append("Open this link to sign in:\n\n")
                .append(m.link()).append("\n\n")
                .append(expiry(m)).append("\n\n");
        if (m.code() != null) {
            t.append("Or type this code on the device where you asked to sign in: ").append(m.code()).append("\n\n");
        }
        t.append(requested(m)).append("\n\n").append(IGNORE).append('\n');
        return t.toString();
    }

    @Override
    public String html(LinkMessage m) {
        String link = Html.escape(m.link().toString());
        StringBuilder h = new StringBuilder(2048);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\"><title>Sign in</title></head>\n")
                .append("<body style=\"margin:0;padding:24px;background:#f4f5f7;")
                .append("font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328\">\n")
                .append("<div style=\"max-width:480px;margin:0 auto;background:#ffffff;border-radius:8px;")
                .append("padding:32px;border:1px solid #d8dee4\">\n")
                .append("<h1 style=\"font-size:22px;margin:0 0 16px\">Sign in</h1>\n")
                .append("<p style=\"margin:0 0 24px\">Press the button to sign in.</p>\n")
                .append("<p style=\"margin:0 0 24px\"><a href=\"").append(link)
                .append("\" style=\"display:inline-block;background:#0b57d0;color:#ffffff;text-decoration:none;")
                .append("padding:12px 24px;border-radius:6px;font-weight:600\">Sign in</a></p>\n")
                .append("<p style=\"margin:0 0 8px;font-size:13px;color:#59636e\">Or copy this link into your browser:</p>\n")
                .append("<p style=\"margin:0 0 24px;font-size:13px;word-break:break-all\"><a href=\"").append(link)
                .append("\" style=\"color:#0b57d0\">").append(link).append("</a></p>\n")
                .append("<p style=\"margin:0 0 16px\">").append(Html.escape(expiry(m))).append("</p>\n");
        if (m.code() != null) {
            h.append("<p style=\"margin:0 0 16px\">Or type this code on the device where you asked to sign in:</p>\n")
                    .append("<p style=\"margin:0 0 24px;font-family:Consolas,Menlo,monospace;font-size:26px;")
                    .append("letter-spacing:4px\">").append(Html.escape(m.code())).append("</p>\n");
        }
        h.append("<p style=\"margin:0 0 16px;font-size:13px;color:#59636e\">").append(Html.escape(requested(m)))
                .append("</p>\n")
                .append("<p style=\"margin:0;font-size:13px;color:#59636e\">").append(Html.escape(IGNORE)).append("</p>\n")
                .append("</div>\n</body></html>\n");
        return h.toString();
    }

    private static String expiry(LinkMessage m) {
        return "The link expires in " + DurationWords.of(m.validFor()) + ".";
    }

    private String requested(LinkMessage m) {
        String when = WHEN.format(m.requestedAt().atZone(zone)) + " " + zoneLabel;
        String device = oneLine(m.requestedBy());
        String by = device.isEmpty() ? "" : " from " + device;
        return "This link was requested for " + oneLine(m.recipient()) + " on " + when + by + ".";
    }

    /** Outside values must not add lines (fake paragraphs) to the message; long ones are cut. */
    private static String oneLine(String value) {
        String flat = value.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.length() <= MAX_VALUE_LENGTH ? flat : flat.substring(0, MAX_VALUE_LENGTH) + "…";
    }
}
