package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.jdbc.internal.Dialect;
import dev.haze.jdbc.internal.SchemaInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "DDL for DBAs" honest: each {@code sql} block there, named by the line before it,
 * must be the schema the store installs for that database with the default prefix {@code haze_}
 * (comments and whitespace aside).
 */
class ReadmeSchemaTest {
    /** A label line (a plain "PostgreSQL:" or a {@code <summary>}), blank lines, then a fenced sql block. */
    private static final Pattern BLOCK = Pattern.compile(
            "^(?:<details><summary>)?([^\\n<]+?):?(?:</summary>)?\\n\\s*```sql\\n(.*?)```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Map<String, Dialect> LABELS = Map.of("PostgreSQL", Dialect.POSTGRESQL,
            "MySQL and MariaDB", Dialect.MYSQL, "H2", Dialect.H2, "SQLite", Dialect.SQLITE);

    @Test
    void showsTheSchemaOfEveryDatabaseAsTheStoreInstallsIt() throws IOException {
        Map<Dialect, String> shown = readmeBlocks();

        assertThat(shown).containsOnlyKeys(Dialect.values());
        shown.forEach((dialect, block) -> assertThat(normalized(SchemaInstaller.statements(block)))
                .as("the README's %s DDL", dialect)
                .isEqualTo(normalized(SchemaInstaller.statements(dialect, "haze_"))));
    }

    private static Map<Dialect, String> readmeBlocks() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("### DDL for DBAs");
        assertThat(start).as("the README's DDL section").isNotNegative();
        int end = readme.indexOf("\n## ", start);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<Dialect, String> blocks = new EnumMap<>(Dialect.class);
        Matcher m = BLOCK.matcher(section);
        while (m.find()) {
            Dialect dialect = LABELS.get(m.group(1).strip());
            assertThat(dialect).as("a database named by '%s'", m.group(1)).isNotNull();
            assertThat(blocks.put(dialect, m.group(2))).as("%s shown once", dialect).isNull();
        }
        return blocks;
    }

    private static List<String> normalized(List<String> statements) {
        return statements.stream().map(s -> s.replaceAll("\\s+", " ")).toList();
    }
}
