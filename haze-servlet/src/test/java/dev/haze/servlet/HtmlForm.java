package dev.haze.servlet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form of a page the filter wrote, read the way a browser would submit it.
 *
 * @param method {@code get} or {@code post}
 * @param action where it goes
 * @param fields its hidden fields
 * @param button its button's text
 */
record HtmlForm(String method, String action, Map<String, String> fields, String button) {
    private static final Pattern FORM = Pattern.compile(
            "<form method=\"(get|post)\" action=\"([^\"]*)\">(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern BUTTON = Pattern.compile("<button[^>]*>([^<]*)</button>");

    /** @return every form of the page, in order */
    static List<HtmlForm> all(String html) {
        List<HtmlForm> forms = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(form.group(3));
            while (hidden.find()) {
                fields.put(hidden.group(1), unescape(hidden.group(2)));
            }
            Matcher button = BUTTON.matcher(form.group(3));
            forms.add(new HtmlForm(form.group(1), unescape(form.group(2)), fields,
                    button.find() ? unescape(button.group(1)) : null));
        }
        return forms;
    }

    /** @return the page's forms whose hidden {@code decision} is {@code decision} */
    static List<HtmlForm> withDecision(String html, String decision) {
        return all(html).stream().filter(f -> decision.equals(f.fields().get("decision"))).toList();
    }

    /** @return a copy of the fields plus one more */
    Map<String, String> fieldsWith(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return copy;
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
