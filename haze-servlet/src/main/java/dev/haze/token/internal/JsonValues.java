package dev.haze.token.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/** The one definition of "JSON-compatible" both metadata codecs enforce. */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * @param value a value to be serialized
     * @param path where it sits, for the message ({@code metadata.tags[2]})
     * @throws IllegalArgumentException naming {@code path} if the value (or anything inside) is not
     *     a string, number, boolean, null, list or string-keyed map, or a number is not finite
     */
    static void requireCompatible(Object value, String path) {
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
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + " has a key that is not a String: " + e.getKey());
                }
                requireCompatible(e.getValue(), path + "." + key);
            }
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                requireCompatible(element, path + "[" + i++ + "]");
            }
            return;
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
                + "; metadata values must be JSON-compatible (String, Number, Boolean, null, List, Map)");
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
