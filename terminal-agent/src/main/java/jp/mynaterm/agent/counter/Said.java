package jp.mynaterm.agent.counter;

import java.util.List;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.protocol.card.CardVerdict;

/**
 * What a counter page tells its user, as a message key and arguments: the page looks the words up in
 * its language bundle, so no sentence is written in Java or in the page.
 *
 * @param ok whether the action did what was asked
 */
public record Said(boolean ok, String key, List<Object> args) {
  public static Said ok(String key, Object... args) {
    return new Said(true, key, List.of(args));
  }

  public static Said no(String key, Object... args) {
    return new Said(false, key, List.of(args));
  }

  /** The card's own problem, in the words staff and holder need (tries left, blocked, removed, …). */
  public static Said of(CardProblem problem) {
    return switch (problem) {
      case CardProblem.WrongPin w when w.triesLeft() <= 1 -> no("card.wrongPinLast", w.triesLeft());
      case CardProblem.WrongPin w -> no("card.wrongPin", w.triesLeft());
      case CardProblem.PinBlocked b -> no("card.pinBlocked");
      case CardProblem.NoCard n -> no("card.none");
      case CardProblem.CardRemoved r -> no("card.removed");
      case CardProblem.BadPinFormat f -> no("card.pinFormat");
      case CardProblem.NotMyNumberCard n -> no("card.notMyNumber");
      case CardProblem.ReaderUnavailable r -> no("card.noReader", r.detail());
      case CardProblem.CardInUse u -> no("card.inUse");
      case CardProblem.PinEntryNotMade n -> no("card.pinNotEntered");
      default -> no("card.problem", problem.describe());
    };
  }

  /** Why a card's certificate was not accepted. */
  public static Said of(CardVerdict verdict) {
    return switch (verdict) {
      case CardVerdict.Trusted t -> ok("card.trusted");
      case CardVerdict.Untrusted u -> no("card.untrusted");
      case CardVerdict.Expired e -> no("card.expired");
      case CardVerdict.NotYetValid n -> no("card.notYetValid");
      case CardVerdict.Revoked r -> no("card.revoked");
      case CardVerdict.BadSignature b -> no("card.badSignature");
    };
  }
}
