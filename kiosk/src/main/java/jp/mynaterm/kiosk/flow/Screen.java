package jp.mynaterm.kiosk.flow;

/**
 * What the kiosk shows now. The page renders each from message bundles; {@link #instruction()} is
 * the message key spoken when speech is on (and at key moments: take your card, take your
 * certificate).
 */
public sealed interface Screen {
  String instruction();

  /** Whether the inactivity timer runs here (not while paying or printing, which the kiosk drives). */
  default boolean waitsForResident() {
    return true;
  }

  record ChooseLanguage() implements Screen {
    public String instruction() {
      return "lang.prompt";
    }
  }

  record ChooseType() implements Screen {
    public String instruction() {
      return "type.prompt";
    }
  }

  record ChooseOptions(String certificateType) implements Screen {
    public String instruction() {
      return "options.prompt";
    }
  }

  record InsertCard() implements Screen {
    public String instruction() {
      return "card.prompt";
    }
  }

  /**
   * @param triesLeft shown before each attempt
   * @param wasWrong the previous attempt was wrong
   * @param offline the PIN is for a request left while the hub is unreachable
   */
  record EnterPin(int triesLeft, boolean wasWrong, boolean offline) implements Screen {
    public boolean lastTry() {
      return triesLeft == 1;
    }

    public String instruction() {
      return lastTry() ? "pin.lastTry" : "pin.prompt";
    }
  }

  record Working(String messageKey) implements Screen {
    public String instruction() {
      return messageKey;
    }

    public boolean waitsForResident() {
      return false;
    }
  }

  record Fee(int feeYen, int copies) implements Screen {
    public String instruction() {
      return "fee.show";
    }
  }

  record Paying() implements Screen {
    public String instruction() {
      return "pay.prompt";
    }

    public boolean waitsForResident() {
      return false;
    }
  }

  /** Printing; the card is no longer needed, so the resident is asked to take it now. */
  record PrintingTakeCard() implements Screen {
    public String instruction() {
      return "print.takeCard";
    }

    public boolean waitsForResident() {
      return false;
    }
  }

  record TakeCertificate() implements Screen {
    public String instruction() {
      return "print.takeCertificate";
    }
  }

  record Done() implements Screen {
    public String instruction() {
      return "done.thanks";
    }
  }

  /** @param code the hub's refusal code; the message is {@code refused.<code>} */
  record Refused(String code) implements Screen {
    public String instruction() {
      return "refused." + code;
    }
  }

  record PinBlocked() implements Screen {
    public String instruction() {
      return "pin.blocked";
    }
  }

  record CardUnusable() implements Screen {
    public String instruction() {
      return "card.notMyNumber";
    }
  }

  record CardRemoved() implements Screen {
    public String instruction() {
      return "card.removed";
    }
  }

  /** The hub cannot be reached: the kiosk says so and offers a card-signed request. */
  record HubDown() implements Screen {
    public String instruction() {
      return "hub.down.offer";
    }
  }

  record Queued(String requestId) implements Screen {
    public String instruction() {
      return "hub.down.queued";
    }
  }

  /** @param reason {@code declined}, {@code cancelled} or {@code unavailable}; nothing was charged */
  record PaymentFailed(String reason) implements Screen {
    public String instruction() {
      return reason.equals("unavailable") ? "pay.unavailable" : "pay.declined";
    }
  }

  record PrintFailed(int refundedYen) implements Screen {
    public String instruction() {
      return "print.failedRefunded";
    }
  }

  /** @param secondsLeft before the session is wiped; at least 20 when the warning appears */
  record TimeoutWarning(long secondsLeft) implements Screen {
    public String instruction() {
      return "timeout.warning";
    }
  }

  /** The kiosk cannot serve (e.g. its outbox is full): staff are needed. */
  record Fault(String detail) implements Screen {
    public String instruction() {
      return "common.callStaff";
    }
  }
}
