package jp.mynaterm.hardware.card.pcsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.ApduChannel;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;

/** The PC/SC readers pcscd knows, and connecting to the card in one. */
public final class Readers {
  /** A reader and whether a card sits in it. */
  public record Reader(String name, boolean cardPresent) {}

  private Readers() {}

  /** A fresh PC/SC context: after pcscd restarts, an old one only answers "no service". */
  static TerminalFactory factory() throws CardException {
    PcscLibrary.ensureConfigured();
    try {
      return TerminalFactory.getInstance("PC/SC", null);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new CardException("PC/SC is not available in this JVM: " + e.getMessage());
    }
  }

  /** The readers now present; empty when there are none. */
  public static CardResult<List<Reader>> list() {
    try {
      List<Reader> out = new ArrayList<>();
      for (CardTerminal t : terminals(factory())) out.add(new Reader(t.getName(), t.isCardPresent()));
      return CardResult.ok(out);
    } catch (CardException | RuntimeException e) {
      return CardResult.failed(new CardProblem.ReaderUnavailable(explain(e)));
    }
  }

  static List<CardTerminal> terminals(TerminalFactory factory) throws CardException {
    try {
      return factory.terminals().list();
    } catch (CardException e) {
      // pcsc-lite answers "no readers" with an error code; that is an empty list, not a failure.
      if (String.valueOf(e.getMessage()).contains("SCARD_E_NO_READERS_AVAILABLE")
          || (e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("SCARD_E_NO_READERS_AVAILABLE"))) {
        return List.of();
      }
      throw e;
    }
  }

  /**
   * Connects to the card in the reader whose name contains {@code readerName} (or, when null, the
   * first reader with a card).
   */
  public static CardResult<MyNumberCard> connect(String readerName, Duration commandTimeout) {
    return connect(readerName, commandTimeout, channel -> channel);
  }

  /**
   * As {@link #connect(String, Duration)}, with the card's channel wrapped first (a benchmark records
   * the commands a flow sends this way, to replay them bare).
   */
  public static CardResult<MyNumberCard> connect(String readerName, Duration commandTimeout, java.util.function.UnaryOperator<javax.smartcardio.CardChannel> wrap) {
    return PcscActivity.during(() -> connectNow(readerName, commandTimeout, wrap));
  }

  private static CardResult<MyNumberCard> connectNow(String readerName, Duration commandTimeout, java.util.function.UnaryOperator<javax.smartcardio.CardChannel> wrap) {
    try {
      List<CardTerminal> all = terminals(factory());
      if (all.isEmpty()) return CardResult.failed(new CardProblem.ReaderUnavailable("no reader connected"));
      CardTerminal chosen = null;
      for (CardTerminal t : all) {
        if (readerName != null ? t.getName().contains(readerName) : t.isCardPresent()) {
          chosen = t;
          break;
        }
      }
      if (chosen == null) {
        return CardResult.failed(readerName != null
            ? new CardProblem.ReaderUnavailable("no reader named '" + readerName + "'")
            : new CardProblem.NoCard("any reader"));
      }
      if (!chosen.isCardPresent()) return CardResult.failed(new CardProblem.NoCard(chosen.getName()));
      Card card = chosen.connect("*");
      CardTerminal terminal = chosen;
      ApduChannel channel = new ApduChannel(wrap.apply(card.getBasicChannel()), commandTimeout, () -> stillPresent(terminal));
      return CardResult.ok(new MyNumberCard(chosen.getName(), card, channel));
    } catch (CardException | RuntimeException e) {
      String m = explain(e);
      if (m.contains("NO_SMARTCARD") || m.contains("REMOVED")) return CardResult.failed(new CardProblem.NoCard(String.valueOf(readerName)));
      return CardResult.failed(new CardProblem.ReaderUnavailable(m));
    }
  }

  /** pcscd polls some readers (vpcd every 400 ms), so a just-pulled card is given a moment to show. */
  private static boolean stillPresent(CardTerminal terminal) {
    try {
      return !terminal.waitForCardAbsent(1000);
    } catch (CardException e) {
      return false;
    }
  }

  static String explain(Exception e) {
    String m = e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) m = m + ": " + e.getCause().getMessage();
    if (m != null && m.contains("SCARD_E_NO_SERVICE")) return "pcscd is not running (SCARD_E_NO_SERVICE)";
    return m;
  }
}
