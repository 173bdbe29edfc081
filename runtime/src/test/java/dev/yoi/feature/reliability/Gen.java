package dev.yoi.feature.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of random values for the reliability properties: a function of a seeded
 * {@link SplittableRandom}, so the same seed always gives the same value (see {@link SeededCases}).
 * Only the few combinators the properties use; every draw is an explicit call, in order.
 */
@FunctionalInterface
interface Gen<T> {
  T next(SplittableRandom random);

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return random -> f.apply(next(random));
  }

  /** A list of {@code min} to {@code max} values (inclusive). */
  default Gen<List<T>> list(int min, int max) {
    return random -> {
      int size = random.nextInt(min, max + 1);
      List<T> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(next(random));
      }
      return out;
    };
  }

  /** A list of up to {@code max} values whose keys differ: a draw whose key is taken is drawn again. */
  default <K> Gen<List<T>> uniqueList(int max, Function<? super T, K> key) {
    return random -> {
      int size = random.nextInt(max + 1);
      List<T> out = new ArrayList<>(size);
      Set<K> keys = new HashSet<>();
      for (int tries = 0; out.size() < size && tries < size * 10; tries++) {
        T value = next(random);
        if (keys.add(key.apply(value))) {
          out.add(value);
        }
      }
      return out;
    };
  }

  /** This value with probability {@code present}, else empty. */
  default Gen<Optional<T>> optional(double present) {
    return random -> random.nextDouble() < present ? Optional.of(next(random)) : Optional.empty();
  }

  static <T> Gen<T> constant(T value) {
    return random -> value;
  }

  /** One of {@code values}, each as likely. */
  static <T> Gen<T> of(List<T> values) {
    List<T> copy = List.copyOf(values);
    return random -> copy.get(random.nextInt(copy.size()));
  }

  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    return of(List.of(values));
  }

  /** An int from {@code min} to {@code max}, both included. */
  static Gen<Integer> between(int min, int max) {
    return random -> random.nextInt(min, max + 1);
  }

  /** Any int. */
  static Gen<Integer> anyInt() {
    return SplittableRandom::nextInt;
  }

  /** A fraction in [0, 1]; the two ends come one time in twenty, since they are the edge cases. */
  static Gen<Double> fraction() {
    return random -> random.nextInt(20) == 0 ? (random.nextBoolean() ? 0.0 : 1.0) : random.nextDouble();
  }

  /** Up to {@code max} arbitrary bytes. */
  static Gen<byte[]> bytes(int max) {
    return random -> {
      byte[] out = new byte[random.nextInt(max + 1)];
      random.nextBytes(out);
      return out;
    };
  }

  /**
   * A string of {@code min} to {@code max} chars, each from one of {@code ranges} (pairs of first
   * and last char, inclusive), the range picked first so a small range is not drowned by a big one.
   */
  static Gen<String> string(int min, int max, char... ranges) {
    char[] bounds = ranges.clone();
    return random -> {
      int length = random.nextInt(min, max + 1);
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        int r = random.nextInt(bounds.length / 2) * 2;
        out.append((char) random.nextInt(bounds[r], bounds[r + 1] + 1));
      }
      return out.toString();
    };
  }

  /** A string of {@code min} to {@code max} chars, each one of {@code chars}. */
  static Gen<String> string(int min, int max, String chars) {
    return random -> {
      int length = random.nextInt(min, max + 1);
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        out.append(chars.charAt(random.nextInt(chars.length())));
      }
      return out.toString();
    };
  }

  /** A generator and how often it is picked relative to the others of a {@link #frequency}. */
  record Weighted<T>(int weight, Gen<? extends T> gen) {}

  static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /** One of {@code choices}, picked in proportion to its weight. */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<T>... choices) {
    List<Weighted<T>> copy = List.of(choices);
    int total = copy.stream().mapToInt(Weighted::weight).sum();
    return random -> {
      int pick = random.nextInt(total);
      for (Weighted<T> choice : copy) {
        pick -= choice.weight();
        if (pick < 0) {
          return choice.gen().next(random);
        }
      }
      throw new AssertionError("unreachable: weights sum to " + total);
    };
  }
}
