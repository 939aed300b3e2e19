package jp.mynaterm.hardware.card.apdu;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What may leave the process for a card, as an allow-list: exactly the commands and files this
 * software uses, byte for byte in their short form; everything else is refused. A deny-list keyed on
 * the instruction let encodings through that the card reads differently from the host (an
 * extended-length SELECT {@code 00 A4 02 0C 00 00 02 00 01} reaches EF 0001, the My Number); an
 * allow-list has no such gap.
 *
 * <p>Allowed, and nothing else:
 * <ul>
 *   <li>{@code 00 A4 04 0C 0A <AID>} for the JPKI AP and the text input support AP;
 *   <li>{@code 00 A4 02 0C 02 <EF>} for the files of the selected AP this software uses: JPKI
 *       {@code 000A 000B 0017 0018}; text AP {@code 0011 0002}. Never the text AP's {@code 0001} (the
 *       My Number) nor {@code 0003} (a plain SHA-256 of it: with about 10^11 possible numbers it is
 *       reversed in seconds, so it counts as the number);
 *   <li>{@code 00 B0 P1 P2 Le} (15-bit offset, no short EF identifier) with a readable file selected;
 *   <li>{@code 00 20 00 80} and {@code 00 20 00 80 04 <4 bytes>} with a PIN file selected;
 *   <li>{@code 80 2A 00 80 Lc <DigestInfo> 00} with the key file selected;
 *   <li>{@code 00 C0 00 00 Le} (GET RESPONSE: only the rest of an allowed command's answer).
 * </ul>
 *
 * <p>One guard per connection: it follows which AP and EF the card has selected, from the commands it
 * let through and the card's answers ({@link #answered}). {@link ApduChannel} applies it to every
 * command, at the one place APDUs leave the process.
 */
public final class MyNumberGuard {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final byte[] JPKI_AID = HEX.parseHex("D392F000260100000001");
  private static final byte[] TEXT_AID = HEX.parseHex("D3921000310001010408");

  private enum Use { READ, PIN, KEY }

  /** Per AP, the files this software selects and what it does with each. */
  private record Ap(String name, byte[] aid, Map<Integer, Use> files) {}

  private static final Ap JPKI = new Ap("JPKI AP", JPKI_AID,
      Map.of(0x000A, Use.READ, 0x000B, Use.READ, 0x0017, Use.KEY, 0x0018, Use.PIN));
  private static final Ap TEXT = new Ap("text AP", TEXT_AID, Map.of(0x0011, Use.PIN, 0x0002, Use.READ));
  private static final Set<Ap> APS = Set.of(JPKI, TEXT);

  private Ap selectedAp;
  private Use selectedEf;

  /** Empty when {@code apdu} may be sent now; otherwise why not. */
  public synchronized Optional<String> check(byte[] apdu) {
    if (apdu.length < 4) return refuse(apdu, "too short");
    int cla = apdu[0] & 0xFF;
    int ins = apdu[1] & 0xFF;
    int p1 = apdu[2] & 0xFF;
    int p2 = apdu[3] & 0xFF;
    if (ins == 0xC0) {
      return cla == 0x00 && p1 == 0 && p2 == 0 && apdu.length == 5 ? Optional.empty() : refuse(apdu, "not a plain GET RESPONSE");
    }
    if (ins == 0x2A) {
      boolean shape = cla == 0x80 && p1 == 0x00 && p2 == 0x80 && apdu.length >= 7 && (apdu[4] & 0xFF) != 0
          && apdu.length == 6 + (apdu[4] & 0xFF) && apdu[apdu.length - 1] == 0;
      if (!shape) return refuse(apdu, "not the JPKI SIGN form");
      return selectedEf == Use.KEY ? Optional.empty() : refuse(apdu, "SIGN without the key file selected");
    }
    if (cla != 0x00) return refuse(apdu, "class byte " + String.format("%02X", cla));
    return switch (ins) {
      case 0xA4 -> checkSelect(apdu, p1, p2);
      case 0xB0 -> apdu.length == 5 && (p1 & 0x80) == 0
          ? (selectedEf == Use.READ ? Optional.empty() : refuse(apdu, "READ BINARY without a readable file selected"))
          : refuse(apdu, "not a short READ BINARY by offset");
      case 0x20 -> p1 == 0x00 && p2 == 0x80 && (apdu.length == 4 || (apdu.length == 9 && apdu[4] == 4))
          ? (selectedEf == Use.PIN ? Optional.empty() : refuse(apdu, "VERIFY without a PIN file selected"))
          : refuse(apdu, "not a VERIFY of a 4-digit PIN");
      default -> refuse(apdu, "an instruction this software does not use");
    };
  }

  private Optional<String> checkSelect(byte[] apdu, int p1, int p2) {
    if (p1 == 0x04 && p2 == 0x0C && apdu.length == 15 && apdu[4] == 0x0A) {
      byte[] aid = Arrays.copyOfRange(apdu, 5, 15);
      for (Ap ap : APS) if (Arrays.equals(ap.aid(), aid)) return Optional.empty();
      return refuse(apdu, "an application this software does not use");
    }
    if (p1 == 0x02 && p2 == 0x0C && apdu.length == 7 && apdu[4] == 0x02) {
      int ef = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
      if (selectedAp == TEXT && ef == 0x0001) return Optional.of("EF 0001 of the text AP (the My Number) is never selected");
      if (selectedAp == TEXT && ef == 0x0003) return Optional.of("EF 0003 of the text AP (a digest of the My Number) is never selected");
      if (selectedAp == null) return refuse(apdu, "SELECT EF without an application selected");
      if (!selectedAp.files().containsKey(ef)) return refuse(apdu, String.format("EF %04X of the %s is not used", ef, selectedAp.name()));
      return Optional.empty();
    }
    return refuse(apdu, "not a SELECT by AID or by EF id with P2 0C");
  }

  /**
   * The card answered {@code apdu} (which this guard let through) with {@code sw}: follows the selection.
   * A failed SELECT leaves the card's selection undefined as far as the guard knows, so it allows less.
   */
  public synchronized void answered(byte[] apdu, int sw) {
    if (apdu.length < 5 || (apdu[1] & 0xFF) != 0xA4) return;
    boolean ok = sw == Response.OK;
    if ((apdu[2] & 0xFF) == 0x04) {
      selectedAp = null;
      selectedEf = null;
      if (ok) {
        byte[] aid = Arrays.copyOfRange(apdu, 5, apdu.length);
        for (Ap ap : APS) if (Arrays.equals(ap.aid(), aid)) selectedAp = ap;
      }
    } else {
      selectedEf = ok && selectedAp != null ? selectedAp.files().get(((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF)) : null;
    }
  }

  private static Optional<String> refuse(byte[] apdu, String why) {
    // The header and length only: a VERIFY's data is a PIN.
    return Optional.of("command " + HEX.formatHex(apdu, 0, Math.min(apdu.length, 4)) + " (" + apdu.length
        + " bytes) is not one this software sends: " + why);
  }
}
