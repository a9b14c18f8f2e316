/**
 * Internals of {@code dev.haze.delivery}: public only so the delivery package can reach them. Not an API:
 * do not use; anything here may change in any release.
 */
package dev.haze.delivery.internal;
