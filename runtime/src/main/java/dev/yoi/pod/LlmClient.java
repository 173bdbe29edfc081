package dev.yoi.pod;

/**
 * The model behind a Pod. Given the history so far and the tools on offer, it answers with text,
 * tool calls, or both; the Pod runs the calls and asks again until the model answers without any.
 * An exception ends the turn without a reply and is reported as {@code yoi/model-failed}.
 */
@FunctionalInterface
public interface LlmClient {
  LlmResponse respond(LlmRequest request) throws Exception;
}
