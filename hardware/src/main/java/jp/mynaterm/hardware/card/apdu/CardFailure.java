package jp.mynaterm.hardware.card.apdu;

/**
 * A {@link CardProblem} travelling up through the steps of one card operation. It never leaves the
 * card packages: public operations turn it into a {@link CardResult}.
 */
public final class CardFailure extends Exception {
  private final transient CardProblem problem;

  public CardFailure(CardProblem problem) {
    super(problem.describe(), null, false, false);
    this.problem = problem;
  }

  public CardProblem problem() {
    return problem;
  }
}
