package jp.mynaterm.hub.issuance;

/** Whether the rules let a resident have a certificate now, and at what fee. */
public sealed interface RuleDecision {
  record Allowed(int feeYen) implements RuleDecision {}

  /**
   * @param code a stable word the kiosk maps to a message in the resident's language
   * @param detail for staff and logs; never personal data
   */
  record Refused(Code code, String detail) implements RuleDecision {}

  /** Why not; each has a message on the kiosk that says what the resident can do instead. */
  enum Code {
    CLOSED_HOURS("closed-hours"),
    CLOSED_DAY("closed-day"),
    WEEKDAYS_ONLY("weekdays-only"),
    TYPE_UNAVAILABLE("type-unavailable"),
    TOO_YOUNG("too-young"),
    NOT_A_CURRENT_RESIDENT("not-current-resident"),
    NO_SEAL_REGISTERED("no-seal"),
    NO_TAX_RECORD("no-tax-record"),
    DOMICILE_ELSEWHERE("domicile-elsewhere"),
    TOO_MANY_COPIES("too-many-copies"),
    BAD_OPTION("bad-option");

    public final String key;

    Code(String key) {
      this.key = key;
    }
  }
}
