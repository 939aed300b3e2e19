package jp.mynaterm.cli.card;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pcsc.Readers;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.Serials;
import jp.mynaterm.protocol.time.TerminalClock;
import jp.mynaterm.protocol.card.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that the card's holder is here: certificate chain, validity and revocation, then the PIN",
      "(read from the terminal, or one line of stdin) and a signature over a fresh challenge.",
      "The PIN is asked once and never retried; a warning is shown when one try is left."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:authenticated",
      "1:other card or reader trouble (timeout, malformed answer, unexpected status word)",
      "2:bad command line or trust anchors file",
      "3:no card (or no reader, or pcscd not running)",
      "4:wrong PIN",
      "5:PIN blocked",
      "6:certificate revoked",
      "7:untrusted (chain, validity period or signature does not verify)",
      "8:not a My Number card",
    })
final class CardAuthCommand implements Callable<Integer> {
  static final int NO_CARD = 3;
  static final int WRONG_PIN = 4;
  static final int PIN_BLOCKED = 5;
  static final int REVOKED = 6;
  static final int UNTRUSTED = 7;
  static final int NOT_MY_NUMBER_CARD = 8;

  @Mixin CardReaderOptions options;

  @Option(names = "--trust", paramLabel = "FILE", description = "PEM/DER trust anchors (default: the virtual cards' test root in var/cards).")
  Path trust;

  @Option(names = "--revoked", paramLabel = "FILE", description = "Revoked certificates: a DER/PEM CRL signed by a trust anchor, or one entry (issuer/serial, or a bare hex serial) a line.")
  Path revoked;

  @Override
  public Integer call() {
    TrustAnchors anchors = trustAnchors();
    CardVerifier verifier = new CardVerifier(anchors, revocationStore(anchors), options.cardIds(), TerminalClock.system());
    MyNumberCard card = options.connect();
    try {
      int tries = orFail(card.pinTriesLeft());
      if (tries == 0) return report(new HolderAuthentication.Outcome.CardFailed(new CardProblem.PinBlocked()));
      if (tries == 1) System.err.println("warning: 1 PIN try left - a wrong PIN now blocks the card / 残り1回です");
      var pad = card.pinPad();
      if (pad.isPresent()) {
        // A reader with a PIN pad (PC/SC part 10): the PIN is typed there and never reaches this host.
        System.err.println("type the PIN (4 digits) on the reader's keypad, then OK / カードリーダーのキーパッドで暗証番号を入力してください"
            + (tries > 0 ? " (" + tries + " tries left)" : ""));
        return report(new HolderAuthentication(verifier).authenticate(card, new jp.mynaterm.hardware.card.pinpad.PinEntry.OnReaderPad(pad.get())));
      }
      char[] pin = CardCommand.readPin("PIN (4 digits): ");
      try {
        return report(new HolderAuthentication(verifier).authenticate(card, pin));
      } finally {
        Arrays.fill(pin, '\0');
      }
    } finally {
      card.disconnect();
    }
  }

  private TrustAnchors trustAnchors() {
    Path file = trust != null ? Launch.resolve(trust) : Launch.virtualCardPki().resolve(VirtualCardPki.TRUST_ANCHORS);
    if (trust == null && !Files.exists(file)) {
      throw new CommandFailure(ExitCodes.USAGE, "no --trust given and no virtual card PKI at " + file + " (run `card virtual` once, or pass --trust FILE)");
    }
    try {
      return TrustAnchors.load(file);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--trust: " + e.getMessage());
    }
  }

  private RevocationStore revocationStore(TrustAnchors anchors) {
    RevocationStore store = new RevocationStore();
    if (revoked == null) return store;
    try {
      store.load(Launch.resolve(revoked), anchors.certificates());
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, "--revoked: " + e.getMessage());
    }
    return store;
  }

  private static int report(HolderAuthentication.Outcome outcome) {
    return switch (outcome) {
      case HolderAuthentication.Outcome.Authenticated a -> {
        System.out.println("authenticated: yes");
        System.out.println("cardId: " + a.cardId());
        System.out.println("cert.serial: " + Serials.toHex(a.certificate().serial()));
        yield ExitCodes.OK;
      }
      case HolderAuthentication.Outcome.Rejected r -> {
        System.out.println("authenticated: no");
        System.out.println("reason: " + r.verdict().describe());
        yield switch (r.verdict()) {
          case CardVerdict.Revoked v -> REVOKED;
          default -> UNTRUSTED;
        };
      }
      case HolderAuthentication.Outcome.CardFailed f -> {
        System.out.println("authenticated: no");
        System.out.println("reason: " + f.problem().describe());
        yield exitCodeFor(f.problem());
      }
    };
  }

  static int exitCodeFor(CardProblem p) {
    return switch (p) {
      case CardProblem.NoCard n -> NO_CARD;
      case CardProblem.ReaderUnavailable r -> NO_CARD;
      case CardProblem.CardRemoved r -> NO_CARD;
      case CardProblem.WrongPin w -> WRONG_PIN;
      case CardProblem.BadPinFormat b -> WRONG_PIN;
      case CardProblem.PinBlocked b -> PIN_BLOCKED;
      case CardProblem.NotMyNumberCard n -> NOT_MY_NUMBER_CARD;
      default -> ExitCodes.FAILURE;
    };
  }

  /** Connects or fails the command with the problem's exit code. */
  static MyNumberCard connect(String reader) {
    return orFail(Readers.ofThisJvm().connect(reader).map(MyNumberCard::new));
  }

  static <T> T orFail(CardResult<T> result) {
    return switch (result) {
      case CardResult.Ok<T> ok -> ok.value();
      case CardResult.Failed<T> f -> throw new CommandFailure(exitCodeFor(f.problem()), f.problem().describe());
    };
  }
}
