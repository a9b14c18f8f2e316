package dev.haze.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /dev/outbox} (HTML) and {@code GET /dev/outbox.json}: the messages the {@link DevOutbox} holds,
 * newest first. <b>Development only</b>: {@link DemoSetup} registers it only in development mode, because
 * every entry is a working sign-in link. Stateless and thread-safe.
 */
public final class DevOutboxServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The JSON view's path (the HTML view is the same without {@code .json}). */
    static final String JSON_SUFFIX = ".json";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC', d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<DevOutbox.Sent> messages = DevOutbox.messages();
        response.setHeader("Cache-Control", "no-store");
        if (request.getServletPath().endsWith(JSON_SUFFIX)) {
            response.setContentType("application/json;charset=UTF-8");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.getOutputStream().write(json(messages).getBytes(StandardCharsets.UTF_8));
            return;
        }
        StringBuilder body = new StringBuilder(1024);
        body.append("<h1>Development outbox</h1>\n")
                .append("<p>Sign-in emails land here instead of a mailbox while the demo runs in development")
                .append(" mode. Newest first; the last ").append(DevOutbox.CAPACITY).append(" are kept.</p>\n");
        if (messages.isEmpty()) {
            body.append("<p class=\"notice\">No messages yet. <a href=\"")
                    .append(Layout.escape(request.getContextPath())).append("/\">Ask for a sign-in link</a>.</p>\n");
        } else {
            body.append("<ul class=\"outbox\">\n");
            for (DevOutbox.Sent m : messages) {
                body.append("<li><div class=\"meta\"><span class=\"to\">To: ").append(Layout.escape(m.to()))
                        .append("</span><time datetime=\"").append(m.sentAt()).append("\">")
                        .append(WHEN.format(m.sentAt())).append("</time></div>")
                        .append("<div class=\"subject\">").append(Layout.escape(m.subject())).append("</div>")
                        .append("<a class=\"link\" href=\"").append(Layout.escape(m.link())).append("\">")
                        .append("Open the sign-in link</a>");
                if (m.code() != null) {
                    body.append(" <span class=\"code\">code ").append(Layout.escape(m.code())).append("</span>");
                }
                body.append("</li>\n");
            }
            body.append("</ul>\n");
        }
        Layout.write(request, response, "Outbox", body.toString());
    }

    static String json(List<DevOutbox.Sent> messages) {
        StringBuilder out = new StringBuilder("[");
        for (DevOutbox.Sent m : messages) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"to\":").append(quote(m.to()))
                    .append(",\"subject\":").append(quote(m.subject()))
                    .append(",\"link\":").append(quote(m.link()))
                    .append(",\"sentAt\":").append(quote(m.sentAt().toString()))
                    .append('}');
        }
        return out.append(']').toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '<' -> q.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
