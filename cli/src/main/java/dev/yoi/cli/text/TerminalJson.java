package dev.yoi.cli.text;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.ControlCharacters;

/**
 * JSON escapes for output that may be read on a terminal: besides what JSON requires (C0), every
 * character the one owner escapes ({@link ControlCharacters#escaped}: DEL, C1, format characters
 * such as the bidirectional controls, separators) is written as <code>&#92;uXXXX</code> too, and so
 * is every character outside the BMP, as its pair: Jackson hands this class one UTF-16 unit at a
 * time, and a unit alone cannot say whether its character is an invisible tag. The document means
 * the same; only its bytes are safe to print.
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
    // Called per UTF-16 unit: a surrogate is escaped as a lone one would be, so a pair as a pair.
    return Character.isSurrogate((char) ch) || ControlCharacters.escaped(ch)
        ? new SerializedString(ControlCharacters.escape(String.valueOf((char) ch))) : null;
  }
}
