package dev.yoi.pod.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The one owner of the entry limit: what counts, what writers refuse, what readers accept. */
class EntryLimitTest {
  @Test
  void sizeIsUtf8BytesAndALoneSurrogateCountsAsThree() {
    assertEquals(3, EntryLimit.sizeOf("abc"));
    assertEquals(2 + 3 + 4, EntryLimit.sizeOf("é東🌧"));
    assertEquals(1 + 3 + 1, EntryLimit.sizeOf("a\uD800b"));
    assertEquals(3, EntryLimit.sizeOf("\uDC00"));
    assertEquals("call-1".length() + "Echo".length() + "{}".length(),
        EntryLimit.sizeOf(new HistoryEntry.ToolCall("call-1", "Echo", "{}")));
  }

  @Test
  void readersAcceptTheEscapedFormOfTheLargestEntryWhichWritersMayProduce() throws IOException {
    EntryLimit limit = new EntryLimit(EntryLimit.FLOOR);

    assertTrue(limit.readLimit() >= 6L * limit.maxBytes(), "a char escapes to at most 6: " + limit.readLimit());
    assertEquals(limit.readLimit(), limit.readConstraints().getMaxStringLength());
    assertEquals(limit.readLimit(), limit.readConstraints().getMaxNameLength());
    // The worst case: every char of a string at the limit escaped, as a field name and as a value.
    String controls = "\u0001".repeat(limit.maxBytes());
    ObjectMapper writer = new ObjectMapper();
    String json = writer.writeValueAsString(java.util.Map.of(controls, controls));
    assertTrue(json.length() > 12 * limit.maxBytes(), "every char was escaped");
    assertEquals(java.util.Map.of(controls, controls),
        new ObjectMapper(limit.jsonFactory()).readValue(json, java.util.Map.class));
    // The largest limit still has a reader bound a Java array can hold.
    assertEquals(6 * EntryLimit.CEILING + 4096, new EntryLimit(EntryLimit.CEILING).readLimit());
  }

  @Test
  void aLimitOutsideItsRangeIsRefusedNamingTheRangeAndTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EntryLimit(EntryLimit.FLOOR - 1));
    assertEquals("the entry limit must be 65536 to 268435456 bytes (64 KiB to 256 MiB), was 65535; set it"
        + " with Pod.builder().maxEntryBytes(..)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EntryLimit(EntryLimit.CEILING + 1));
    assertEquals(8 << 20, EntryLimit.standard().maxBytes());
  }

  @Test
  void checkRefusesTextsTogetherOverTheLimitSayingWhatHowLargeAndWhereToChangeIt() {
    EntryLimit limit = new EntryLimit(EntryLimit.FLOOR);
    limit.check("a note", "k", "v".repeat(EntryLimit.FLOOR - 1));

    EntryTooLargeException e = assertThrows(EntryTooLargeException.class,
        () -> limit.check("a note", "k", "v".repeat(EntryLimit.FLOOR)));

    assertEquals(EntryLimit.FLOOR + 1, e.bytes());
    assertEquals(EntryLimit.FLOOR, e.maxBytes());
    assertEquals("a note is 65537 bytes (64.0 KiB) of UTF-8 text, more than the Pod's entry limit of 65536"
        + " bytes (64 KiB), so nothing of it was written. Write less at once (split it, or page it), or"
        + " have the host raise the limit with Pod.builder().maxEntryBytes(..)", e.getMessage());
  }
}
