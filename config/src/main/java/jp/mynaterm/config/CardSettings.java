package jp.mynaterm.config;

/**
 * The terminal's card reader and how it recognises cards.
 *
 * @param reader the PC/SC reader name (or a unique part of it); empty means any reader
 * @param trustAnchors a PEM/DER file of the user-authentication CA certificates to trust; empty
 *     means the test PKI of the virtual card in the data directory (development and demo only)
 * @param cardIdKey the municipality's secret for deriving CardIds, hex or base64; the same on every
 *     terminal and the hub. Give it through MYNATERM_CARD_CARD_ID_KEY in production.
 */
public record CardSettings(String reader, String trustAnchors, String cardIdKey) {
  public static final CardSettings DEFAULT = new CardSettings(null, null, null);

  public CardSettings {
    reader = Check.orDefault(reader, "");
    trustAnchors = Check.orDefault(trustAnchors, "");
    cardIdKey = Check.orDefault(cardIdKey, "");
  }

  @Override
  public String toString() {
    return "CardSettings[reader=" + reader + ", trustAnchors=" + trustAnchors + ", cardIdKey=" + (cardIdKey.isEmpty() ? "none" : "***") + "]";
  }
}
