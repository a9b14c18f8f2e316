package dev.haze.token.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON metadata through Jackson, which java-jwt already brings. Reads produce the same types as
 * {@link MsgPackCodec} (Integer when it fits, else Long; Double; unmodifiable maps and lists). Not API.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(JsonValues.MAX_DEPTH).build());
    }

    private JsonCodec() {
    }

    /**
     * @param metadata JSON-compatible values
     * @return UTF-8 JSON of the map
     * @throws IllegalArgumentException naming the first incompatible value
     */
    public static byte[] write(Map<String, ?> metadata) {
        JsonValues.requireCompatible(metadata, "metadata");
        try {
            return MAPPER.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param bytes UTF-8 JSON of an object
     * @return an unmodifiable map
     * @throws IllegalArgumentException if the bytes are not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("metadata JSON is not an object");
            }
            return (Map<String, Object>) convert(node);
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata is not valid JSON", e);
        }
    }

    private static Object convert(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), convert(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(convert(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new IllegalArgumentException("metadata integer exceeds the signed 64-bit range");
            }
            return JsonValues.integer(node.longValue());
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return node.textValue();
    }
}
