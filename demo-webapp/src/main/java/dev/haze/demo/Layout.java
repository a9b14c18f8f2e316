package dev.haze.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The demo's page frame: one style sheet, no scripts, strict security headers. Stateless and thread-safe. */
final class Layout {
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private Layout() {
    }

    /**
     * Writes a whole HTML page.
     *
     * @param request the request (for the context path)
     * @param response where to write
     * @param title the page title, plain text
     * @param body the inner HTML of the card, already escaped
     * @throws IOException if the client went away
     */
    static void write(HttpServletRequest request, HttpServletResponse response, String title, String body)
            throws IOException {
        String base = escape(request.getContextPath());
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Haze demo</title>"
                + "<link rel=\"stylesheet\" href=\"" + base + "/style.css\"></head>\n<body>\n"
                + "<header><a class=\"brand\" href=\"" + base + "/\">Haze <span>demo</span></a></header>\n"
                + "<main class=\"card\">\n" + body + "\n</main>\n"
                + "<footer>Haze for Java · magic-link sign-in demo</footer>\n"
                + "</body></html>\n";
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param text any text, possibly hostile; null becomes empty
     * @return the text, safe as HTML element content and inside a double- or single-quoted attribute
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
