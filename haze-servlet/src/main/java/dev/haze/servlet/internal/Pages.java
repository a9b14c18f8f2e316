package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Writes every response the filter produces: small accessible HTML pages (one {@code h1}, labelled inputs,
 * a button, escaped text) or JSON, always with the security headers. Texts come from the application's
 * {@code haze-messages} bundle when it has the key, else from {@code dev/haze/servlet/messages.properties}.
 * Thread-safe.
 */
public final class Pages {
    /** The application's bundle name. */
    public static final String APP_BUNDLE = "haze-messages";
    private static final String DEFAULT_BUNDLE = "dev.haze.servlet.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;"
            + "background:#f6f7f9;color:#1b1f24}main{max-width:28rem;margin:auto;background:#fff;padding:2rem;"
            + "border-radius:.5rem;box-shadow:0 1px 3px #0002}h1{font-size:1.4rem;margin-top:0}"
            + "label{display:block;font-weight:600;margin-bottom:.3rem}input[type=email]{width:100%;"
            + "box-sizing:border-box;padding:.6rem;font-size:1rem;margin-bottom:1rem}button{padding:.6rem 1.2rem;"
            + "font-size:1rem;background:#1f5fbf;color:#fff;border:0;border-radius:.3rem;cursor:pointer}"
            + "button:focus,input:focus{outline:3px solid #f5a623}";
    /** The Content-Security-Policy sent with every response: only the hashed inline style, no script at all. */
    public static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    /** A form on a page. */
    public record Form(String action, String buttonKey, boolean emailField, Map<String, String> hidden) {
    }

    /**
     * Sets the headers every filter response carries: no caching, no referrer, no sniffing, no framing,
     * the CSP.
     *
     * @param response the response
     */
    public static void secureHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CSP);
    }

    /**
     * @param request the request (its Accept header)
     * @return true when the client prefers JSON over HTML
     */
    public static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    /**
     * Writes a page.
     *
     * @param request the request (its locale)
     * @param response the response
     * @param status the HTTP status
     * @param page the message key prefix ({@code login}, {@code sent}, {@code expired}…)
     * @param form a form to show, or null
     * @param args values for {@code {0}}… in the page's text
     * @throws IOException if writing fails
     */
    public void html(HttpServletRequest request, HttpServletResponse response, int status, String page, Form form,
                     Object... args) throws IOException {
        render(request, response, status, page, form, null, args);
    }

    /**
     * Writes an error page with a link to request a new sign-in link.
     *
     * @param request the request (its locale)
     * @param response the response
     * @param status the HTTP status
     * @param page the message key prefix ({@code expired}, {@code used}, {@code invalid}…)
     * @param loginHref where a new link can be requested (already including the context path)
     * @throws IOException if writing fails
     */
    public void error(HttpServletRequest request, HttpServletResponse response, int status, String page,
                      String loginHref) throws IOException {
        render(request, response, status, page, null, loginHref);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, String page, Form form,
                        String loginHref, Object... args) throws IOException {
        Texts texts = new Texts(request.getLocale());
        StringBuilder html = new StringBuilder(1024);
        String title = escape(texts.get(page + ".title"));
        html.append("<!DOCTYPE html><html lang=\"").append(escape(texts.language())).append("\"><head>")
                .append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(title).append("</title><style>").append(CSS).append("</style></head>")
                .append("<body><main data-haze-page=\"").append(escape(page)).append("\"><h1>").append(title)
                .append("</h1><p>").append(escape(args.length == 0 ? texts.get(page + ".text")
                        : MessageFormat.format(texts.get(page + ".text"), args)))
                .append("</p>");
        if (form != null) {
            appendForm(html, form, texts);
        }
        if (loginHref != null) {
            html.append("<p><a href=\"").append(escape(loginHref)).append("\">").append(escape(texts.get("new-link")))
                    .append("</a></p>");
        }
        html.append("</main></body></html>");
        write(response, status, "text/html;charset=UTF-8", html.toString());
    }

    /**
     * Writes a JSON body.
     *
     * @param response the response
     * @param status the HTTP status
     * @param json a complete JSON document (the caller escapes values)
     * @throws IOException if writing fails
     */
    public void json(HttpServletResponse response, int status, String json) throws IOException {
        write(response, status, "application/json", json);
    }

    private static void appendForm(StringBuilder html, Form form, Texts texts) {
        html.append("<form method=\"post\" action=\"").append(escape(form.action())).append("\">");
        form.hidden().forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        if (form.emailField()) {
            html.append("<label for=\"haze-email\">").append(escape(texts.get("login.label"))).append("</label>")
                    .append("<input id=\"haze-email\" type=\"email\" name=\"email\" required maxlength=\"254\"")
                    .append(" autocomplete=\"email\" autofocus>");
        }
        html.append("<button type=\"submit\">").append(escape(texts.get(form.buttonKey()))).append("</button></form>");
    }

    private static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
        secureHeaders(response);
        response.setStatus(status);
        response.setContentType(type);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * @param text any text
     * @return the text safe inside HTML content and double- or single-quoted attributes
     */
    public static String escape(String text) {
        return dev.haze.delivery.internal.Html.escape(text);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The application's bundle over the default one, for one locale. */
    private static final class Texts {
        private final ResourceBundle app;
        private final ResourceBundle fallback;

        Texts(Locale locale) {
            Locale l = locale == null ? Locale.ROOT : locale;
            ResourceBundle found;
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                found = ResourceBundle.getBundle(APP_BUNDLE, l, loader == null ? Pages.class.getClassLoader() : loader,
                        NO_FALLBACK);
            } catch (MissingResourceException e) {
                found = null;
            }
            app = found;
            fallback = ResourceBundle.getBundle(DEFAULT_BUNDLE, l, Pages.class.getClassLoader(), NO_FALLBACK);
        }

        String get(String key) {
            if (app != null && app.containsKey(key)) {
                return app.getString(key);
            }
            return fallback.getString(key);
        }

        String language() {
            String lang = app != null ? app.getLocale().getLanguage() : "";
            return lang.isEmpty() ? "en" : lang;
        }
    }
}
