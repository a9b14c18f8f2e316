package dev.haze.delivery.internal;

/** HTML escaping for text and attribute values in email bodies. Stateless and thread-safe. */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code & < > " '} so the value is inert both as element text and inside a quoted attribute.
     *
     * @param value any text, possibly hostile; null becomes the empty string
     * @return the escaped text
     */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
