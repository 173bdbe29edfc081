package dev.yoi.feature.fault;

import dev.yoi.descriptor.ControlCharacters;

/**
 * What the host repeats of a feature's own words (an abort reason, an exception message) in its
 * notes and diagnostics: at most {@link #LIMIT} characters as shown, on one line, escaped and cut
 * by the one owner, {@link ControlCharacters#escapeInQuotes}: every control, format, separator
 * and lone surrogate character escaped ({@code \n}, {@code \t}, {@code \r}, else
 * <code>&#92;uXXXX</code>), and a backslash and a double quote too ({@code \\}, {@code \"}). So
 * what a feature wrote can neither start a line of its own, nor move a terminal's cursor, nor
 * close the quotes the host puts it in; a longer text is cut, saying how much was left out. This
 * class adds only the limit.
 */
public final class Excerpt {
  /** The most characters of a feature's text the host repeats, as shown (escapes counted). */
  public static final int LIMIT = 200;

  private Excerpt() {}

  /** {@code text} escaped, cut to {@link #LIMIT} characters as shown (never inside an escape or a pair). */
  public static String of(String text) {
    return ControlCharacters.escapeInQuotes(text, LIMIT);
  }
}
