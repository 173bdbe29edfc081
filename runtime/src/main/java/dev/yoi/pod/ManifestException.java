package dev.yoi.pod;

import dev.yoi.descriptor.DiagnosticCode;
import java.util.List;

/** The Pod manifest cannot be used; the message lists every problem found, each with its fix. */
public final class ManifestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public ManifestException(String source, List<String> problems) {
    super(DiagnosticCode.MANIFEST_INVALID.format("Pod manifest " + source + " has "
        + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  - "
        + String.join("\n  - ", problems)));
    this.problems = List.copyOf(problems);
  }

  /** Always {@code yoi/manifest-invalid}. */
  public String code() {
    return DiagnosticCode.MANIFEST_INVALID.code();
  }

  /** Each problem, in file order. */
  public List<String> problems() {
    return problems;
  }
}
