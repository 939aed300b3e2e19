package jp.mynaterm.hardware.card.apdu;

import java.util.function.Function;

/** The outcome of a card operation: a value, or the {@link CardProblem} that prevented it. */
public sealed interface CardResult<T> {
  record Ok<T>(T value) implements CardResult<T> {}

  record Failed<T>(CardProblem problem) implements CardResult<T> {}

  static <T> CardResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> CardResult<T> failed(CardProblem problem) {
    return new Failed<>(problem);
  }

  /** Runs card steps that signal problems with {@link CardFailure}; the failure becomes a value. */
  static <T> CardResult<T> of(CardStep<T> step) {
    try {
      return ok(step.run());
    } catch (CardFailure f) {
      return failed(f.problem());
    }
  }

  default <U> CardResult<U> map(Function<T, U> f) {
    return switch (this) {
      case Ok<T> ok -> ok(f.apply(ok.value()));
      case Failed<T> failed -> failed(failed.problem());
    };
  }

  /** The value, or the problem thrown as {@link CardFailure} (for code composing several steps). */
  default T orThrow() throws CardFailure {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Failed<T> failed -> throw new CardFailure(failed.problem());
    };
  }

  @FunctionalInterface
  interface CardStep<T> {
    T run() throws CardFailure;
  }
}
