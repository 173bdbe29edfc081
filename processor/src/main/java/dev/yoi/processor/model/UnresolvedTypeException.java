package dev.yoi.processor.model;

/**
 * A type the declarations mention is not resolved yet (another processor may generate it in a later
 * round). The feature is retried in the next round; if it never resolves, javac itself reports the
 * missing symbol, so the processor stays silent.
 */
public final class UnresolvedTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnresolvedTypeException(String what) {
    super(what, null, false, false);
  }
}
