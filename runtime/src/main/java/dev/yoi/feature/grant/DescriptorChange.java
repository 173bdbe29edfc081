package dev.yoi.feature.grant;

import java.util.Objects;

/**
 * One difference between an approved descriptor and the current one.
 *
 * @param type added, removed, changed, or widened (more authority than approved)
 * @param subject what changed, e.g. {@code tool "Forecast"}, {@code authority NETWORK}, {@code version}
 * @param detail the exact difference, e.g. {@code /inputSchema/properties/days added: {"type":"integer"}}
 */
public record DescriptorChange(DescriptorChange.Type type, String subject, String detail) {
  public DescriptorChange {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    detail = detail == null ? "" : detail;
  }

  /** The kind of difference, with the mark a line starts with. */
  public enum Type {
    ADDED("+"),
    REMOVED("-"),
    CHANGED("~"),
    /** An authority that now covers more, or is now required: the change a reviewer must not miss. */
    WIDENED("!");

    private final String mark;

    Type(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  /** One line, e.g. {@code + tool "Delete" {...}} or {@code ! authority NETWORK widens NETWORK:api.a}. */
  public String line() {
    return type.mark() + " " + subject + (detail.isEmpty() ? "" : " " + detail);
  }

  @Override
  public String toString() {
    return line();
  }
}
