package dev.haze.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.token.internal.MsgPackCodec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/** Our MessagePack codec against the reference implementation, msgpack-core. */
class MsgPackInteropTest {

    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("small", 7);
        m.put("negative", -20);
        m.put("byteRange", -100);
        m.put("short", 30_000);
        m.put("int", 2_000_000_000);
        m.put("long", 1L << 50);
        m.put("minLong", Long.MIN_VALUE);
        m.put("double", 3.25);
        m.put("bool", false);
        m.put("nil", null);
        m.put("str", "héllo ✓");
        m.put("str8", "x".repeat(200));
        m.put("str16", "y".repeat(70_000));
        m.put("list", List.of(1, "two", List.of(3.5)));
        m.put("bigList", java.util.Collections.nCopies(20, 1));
        m.put("map", Map.of("k", "v"));
        return m;
    }

    @Test
    void theReferenceImplementationReadsWhatWeWrite() throws IOException {
        byte[] ours = MsgPackCodec.write(sample());
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(ours)) {
            Value value = unpacker.unpackValue();
            Map<Value, Value> map = value.asMapValue().map();
            assertThat(map).hasSize(sample().size());
            assertThat(map.get(org.msgpack.value.ValueFactory.newString("long")).asIntegerValue().toLong())
                    .isEqualTo(1L << 50);
            assertThat(map.get(org.msgpack.value.ValueFactory.newString("str")).asStringValue().asString())
                    .isEqualTo("héllo ✓");
            assertThat(unpacker.hasNext()).isFalse();
        }
    }

    @Test
    void weReadWhatTheReferenceImplementationWrites() throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(5);
        packer.packString("uint32").packLong(4_000_000_000L);
        packer.packString("float32").packFloat(1.5f);
        packer.packString("int8").packInt(-100);
        packer.packString("list").packArrayHeader(2).packInt(1).packNil();
        packer.packString("str").packString("ok");
        packer.close();

        Map<String, Object> read = MsgPackCodec.read(packer.toByteArray());
        assertThat(read).containsEntry("uint32", 4_000_000_000L).containsEntry("float32", 1.5)
                .containsEntry("int8", -100).containsEntry("str", "ok");
        assertThat(read.get("list")).isEqualTo(java.util.Arrays.asList(1, null));
    }

    @Test
    void ourOwnRoundTripIsExact() {
        assertThat(MsgPackCodec.read(MsgPackCodec.write(sample()))).isEqualTo(sample());
    }

    @Test
    void corruptOrHostileBytesAreRejectedCleanly() {
        byte[] good = MsgPackCodec.write(Map.of("k", "value"));
        assertThatThrownBy(() -> MsgPackCodec.read(java.util.Arrays.copyOf(good, good.length - 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsgPackCodec.read(new byte[] {(byte) 0xdf, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsgPackCodec.read(new byte[] {(byte) 0xc1})).isInstanceOf(IllegalArgumentException.class);
        byte[] deep = new byte[100];
        java.util.Arrays.fill(deep, (byte) 0x91);
        assertThatThrownBy(() -> MsgPackCodec.read(deep)).isInstanceOf(IllegalArgumentException.class);
    }
}
