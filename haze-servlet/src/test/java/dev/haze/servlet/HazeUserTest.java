package dev.haze.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HazeUserTest {

    @Test
    void survivesSerialisationWithItsMetadata() throws Exception {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("email", "a@example.org");
        metadata.put("roles", List.of("admin", "user"));
        metadata.put("profile", Map.of("age", 42, "vip", true));
        metadata.put("nothing", null);
        HazeUser user = new HazeUser("a@example.org", metadata, Instant.parse("2026-12-03T10:00:00Z"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(user);
        }
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isEqualTo(user);
        HazeUser copy = (HazeUser) read;
        assertThat(copy.getName()).isEqualTo("a@example.org");
        assertThat(copy.metadata()).containsEntry("roles", List.of("admin", "user")).containsKey("nothing");
        assertThat(copy.signedInAt()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void keepsACopyTheCallerCannotChange() {
        List<Object> roles = new ArrayList<>(List.of("user"));
        HazeUser user = new HazeUser("u", Map.of("roles", roles), Instant.EPOCH);
        roles.add("admin");

        assertThat(user.metadata().get("roles")).isEqualTo(List.of("user"));
        assertThatThrownBy(() -> user.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(user.toString()).doesNotContain("roles");
    }
}
