package dev.yoi.cli.text;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON escapes for output that may be read on a terminal: besides what JSON requires (C0), DEL,
 * C1 and the format characters (bidirectional controls among them) are written as <code>&#92;uXXXX</code>
 * too. The document means the same; only its bytes are safe to print.
 */
public final class TerminalJson extends CharacterEscapes {
  private static final long serialVersionUID = 1L;
  private final int[] ascii;

  private TerminalJson() {
    ascii = standardAsciiEscapesForJSON();
    ascii[0x7f] = ESCAPE_STANDARD;
  }

  /** {@code mapper}, writing with these escapes from now on. */
  public static <M extends ObjectMapper> M escaping(M mapper) {
    mapper.getFactory().setCharacterEscapes(new TerminalJson());
    return mapper;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    // Called per UTF-16 unit: surrogates pass (a pair is a character like any other).
    return !Character.isSurrogate((char) ch) && TerminalText.escaped(ch)
        ? new SerializedString(String.format("\\u%04x", ch)) : null;
  }
}
