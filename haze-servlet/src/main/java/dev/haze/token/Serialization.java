package dev.haze.token;

import dev.haze.token.internal.JsonCodec;
import dev.haze.token.internal.MsgPackCodec;
import java.util.Locale;
import java.util.Map;

/**
 * How link metadata is serialized for storage. Metadata must be JSON-compatible: strings, numbers,
 * booleans, null, lists and maps with string keys, a tree at most 32 levels deep. Reading detects the format, so changing this
 * setting does not break links already issued.
 */
public enum Serialization {
    /** MessagePack: compact and fast; the default, as in the original haze. */
    MSGPACK,
    /** JSON (UTF-8): readable in the database. */
    JSON;

    /**
     * @param metadata JSON-compatible values
     * @return the serialized bytes
     * @throws IllegalArgumentException naming the key of a value that is not JSON-compatible, of maps and
     *     lists nested more than 32 levels (the top-level map included), or of a map or list that contains
     *     itself: anything written here can be read back
     */
    public byte[] write(Map<String, ?> metadata) {
        return this == MSGPACK ? MsgPackCodec.write(metadata) : JsonCodec.write(metadata);
    }

    /**
     * Reads metadata written in either format.
     *
     * @param bytes serialized metadata
     * @return an unmodifiable map
     * @throws IllegalArgumentException if the bytes are in neither format
     */
    public static Map<String, Object> read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return JsonCodec.read(bytes);
        }
        return MsgPackCodec.read(bytes);
    }

    /**
     * @param name {@code msgpack} or {@code json}, case-insensitive
     * @return the format
     * @throws IllegalArgumentException for anything else
     */
    public static Serialization parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "msgpack" -> MSGPACK;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown serialization format '" + name
                    + "'; accepted: msgpack, json");
        };
    }
}
