package jp.mynaterm.config;

/**
 * What a request left at the kiosk while the hub is down costs the resident, paid when staff fulfil it
 * (the kiosk cannot take money for a certificate the hub has not granted): the counter's fee per copy,
 * and postage on top when it is sent by post. Mino City's defaults: ¥300 a copy (the counter's fee;
 * the kiosk's ¥250 needs the hub) and ¥110 (a 定形郵便 letter up to 25 g).
 *
 * @param perCopyYen the counter's fee for one copy
 * @param postageYen added once when the resident chooses delivery by post
 */
public record RequestFeeSettings(Integer perCopyYen, Integer postageYen) {
  public static final RequestFeeSettings DEFAULT = new RequestFeeSettings(null, null);
  /** Above any certificate fee a city charges, and any letter's postage: a typo, not a price. */
  private static final int MAX_YEN = 10_000;

  public RequestFeeSettings {
    perCopyYen = yen("perCopyYen", Check.orDefault(perCopyYen, 300));
    postageYen = yen("postageYen", Check.orDefault(postageYen, 110));
  }

  private static int yen(String field, int value) {
    if (value < 0 || value > MAX_YEN) throw new InvalidValue(field, "must be yen from 0 to " + MAX_YEN + " (got " + value + ")");
    return value;
  }
}
