package dev.yoi.pod;

/** A live subscription to the Pod's diagnostics ({@link Pod#subscribe}); closing it stops delivery. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
