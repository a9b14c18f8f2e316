/**
 * The SQL token store: {@link dev.haze.jdbc.JdbiTokenStore} on JDBI 3 and HikariCP, for PostgreSQL,
 * MySQL/MariaDB, H2 and SQLite, and {@link dev.haze.jdbc.JdbcTokenStoreProvider}, which the servlet
 * filter finds through {@link java.util.ServiceLoader} when {@code store=jdbc}.
 * Schemas are plain SQL resources under {@code dev/haze/jdbc/schema/}.
 */
package dev.haze.jdbc;
