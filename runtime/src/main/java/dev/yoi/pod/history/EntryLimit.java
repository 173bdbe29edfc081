package dev.yoi.pod.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.util.Locale;

/**
 * The largest entry a Pod writes: the one owner of that number. Every writer checks it (a history
 * entry, a tool's input, a tool's result, a state-store key with its value) and every reader is
 * configured from it, so whatever was written can be read back. A host sets it with
 * {@code Pod.builder().maxEntryBytes(..)}.
 *
 * <p>Size is counted in UTF-8 bytes of the text an entry holds (for a history entry, all its text
 * fields together; a lone UTF-16 surrogate counts 3). Readers allow more, see {@link #readLimit()}.
 *
 * @param maxBytes the largest entry, {@link #FLOOR} to {@link #CEILING} bytes
 */
public record EntryLimit(int maxBytes) {
  /** The default: 8 MiB, far above any tool result a model can use, far below what strains a JVM. */
  public static final int DEFAULT_MAX_BYTES = 8 << 20;

  /**
   * The largest limit a host may set (256 MiB): the reader's bound for it, six times as much plus
   * framing, must still fit a Java array.
   */
  public static final int CEILING = 256 << 20;

  /**
   * The smallest limit a host may set (64 KiB), so that the Pod's own texts always fit: an error
   * result listing the tools, a note in the history.
   */
  public static final int FLOOR = 64 << 10;

  /** Where a host changes the limit, as every message about it says. */
  public static final String SETTING = "Pod.builder().maxEntryBytes(..)";

  /** JSON escaping turns one char into at most six: backslash, u, four hex digits. */
  private static final int ESCAPED_CHARS_PER_CHAR = 6;
  /** A line's own text around its values: type, field names, call id, quotes. */
  private static final int FRAMING = 4096;

  public EntryLimit {
    if (maxBytes < FLOOR || maxBytes > CEILING) {
      throw new IllegalArgumentException("the entry limit must be " + FLOOR + " to " + CEILING
          + " bytes (" + describe(FLOOR) + " to " + describe(CEILING) + "), was " + maxBytes
          + "; set it with " + SETTING);
    }
  }

  /** The default limit, {@link #DEFAULT_MAX_BYTES}. */
  public static EntryLimit standard() {
    return new EntryLimit(DEFAULT_MAX_BYTES);
  }

  /**
   * The longest string or field name a reader under this limit accepts, in chars. Jackson counts
   * the decoded value, which is at most {@link #maxBytes()} chars (every char is at least one UTF-8
   * byte); the bound is nonetheless the escaped form of the largest entry plus framing, so a reader
   * accepts every line the writer can produce however the parser counts.
   */
  public int readLimit() {
    return (int) Math.min(Integer.MAX_VALUE, (long) ESCAPED_CHARS_PER_CHAR * maxBytes + FRAMING);
  }

  /** Jackson's read constraints for files written under this limit. */
  public StreamReadConstraints readConstraints() {
    return StreamReadConstraints.builder()
        .maxStringLength(readLimit())
        .maxNameLength(readLimit())
        .build();
  }

  /**
   * The JSON factory of the Pod's files: its parsers read everything written under this limit; its
   * UTF-8 generators write a surrogate pair as the character it encodes and a lone surrogate, which
   * UTF-8 cannot hold, as its JSON escape, so every Java string reads back exactly.
   */
  public JsonFactory jsonFactory() {
    return JsonFactory.builder()
        .streamReadConstraints(readConstraints())
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .build();
  }

  /** Whether an entry of {@code bytes} may be written. */
  public boolean admits(long bytes) {
    return bytes <= maxBytes;
  }

  /**
   * Checks that {@code texts} together fit.
   *
   * @param what what is being written, for the message, e.g. {@code state store "memory" value}
   * @throws EntryTooLargeException if they do not; nothing should then be written
   */
  public void check(String what, CharSequence... texts) {
    long bytes = 0;
    for (CharSequence text : texts) {
      bytes += sizeOf(text);
    }
    if (!admits(bytes)) {
      throw new EntryTooLargeException(what, bytes, this);
    }
  }

  /** The size of a history entry: the UTF-8 bytes of all its text fields. */
  public static long sizeOf(HistoryEntry entry) {
    if (entry instanceof HistoryEntry.UserMessage m) {
      return sizeOf(m.text());
    } else if (entry instanceof HistoryEntry.AssistantMessage m) {
      return sizeOf(m.text());
    } else if (entry instanceof HistoryEntry.ToolCall c) {
      return sizeOf(c.callId()) + sizeOf(c.toolName()) + sizeOf(c.inputJson());
    } else if (entry instanceof HistoryEntry.ToolResult r) {
      return sizeOf(r.callId()) + sizeOf(r.toolName()) + sizeOf(r.text());
    } else {
      HistoryEntry.SystemItem item = (HistoryEntry.SystemItem) entry;
      return sizeOf(item.featureId()) + sizeOf(item.text());
    }
  }

  /** UTF-8 bytes of {@code text}; a lone surrogate counts 3, as a BMP char does. */
  public static long sizeOf(CharSequence text) {
    if (text == null) {
      return 0;
    }
    long bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** {@code 8 MiB}, {@code 1.5 KiB}, {@code 300 bytes}: for messages. */
  public static String describe(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"KiB", "MiB", "GiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = value == Math.rint(value)
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    return number + " " + units[unit];
  }

  @Override
  public String toString() {
    return maxBytes + " bytes (" + describe(maxBytes) + ")";
  }
}
