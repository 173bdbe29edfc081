package dev.yoi.pod.hook;

/** Runs before each model request; may abort the turn. A hook that throws aborts: fail closed. */
@FunctionalInterface
public interface PreRequestHook {
  PreRequestDecision beforeRequest(RequestView request) throws Exception;
}
