package dev.yoi.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.yoi.descriptor.ControlCharacters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalJsonTest {
  private static final ObjectMapper MAPPER = TerminalJson.escaping(JsonMapper.builder().build());

  @Test
  void everyCharacterTheOwnerEscapesIsAJsonEscapeAndTheDocumentMeansTheSame() throws Exception {
    // Control, DEL, C1, bidi override, line separator, an invisible tag character, an emoji.
    String hostile = "a\r\u001b[2K\u007f\u009b\u202e\u2028\uDB40\uDC41\uD83D\uDE00 \u00e9";

    String json = MAPPER.writeValueAsString(Map.of("description", hostile));

    assertEquals("{\"description\":\"a\\r\\u001B[2K\\u007F\\u009B\\u202E\\u2028\\uDB40\\uDC41\\uD83D\\uDE00"
        + " \u00e9\"}", json);
    assertTrue(json.codePoints().noneMatch(ControlCharacters::escaped), json);
    assertEquals(hostile, MAPPER.readTree(json).get("description").textValue());
  }
}
