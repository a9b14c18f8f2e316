/**
 * Internals of the servlet filter: request handling, pages, input checks. Public only so the filter can
 * use them across classes; not an API, may change in any release, do not use.
 */
package dev.haze.servlet.internal;
