package jp.mynaterm.testsupport;

import java.util.Base64;
import java.util.Random;

/**
 * QR code contents the size of a household's signed paper (a version 23 code, 109 modules a side).
 * The first is one where the mask the QR standard's penalty rules pick gives a symbol ZXing's detector
 * misses at 3 to 6 pixels a module (it reads at 2): the case the kiosk's renderer avoids by choosing
 * another mask, and that a verifier must still read on papers printed before it did.
 */
public final class QrCodeSamples {
  private QrCodeSamples() {}

  /** {@code count} contents, the first the hard one; the same on every run. */
  public static String[] householdSized(int count) {
    Random random = new Random(35); // found by search: its first content is the hard one
    String[] contents = new String[count];
    for (int i = 0; i < count; i++) {
      byte[] fields = new byte[555];
      random.nextBytes(fields);
      contents[i] = "http://127.0.0.1:8080/verify/ABCD-EFGH-JKMN#" + Base64.getUrlEncoder().withoutPadding().encodeToString(fields);
    }
    return contents;
  }
}
