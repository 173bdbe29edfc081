package dev.yoi.cli.approve;

import dev.yoi.feature.catalog.CatalogEntry;
import java.io.PrintWriter;

/** Lets tests outside this package render the approve prompt for a catalog entry they built. */
public final class ApprovalPrompts {
  private ApprovalPrompts() {}

  public static void full(CatalogEntry entry, PrintWriter out) {
    ApprovalPrompt.full(entry, out);
  }
}
