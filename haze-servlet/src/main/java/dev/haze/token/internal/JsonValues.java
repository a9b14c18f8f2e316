package dev.haze.token.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** The one definition of "JSON-compatible" both metadata codecs enforce. */
final class JsonValues {
    /**
     * The most levels of maps and lists metadata may nest, the top-level map included. Both readers stop
     * here (a deeper value would be refused when the link is verified, after it has been consumed), so
     * {@link #requireCompatible} refuses it when the link is generated.
     */
    static final int MAX_DEPTH = 32;

    private JsonValues() {
    }

    /**
     * @param value a value to be serialized
     * @param path where it sits, for the message ({@code metadata.tags[2]})
     * @throws IllegalArgumentException naming {@code path} if the value (or anything inside) is not
     *     a string, number, boolean, null, list or string-keyed map, a number is not finite, maps and lists
     *     nest more than {@value #MAX_DEPTH} levels, or a map or list contains itself
     */
    static void requireCompatible(Object value, String path) {
        requireCompatible(value, path, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * @param depth how many maps and lists enclose {@code value}
     * @param enclosing those maps and lists, by identity (a cycle would otherwise recurse until the stack
     *     overflows)
     */
    private static void requireCompatible(Object value, String path, int depth, Set<Object> enclosing) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(path + " is " + d + "; JSON numbers must be finite");
            }
            return;
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() > 63) {
                throw new IllegalArgumentException(path + " does not fit in a signed 64-bit integer");
            }
            return;
        }
        if (value instanceof BigDecimal) {
            throw new IllegalArgumentException(path + " is a BigDecimal; use a double or a string");
        }
        if (!(value instanceof Map) && !(value instanceof Collection)) {
            throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
                    + "; metadata values must be JSON-compatible (String, Number, Boolean, null, List, Map)");
        }
        if (!enclosing.add(value)) {
            throw new IllegalArgumentException(path + " contains itself (a cycle); metadata must be a tree");
        }
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException(path + " is nested " + (depth + 1) + " levels deep; maps and lists"
                    + " may nest at most " + MAX_DEPTH + " levels, the metadata map included");
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + " has a key that is not a String: " + e.getKey());
                }
                requireCompatible(e.getValue(), path + "." + key, depth + 1, enclosing);
            }
        } else {
            int i = 0;
            for (Object element : (Collection<?>) value) {
                requireCompatible(element, path + "[" + i++ + "]", depth + 1, enclosing);
            }
        }
        enclosing.remove(value);
    }

    /** Narrows a decoded integer to Integer when it fits, so both codecs read back the same types. */
    static Number integer(long value) {
        // Not a ternary: "cond ? Integer : Long" would unbox both and promote the result to long.
        if (value == (int) value) {
            return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
    }
}
