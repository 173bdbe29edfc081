package dev.yoi.pod;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model that plays back a script: each request takes the next scripted response. When the script
 * runs out it answers {@link #EXHAUSTED}, so a turn always ends. The Pod's default model (for the
 * demo and tests); it also keeps every request it received. Thread-safe.
 */
public final class ScriptedLlmClient implements LlmClient {
  /** The answer once the script is used up. */
  public static final String EXHAUSTED = "(the scripted model has nothing more to say)";

  private final ArrayDeque<LlmResponse> script = new ArrayDeque<>();
  private final List<LlmRequest> requests = new ArrayList<>();

  public ScriptedLlmClient(LlmResponse... responses) {
    for (LlmResponse response : responses) {
      then(response);
    }
  }

  /** Appends a response to the script. */
  public synchronized ScriptedLlmClient then(LlmResponse response) {
    script.addLast(Objects.requireNonNull(response, "response"));
    return this;
  }

  @Override
  public synchronized LlmResponse respond(LlmRequest request) {
    requests.add(request);
    LlmResponse next = script.pollFirst();
    return next == null ? LlmResponse.text(EXHAUSTED) : next;
  }

  /** Every request received so far, in order. */
  public synchronized List<LlmRequest> requests() {
    return List.copyOf(requests);
  }
}
