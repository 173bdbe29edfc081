package dev.yoi.pod.internal.tool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.yoi.pod.history.EntryLimit;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The mapper that reads tool inputs. A class of its own so that loading {@link ToolRegistry} (at
 * every start) does not load the Jackson modules' classes to verify it.
 */
final class ToolMapper {
  private ToolMapper() {}

  /**
   * An input like the tools' own, decoded once ahead of the first call: it loads the classes of
   * Jackson's record, optional, list and enum deserialisers, which every first call would load.
   */
  record Sample(Optional<String> text, List<Kind> kinds, int number, boolean flag) {
    enum Kind { ONE }
  }

  /** Decodes {@link Sample} once, on {@code mapper}. */
  static void warmUp(ObjectMapper mapper, JsonNode input) throws IOException {
    mapper.readerFor(Sample.class).readValue(input);
  }

  /** The tools' mapper, reading inputs up to {@code limit}. */
  static ObjectMapper create(EntryLimit limit) {
    return new ObjectMapper(limit.jsonFactory())
        .registerModule(new Jdk8Module())
        .registerModule(new JavaTimeModule())
        // An OffsetDateTime or ZonedDateTime keeps the offset or zone the model sent.
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
