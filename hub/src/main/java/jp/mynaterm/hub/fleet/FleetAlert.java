package jp.mynaterm.hub.fleet;

/**
 * Something about a terminal that staff should look at, in Japanese and English.
 *
 * @param kind what rule raised it (its CSS class and the tests' handle)
 */
public record FleetAlert(String terminal, Kind kind, String ja, String en) {
  public enum Kind {
    OFFLINE("offline"),
    OUTBOX_GROWING("outbox-growing"),
    OUTBOX_STUCK("outbox-stuck"),
    STALE_LIST("stale-list"),
    PAPER("paper");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }
}
