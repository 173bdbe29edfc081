/**
 * The annotations a feature author writes. Each is read at build time by the Yoi processor, which
 * fails the build with a {@code [yoi/...]} error on the element (and annotation value) to change,
 * and otherwise generates a descriptor class and the module's digested index.
 */
package dev.yoi.feature.annotation;
