package dev.yoi.pod.manifest;

import java.util.List;

/** A read-only view of the Pod manifest's tool permission rules. */
public interface ManifestView {
  /** Tool name globs the manifest allows ({@code *} and {@code ?}); empty allows every tool. */
  List<String> allowTools();

  /** Tool name globs the manifest denies; deny wins over allow. */
  List<String> denyTools();
}
