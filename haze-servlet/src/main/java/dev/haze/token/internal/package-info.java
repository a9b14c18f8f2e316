/**
 * Haze's implementation details: JWT handling and metadata codecs. Not API: do not use these types
 * directly; they change without notice.
 */
package dev.haze.token.internal;
