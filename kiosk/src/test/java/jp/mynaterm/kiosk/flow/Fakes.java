package jp.mynaterm.kiosk.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.protocol.event.UsageEvent;

/** Stand-ins for the kiosk's ports, each recording what the flow asked of it. */
public final class Fakes {
  private Fakes() {}

  public static final String CARD_ID = "GBEQN5U6FVVKY5FRNUQBPSCJVW";

  /** A fresh transaction journal in {@code dir} (a new file each call: the fake hub grants one code). */
  public static jp.mynaterm.kiosk.money.TransactionJournal journal(java.nio.file.Path dir) {
    try {
      return jp.mynaterm.kiosk.money.TransactionJournal.open(java.nio.file.Files.createTempFile(dir, "transactions", ".db"), Clock.systemUTC());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static final class Card implements KioskCard {
    public String pin = "1234";
    public int tries = 3;
    public boolean present = true;
    boolean myNumberCard = true;
    boolean notAccepted;
    public int verifyCalls;
    volatile int releases;
    final List<byte[]> signed = new ArrayList<>();
    char[] lastPinSeen;

    @Override
    public CardIdentity identify() throws CardProblem {
      check();
      if (!myNumberCard) throw new CardProblem(CardProblem.Kind.NOT_A_MY_NUMBER_CARD, "no JPKI AP");
      if (notAccepted) throw new CardProblem(CardProblem.Kind.NOT_ACCEPTED, "revoked");
      return new CardIdentity(new byte[] {0x30, (byte) 0x82, 1, 2}, new byte[] {0x30, (byte) 0x82, 3, 4}, CARD_ID);
    }

    @Override
    public int triesLeft() throws CardProblem {
      check();
      return tries;
    }

    @Override
    public PinCheck verifyPin(char[] given) throws CardProblem {
      check();
      verifyCalls++;
      lastPinSeen = given;
      if (tries == 0) return new PinCheck.Blocked();
      if (new String(given).equals(pin)) {
        tries = 3;
        return new PinCheck.Verified();
      }
      tries--;
      return tries == 0 ? new PinCheck.Blocked() : new PinCheck.Wrong(tries);
    }

    /**
     * The reader's own PIN pad, when not null: what the resident types on it, one entry per PIN asked
     * ({@value #PAD_CANCEL} for its Cancel key, {@value #PAD_TIMEOUT} for no key in time).
     */
    public java.util.concurrent.BlockingQueue<String> pad;
    public static final String PAD_CANCEL = "cancel";
    public static final String PAD_TIMEOUT = "timeout";

    @Override
    public boolean hasPinPad() throws CardProblem {
      check();
      return pad != null;
    }

    @Override
    public PinCheck verifyPinOnPad() throws CardProblem {
      check();
      String typed;
      try {
        typed = pad.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        typed = PAD_CANCEL;
      }
      return switch (typed) {
        case PAD_CANCEL -> new PinCheck.NotEntered(true);
        case PAD_TIMEOUT -> new PinCheck.NotEntered(false);
        default -> verifyPin(typed.toCharArray());
      };
    }

    @Override
    public byte[] sign(byte[] data) throws CardProblem {
      check();
      signed.add(data);
      return new byte[] {9, 9, 9};
    }

    @Override
    public void release() {
      releases++;
    }

    private void check() throws CardProblem {
      if (!present) throw new CardProblem(CardProblem.Kind.REMOVED, "card removed");
    }
  }

  public static final class Hub implements HubLink {
    public boolean reachableForChallenge = true;
    public boolean reachableForIssue = true;
    public String refuse;
    public final List<jp.mynaterm.protocol.message.RequestBody.Issuance> requests = new ArrayList<>();
    static final JsonNode DOCUMENT = JsonNodeFactory.instance.objectNode().put("title", "住民票の写し");

    /** A refusal the calendar gives before the card (weekdays-only, closed-day, …). */
    public String refuseChallenge;
    public int challenges;

    @Override
    public ChallengeAnswer challenge(String certificateType) throws HubUnavailable {
      if (!reachableForChallenge) throw new HubUnavailable("timeout");
      challenges++;
      if (refuseChallenge != null) return new IssueAnswer.Refused(refuseChallenge);
      return new ChallengeAnswer.Issued("Y2hhbGxlbmdl", 250);
    }

    @Override
    public IssueAnswer issue(jp.mynaterm.protocol.message.RequestBody.Issuance request) throws HubUnavailable {
      if (!reachableForIssue) throw new HubUnavailable("timeout");
      requests.add(request);
      if (refuse != null) return new IssueAnswer.Refused(refuse);
      return new IssueAnswer.Granted(DOCUMENT, 250 * request.copies(), "ab".repeat(32), "c2ln", "K7Q2-M9XD-4HRT");
    }
  }

  public static final class Printer implements CertificatePrinter {
    public int failuresLeft;
    /** Copies that print before the failures start (0: they start at once). */
    public int goodCopiesFirst;
    /** The failures are jams after the sheet went in. */
    public boolean jams;
    public final List<JsonNode> printed = new ArrayList<>();

    @Override
    public void print(JsonNode document, int copy, int copies) throws PrintProblem {
      if (goodCopiesFirst > 0) {
        goodCopiesFirst--;
      } else if (failuresLeft > 0) {
        failuresLeft--;
        throw new PrintProblem(jams ? "jammed after sending" : "paper out", jams);
      }
      printed.add(document);
    }
  }

  public static final class Recorder implements UsageRecorder {
    public final List<UsageEvent> events = new ArrayList<>();
    boolean full;

    @Override
    public void record(UsageEvent event) throws RecorderFull {
      if (full) throw new RecorderFull("outbox full");
      events.add(event);
    }

    List<Class<?>> kinds() {
      return events.stream().<Class<?>>map(Object::getClass).toList();
    }
  }

  /** A clock the test moves. */
  public static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-24T01:00:00Z");

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
