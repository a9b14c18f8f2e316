package dev.haze.token.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MessagePack writer and reader for JSON-compatible values: nil, bool, int, float 64, str, array and
 * map. Small on purpose (metadata is a few hundred bytes); its output is read by, and reads, the
 * reference implementation (msgpack-core), which a test proves. Not API.
 */
public final class MsgPackCodec {
    private MsgPackCodec() {
    }

    /**
     * @param metadata JSON-compatible values
     * @return MessagePack bytes of the map
     * @throws IllegalArgumentException naming the first incompatible value
     */
    public static byte[] write(Map<String, ?> metadata) {
        JsonValues.requireCompatible(metadata, "metadata");
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeValue(out, metadata);
        return out.toByteArray();
    }

    /**
     * @param bytes MessagePack bytes of a map
     * @return an unmodifiable map (nested maps and lists unmodifiable too)
     * @throws IllegalArgumentException if the bytes are not a MessagePack map of supported types
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            Object value = readValue(in, 0);
            if (!(value instanceof Map) || in.hasRemaining()) {
                throw new IllegalArgumentException("metadata is not a single MessagePack map");
            }
            return (Map<String, Object>) value;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("metadata MessagePack is truncated", e);
        }
    }

    private static void writeValue(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.write(0xc0);
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xc3 : 0xc2);
        } else if (value instanceof Double || value instanceof Float) {
            out.write(0xcb);
            writeLong(out, Double.doubleToLongBits(((Number) value).doubleValue()), 8);
        } else if (value instanceof Number n) {
            writeInteger(out, n instanceof BigInteger b ? b.longValueExact() : n.longValue());
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeHeader(out, utf8.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
            out.writeBytes(utf8);
        } else if (value instanceof Map<?, ?> map) {
            writeHeader(out, map.size(), 0x80, 15, -1, 0xde, 0xdf);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeValue(out, e.getKey());
                writeValue(out, e.getValue());
            }
        } else {
            Collection<?> list = (Collection<?>) value;
            writeHeader(out, list.size(), 0x90, 15, -1, 0xdc, 0xdd);
            for (Object element : list) {
                writeValue(out, element);
            }
        }
    }

    private static void writeInteger(ByteArrayOutputStream out, long v) {
        if (v >= 0 && v <= 127) {
            out.write((int) v);
        } else if (v < 0 && v >= -32) {
            out.write((int) (v & 0xff));
        } else if (v == (byte) v) {
            out.write(0xd0);
            writeLong(out, v, 1);
        } else if (v == (short) v) {
            out.write(0xd1);
            writeLong(out, v, 2);
        } else if (v == (int) v) {
            out.write(0xd2);
            writeLong(out, v, 4);
        } else {
            out.write(0xd3);
            writeLong(out, v, 8);
        }
    }

    /** Writes a fix/8/16/32 header; {@code code8 < 0} means the type has no 8-bit form (arrays, maps). */
    private static void writeHeader(ByteArrayOutputStream out, int length, int fixBase, int fixMax, int code8,
                                    int code16, int code32) {
        if (length <= fixMax) {
            out.write(fixBase | length);
        } else if (code8 >= 0 && length <= 0xff) {
            out.write(code8);
            writeLong(out, length, 1);
        } else if (length <= 0xffff) {
            out.write(code16);
            writeLong(out, length, 2);
        } else {
            out.write(code32);
            writeLong(out, length, 4);
        }
    }

    private static void writeLong(ByteArrayOutputStream out, long v, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }

    private static Object readValue(ByteBuffer in, int depth) {
        if (depth > JsonValues.MAX_DEPTH) {
            throw new IllegalArgumentException("metadata is nested deeper than " + JsonValues.MAX_DEPTH);
        }
        int b = in.get() & 0xff;
        if (b <= 0x7f) {
            return b;
        }
        if (b >= 0xe0) {
            return (int) (byte) b;
        }
        if ((b & 0xe0) == 0xa0) {
            return readString(in, b & 0x1f);
        }
        if ((b & 0xf0) == 0x90) {
            return readArray(in, b & 0x0f, depth);
        }
        if ((b & 0xf0) == 0x80) {
            return readMap(in, b & 0x0f, depth);
        }
        return switch (b) {
            case 0xc0 -> null;
            case 0xc2 -> Boolean.FALSE;
            case 0xc3 -> Boolean.TRUE;
            case 0xca -> (double) in.getFloat();
            case 0xcb -> in.getDouble();
            case 0xcc -> in.get() & 0xff;
            case 0xcd -> in.getShort() & 0xffff;
            case 0xce -> JsonValues.integer(in.getInt() & 0xffffffffL);
            case 0xcf -> unsigned64(in.getLong());
            case 0xd0 -> (int) in.get();
            case 0xd1 -> (int) in.getShort();
            case 0xd2 -> in.getInt();
            case 0xd3 -> JsonValues.integer(in.getLong());
            case 0xd9 -> readString(in, in.get() & 0xff);
            case 0xda -> readString(in, in.getShort() & 0xffff);
            case 0xdb -> readString(in, length32(in));
            case 0xdc -> readArray(in, in.getShort() & 0xffff, depth);
            case 0xdd -> readArray(in, length32(in), depth);
            case 0xde -> readMap(in, in.getShort() & 0xffff, depth);
            case 0xdf -> readMap(in, length32(in), depth);
            default -> throw new IllegalArgumentException(
                    "metadata holds an unsupported MessagePack type 0x" + Integer.toHexString(b));
        };
    }

    private static Number unsigned64(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("metadata integer exceeds the signed 64-bit range");
        }
        return JsonValues.integer(v);
    }

    private static int length32(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("metadata MessagePack length is out of range");
        }
        return n;
    }

    private static String readString(ByteBuffer in, int length) {
        if (length > in.remaining()) {
            throw new IllegalArgumentException("metadata MessagePack is truncated");
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static List<Object> readArray(ByteBuffer in, int size, int depth) {
        if (size > in.remaining()) {
            throw new IllegalArgumentException("metadata MessagePack is truncated");
        }
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(readValue(in, depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private static Map<String, Object> readMap(ByteBuffer in, int size, int depth) {
        if (size > in.remaining()) {
            throw new IllegalArgumentException("metadata MessagePack is truncated");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            if (!(readValue(in, depth + 1) instanceof String key)) {
                throw new IllegalArgumentException("metadata MessagePack map has a key that is not a string");
            }
            map.put(key, readValue(in, depth + 1));
        }
        return Collections.unmodifiableMap(map);
    }
}
