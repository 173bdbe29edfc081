package dev.yoi.feature.runtime;

import dev.yoi.descriptor.DiagnosticCode;
import java.util.Objects;

/**
 * Thrown by a {@link RuntimeInstaller} that cannot install a feature, with the one diagnostic that
 * says why (e.g. {@code yoi/digest-mismatch}, or {@code yoi/install-failed} for a server that does
 * not start). The registry reports exactly that diagnostic, as an error on the feature, and rolls
 * back whatever was registered.
 *
 * <p>Only an installer's own code refuses. This class is public so that other modules can write
 * installers, and so a plugin can construct one too: one thrown by a JVM feature's own
 * {@code install} is that feature's throw like any other ({@code yoi/install-failed}, naming it,
 * its words escaped and bounded), never a refusal with the code and detail it chose.
 */
public final class FeatureRefusedException extends Exception {
  private final DiagnosticCode code;
  private final String detail;

  /**
   * @param detail what is wrong and what to change, untagged: the registry adds the code's tag
   */
  public FeatureRefusedException(DiagnosticCode code, String detail) {
    super(Objects.requireNonNull(code, "code").format(Objects.requireNonNull(detail, "detail")));
    this.code = code;
    this.detail = detail;
  }

  public DiagnosticCode code() {
    return code;
  }

  /** The untagged detail. */
  public String detail() {
    return detail;
  }
}
