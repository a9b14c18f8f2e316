package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.util.Base64;
import java.util.List;
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
            + "button:focus,input:focus{outline:3px solid #f5a623}"
            + ".haze-match{font-size:2.5rem;font-weight:700;letter-spacing:.2em;margin:.5rem 0}"
            + "input[name=code]{width:10rem;padding:.6rem;font-size:1.2rem;letter-spacing:.15em;margin-right:.5rem}"
            + ".haze-choices{display:flex;gap:.8rem;margin:1rem 0}.haze-choices button{font-size:1.6rem;"
            + "padding:.8rem 1.4rem}.haze-secondary{background:#fff;color:#1f5fbf;border:1px solid #1f5fbf}"
            + "form{margin:.8rem 0}";
    /** The Content-Security-Policy sent with every response: only the hashed inline style, no script at all. */
    public static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    /**
     * The CSP of the cross-device waiting page: as {@link #CSP}, plus its one inline script by hash and
     * {@code connect-src 'self'} for polling. No other page may run script.
     */
    public static final String CSP_WITH_POLLING = CSP + "; script-src '" + sha256(WaitingScript.SOURCE)
            + "'; connect-src 'self'";

    /**
     * A form on a page.
     *
     * @param action where it goes (including the context path)
     * @param buttonKey message key of the button's text, or null when {@code buttonLabel} is given
     * @param emailField whether it has the email input
     * @param hidden hidden fields
     * @param method {@code post} or {@code get}
     * @param buttonLabel literal button text (a matching code), or null
     * @param codeField whether it has the one-time code input
     * @param secondary whether the button is a secondary choice
     */
    public record Form(String action, String buttonKey, boolean emailField, Map<String, String> hidden,
                       String method, String buttonLabel, boolean codeField, boolean secondary) {
        /** A POST form with a button from the messages and an optional email field. */
        public Form(String action, String buttonKey, boolean emailField, Map<String, String> hidden) {
            this(action, buttonKey, emailField, hidden, "post", null, false, false);
        }

        /** @return this form with a secondary-looking button */
        public Form asSecondary() {
            return new Form(action, buttonKey, emailField, hidden, method, buttonLabel, codeField, true);
        }
    }

    /**
     * What a page shows besides its title and text, in this order.
     *
     * @param paragraphs further texts (plain; escaped here)
     * @param highlight a value shown large (a matching code), or null
     * @param choices forms shown side by side (the matching-code buttons)
     * @param forms forms shown one under the other
     * @param data {@code data-haze-*} attributes of {@code main} (names without the prefix)
     * @param polling whether the page runs the polling script
     */
    public record Content(List<String> paragraphs, String highlight, List<Form> choices,
                          List<Form> forms, Map<String, String> data, boolean polling) {
        /**
         * @param forms forms shown one under the other
         * @return content that is just those forms
         */
        public static Content forms(Form... forms) {
            return new Content(List.of(), null, List.of(), List.of(forms), Map.of(), false);
        }
    }

    /**
     * @param request the request (its locale)
     * @param key a message key
     * @param args values for {@code {0}}…
     * @return the text from the application's bundle or the default one
     */
    public String text(HttpServletRequest request, String key, Object... args) {
        String text = new Texts(request.getLocale()).get(key);
        return args.length == 0 ? text : MessageFormat.format(text, args);
    }

    /**
     * Sets the headers every filter response carries: no caching, no referrer, no sniffing, no framing,
     * the CSP.
     *
     * @param response the response
     */
    public static void secureHeaders(HttpServletResponse response) {
        secureHeaders(response, CSP);
    }

    private static void secureHeaders(HttpServletResponse response, String csp) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", csp);
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
        render(request, response, status, page, form == null ? null : Content.forms(form), null, args);
    }

    /**
     * Writes a page with more than one form, a highlighted value, or the polling script.
     *
     * @param request the request (its locale)
     * @param response the response
     * @param status the HTTP status
     * @param page the message key prefix
     * @param content what the page shows besides its title and text
     * @param args values for {@code {0}}… in the page's text
     * @throws IOException if writing fails
     */
    public void page(HttpServletRequest request, HttpServletResponse response, int status, String page,
                     Content content, Object... args) throws IOException {
        render(request, response, status, page, content, null, args);
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

    private void render(HttpServletRequest request, HttpServletResponse response, int status, String page,
                        Content content, String loginHref, Object... args) throws IOException {
        Texts texts = new Texts(request.getLocale());
        StringBuilder html = new StringBuilder(1024);
        String title = escape(texts.get(page + ".title"));
        html.append("<!DOCTYPE html><html lang=\"").append(escape(texts.language())).append("\"><head>")
                .append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(title).append("</title><style>").append(CSS).append("</style></head>")
                .append("<body><main data-haze-page=\"").append(escape(page)).append('"');
        if (content != null) {
            content.data().forEach((name, value) -> html.append(" data-haze-").append(escape(name)).append("=\"")
                    .append(escape(value)).append('"'));
        }
        html.append("><h1>").append(title)
                .append("</h1><p>").append(escape(args.length == 0 ? texts.get(page + ".text")
                        : MessageFormat.format(texts.get(page + ".text"), args)))
                .append("</p>");
        if (content != null) {
            appendContent(html, content, texts);
        }
        if (loginHref != null) {
            html.append("<p><a href=\"").append(escape(loginHref)).append("\">").append(escape(texts.get("new-link")))
                    .append("</a></p>");
        }
        html.append("</main>");
        boolean polling = content != null && content.polling();
        if (polling) {
            html.append("<script>").append(WaitingScript.SOURCE).append("</script>");
        }
        html.append("</body></html>");
        write(response, status, "text/html;charset=UTF-8", html.toString(), polling ? CSP_WITH_POLLING : CSP);
    }

    private static void appendContent(StringBuilder html, Content content, Texts texts) {
        for (String paragraph : content.paragraphs()) {
            html.append("<p>").append(escape(paragraph)).append("</p>");
        }
        if (content.highlight() != null) {
            html.append("<p class=\"haze-match\" id=\"haze-match\">").append(escape(content.highlight()))
                    .append("</p>");
        }
        if (!content.choices().isEmpty()) {
            html.append("<div class=\"haze-choices\">");
            content.choices().forEach(form -> appendForm(html, form, texts));
            html.append("</div>");
        }
        content.forms().forEach(form -> appendForm(html, form, texts));
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
        write(response, status, "application/json", json, CSP);
    }

    private static void appendForm(StringBuilder html, Form form, Texts texts) {
        html.append("<form method=\"").append(form.method()).append("\" action=\"").append(escape(form.action()))
                .append("\">");
        form.hidden().forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        if (form.emailField()) {
            html.append("<label for=\"haze-email\">").append(escape(texts.get("login.label"))).append("</label>")
                    .append("<input id=\"haze-email\" type=\"email\" name=\"email\" required maxlength=\"254\"")
                    .append(" autocomplete=\"email\" autofocus>");
        }
        if (form.codeField()) {
            html.append("<label for=\"haze-code\">").append(escape(texts.get("waiting.code-label")))
                    .append("</label><input id=\"haze-code\" name=\"code\" inputmode=\"numeric\"")
                    .append(" autocomplete=\"one-time-code\" maxlength=\"12\" pattern=\"[0-9 ]*\" required>");
        }
        html.append(form.secondary() ? "<button type=\"submit\" class=\"haze-secondary\">" : "<button type=\"submit\">")
                .append(escape(form.buttonLabel() != null ? form.buttonLabel() : texts.get(form.buttonKey())))
                .append("</button></form>");
    }

    private static void write(HttpServletResponse response, int status, String type, String body, String csp)
            throws IOException {
        secureHeaders(response, csp);
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
