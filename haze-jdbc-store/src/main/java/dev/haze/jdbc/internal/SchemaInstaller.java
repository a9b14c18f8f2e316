package dev.haze.jdbc.internal;

import dev.haze.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Creates the store's tables and indexes if they are missing, from the dialect's schema resource.
 *
 * <p>Every statement is {@code IF NOT EXISTS}; still, when several nodes start at once a database may
 * report that an object "already exists" while another node creates it (PostgreSQL does, through its
 * catalog's unique indexes). Such a failure is retried: the next attempt finds the object and skips it.
 * Stateless and thread-safe.
 */
public final class SchemaInstaller {
    private static final int ATTEMPTS = 5;
    /** duplicate table/object (PostgreSQL), table/index exists (H2), catalog unique violation (PostgreSQL). */
    private static final Set<String> RACE_STATES = Set.of("42P07", "42710", "42S01", "42S11", "23505");

    private SchemaInstaller() {
    }

    /**
     * @param dialect the database's dialect
     * @param prefix the validated table prefix
     * @return the schema's statements with the prefix substituted, comments removed
     */
    public static List<String> statements(Dialect dialect, String prefix) {
        return statements(read(dialect.schemaResource()).replace("${prefix}", prefix));
    }

    /**
     * @param script SQL statements separated by {@code ;}, with {@code --} comments
     * @return its statements, comments removed, each stripped
     */
    public static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            code.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /**
     * Runs the schema's statements, retrying creation races.
     *
     * @param jdbi the database
     * @param dialect its dialect
     * @param prefix the validated table prefix
     * @throws StorageException "create schema: …" when the schema cannot be created
     */
    public static void install(Jdbi jdbi, Dialect dialect, String prefix) {
        List<String> statements = statements(dialect, prefix);
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useHandle(handle -> {
                    for (String statement : statements) {
                        handle.execute(statement);
                    }
                });
                return;
            } catch (JdbiException e) {
                if (attempt >= ATTEMPTS || !isCreationRace(StorageFailures.sqlCause(e))) {
                    throw StorageFailures.of("create schema", e);
                }
                pause(attempt);
            }
        }
    }

    private static boolean isCreationRace(SQLException e) {
        if (e == null) {
            return false;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return RACE_STATES.contains(e.getSQLState()) || e.getErrorCode() == 1050 || message.contains("already exists");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("create schema: interrupted", e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SchemaInstaller.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }
}
