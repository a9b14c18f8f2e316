/**
 * Internals of the JDBC token store: SQL dialects, schema installation, row mapping and error
 * translation. Public only so the store can use them across packages; not an API, may change in any
 * release. Use {@link dev.haze.jdbc.JdbiTokenStore} instead.
 */
package dev.haze.jdbc.internal;
