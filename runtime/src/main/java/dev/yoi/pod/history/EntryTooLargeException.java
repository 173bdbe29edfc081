package dev.yoi.pod.history;

/**
 * An entry larger than the Pod's {@link EntryLimit} was refused before anything of it was written.
 * A feature sees it as the {@link IllegalArgumentException} it is (from a state store or a model
 * notifier); the tool path turns it into an error result.
 */
public final class EntryTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final long bytes;
  private final int maxBytes;

  /**
   * @param what what was being written, e.g. {@code the result of tool "Fetch"}
   * @param bytes its size in UTF-8 bytes
   */
  public EntryTooLargeException(String what, long bytes, EntryLimit limit) {
    super(what + " is " + bytes + " bytes (" + EntryLimit.describe(bytes) + ") of UTF-8 text, more than"
        + " the Pod's entry limit of " + limit + ", so nothing of it was written. Write less at once"
        + " (split it, or page it), or have the host raise the limit with " + EntryLimit.SETTING);
    this.bytes = bytes;
    this.maxBytes = limit.maxBytes();
  }

  /** The refused entry's size in UTF-8 bytes. */
  public long bytes() {
    return bytes;
  }

  /** The limit it exceeded, in bytes. */
  public int maxBytes() {
    return maxBytes;
  }
}
