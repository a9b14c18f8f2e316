package dev.haze.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void nanoIdsAreUrlSafeOfTheRequestedSizeAndDistinct() {
        IdGenerator generator = IdGenerator.nanoId(21);
        Set<String> seen = new HashSet<>();
        int[] counts = new int[128];
        for (int i = 0; i < 10_000; i++) {
            String id = generator.newId();
            assertThat(id).matches("[A-Za-z0-9_-]{21}");
            assertThat(seen.add(id)).isTrue();
            id.chars().forEach(c -> counts[c]++);
        }
        long symbolsUsed = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        assertThat(symbolsUsed).as("all 64 symbols appear").isEqualTo(64);
    }

    @Test
    void nanoIdSizesBelow112BitsAreRefused() {
        assertThat(IdGenerator.nanoId(19).newId()).hasSize(19);
        assertThatThrownBy(() -> IdGenerator.nanoId(18)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("112 bits");
    }

    @Test
    void nanoIdsLongerThanALinkMayCarryAreRefused() {
        assertThat(IdGenerator.nanoId(IdGenerator.MAX_LENGTH).newId()).hasSize(128);
        assertThatThrownBy(() -> IdGenerator.nanoId(IdGenerator.MAX_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("and 128");
    }

    @Test
    void uuidsAreVersionFour() {
        assertThat(java.util.UUID.fromString(IdGenerator.uuid().newId()).version()).isEqualTo(4);
    }
}
