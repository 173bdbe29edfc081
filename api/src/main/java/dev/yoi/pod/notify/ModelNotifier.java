package dev.yoi.pod.notify;

/**
 * Adds a system item to the model's durable history, attributed to the feature. Handed out only to
 * features granted {@code MODEL_NOTIFICATION}; without it every call throws
 * {@link dev.yoi.feature.AuthorityDeniedException}.
 */
public interface ModelNotifier {
  void notifyModel(String text);
}
