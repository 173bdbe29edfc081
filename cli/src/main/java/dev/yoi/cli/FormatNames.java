package dev.yoi.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --format} values. Every command with a text output calls it {@code text} (what the help
 * lists); {@code table} is taken as another name for it, since {@code inspect} once called it so.
 */
public final class FormatNames {
  /** The name every command documents for its text output. */
  public static final String TEXT = "text";
  private static final String TEXT_ALIAS = "table";

  private FormatNames() {}

  /** The constant of {@code type} that {@code value} names, case-insensitively; {@code table} is {@code text}. */
  public static <E extends Enum<E>> E parse(Class<E> type, String value) {
    String name = value.strip().toLowerCase(Locale.ROOT);
    if (name.equals(TEXT_ALIAS)) {
      name = TEXT;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(name)) {
        return constant;
      }
    }
    throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
        + " but was '" + value + "'");
  }
}
