package jp.mynaterm.hardware.card.virtual;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.jpki.JpkiAp;
import jp.mynaterm.hardware.card.textap.BasicItemsCodec;
import jp.mynaterm.hardware.card.textap.TextAp;
import jp.mynaterm.protocol.io.AtomicFiles;

/**
 * A My Number card at the APDU level: the JPKI AP and the text input support AP with their EFs, PIN
 * counters that survive power cycles (3 tries, then blocked; across process restarts too when made
 * by {@link #persistentForResident}), the status words a real card gives (READ BINARY past the end
 * {@code 67 00}, VERIFY with other P1/P2 {@code 6A 86}), no signature certificate for a resident
 * under 15 (EF 0008 says so), and RSA-2048 signing. Transports ({@link InProcessCard}, {@link VpcdClient}) feed it command APDUs.
 *
 * <p>It counts selections of the text AP's EF 0001 so tests can prove the host never asks for it.
 */
public final class VirtualMyNumberCard {
  private static final int SW_OK = 0x9000;

  private sealed interface Ef {}

  /** A transparent EF; {@code readPin} is the PIN EF that must be verified first, or 0 for free reading. */
  private record Binary(byte[] content, int readPin) implements Ef {}

  private static final class Pin implements Ef {
    final byte[] value;
    final int maxTries;
    int left;

    Pin(String value, int maxTries) {
      this.value = value.getBytes(StandardCharsets.US_ASCII);
      this.maxTries = maxTries;
      this.left = maxTries;
    }
  }

  private record Key(PrivateKey key, int pin) implements Ef {}

  private record Df(String name, byte[] aid, Map<Integer, Ef> files) {}

  private final Resident resident;
  private final CardMaterial material;
  /** Where the PIN counters are kept across restarts of the card's process; null: in memory only. */
  private final Path counters;
  private final Df[] dfs;
  private final VirtualCardFaults faults = new VirtualCardFaults();
  private final AtomicInteger myNumberSelections = new AtomicInteger();
  private final AtomicInteger commands = new AtomicInteger();

  // Session state: cleared on power-up, reset and when another DF is selected.
  private Df currentDf;
  private Integer currentEf;
  private final Set<Integer> verified = new HashSet<>();
  private byte[] pending;

  public VirtualMyNumberCard(Resident resident, CardMaterial material, String pin, VirtualCardPki pki) {
    this(resident, material, pin, pki, null);
  }

  private VirtualMyNumberCard(Resident resident, CardMaterial material, String pin, VirtualCardPki pki, Path counters) {
    if (pin == null || !pin.matches("[0-9]{4}")) throw new IllegalArgumentException("the virtual card's PIN must be 4 digits");
    this.resident = resident;
    this.material = material;
    this.counters = counters;
    try {
      Map<Integer, Ef> jpki = new HashMap<>();
      jpki.put(JpkiAp.USER_AUTH_CERTIFICATE, new Binary(material.userAuth().getEncoded(), 0));
      jpki.put(JpkiAp.USER_AUTH_CA_CERTIFICATE, new Binary(material.ca().getEncoded(), 0));
      jpki.put(JpkiAp.USER_AUTH_KEY, new Key(material.key(), JpkiAp.USER_AUTH_PIN));
      jpki.put(JpkiAp.USER_AUTH_PIN, new Pin(pin, 3));
      if (signatureCertificate(resident)) {
        // The signature certificate needs the signature password, which this card never gives out.
        jpki.put(0x0001, new Binary(material.userAuth().getEncoded(), 0x001B));
        jpki.put(0x0002, new Binary(material.ca().getEncoded(), 0));
        jpki.put(0x001B, new Pin("MYNATERMVIRTUAL", 5));
      }
      jpki.put(0x0006, new Binary(tokenInfo(), 0));
      // Which certificates the card holds: the first byte the signature certificate, the second the
      // user-authentication one (8F present, 00 absent).
      jpki.put(0x0008, new Binary(new byte[] {(byte) (signatureCertificate(resident) ? 0x8F : 0x00), (byte) 0x8F, 0x00}, 0));

      Map<Integer, Ef> text = new HashMap<>();
      byte[] myNumber = syntheticMyNumber(resident.id());
      byte[] basic = BasicItemsCodec.encode(resident.items());
      text.put(TextAp.PIN, new Pin(pin, 3));
      text.put(0x0001, new Binary(tlv(0xFF, 0x10, myNumber), TextAp.PIN));
      text.put(TextAp.BASIC_ITEMS, new Binary(withFiller(basic, 16), TextAp.PIN));
      text.put(0x0003, new Binary(digests(tlv(0xFF, 0x10, myNumber), basic, pki.textApSigningKey()), TextAp.PIN));
      this.dfs = new Df[] {new Df("JPKI AP", JpkiAp.AID, jpki), new Df("text AP", TextAp.AID, text)};
      loadCounters();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("virtual card material is unusable: " + e.getMessage(), e);
    }
  }

  /** Builds the card for a resident from the PKI in {@code pki}, issuing its material on first use; full PIN counters. */
  public static VirtualMyNumberCard forResident(VirtualCardPki pki, Resident resident, String pin) throws IOException {
    return new VirtualMyNumberCard(resident, pki.cardFor(resident), pin, pki);
  }

  /**
   * The resident's card as a card process ({@code card virtual}, {@code card tap}) plays it: its PIN
   * counters are kept beside its keys ({@code cards/<id>.pins}), so a card blocked stays blocked when
   * the process restarts, as a plastic card does.
   */
  public static VirtualMyNumberCard persistentForResident(VirtualCardPki pki, Resident resident, String pin) throws IOException {
    return new VirtualMyNumberCard(resident, pki.cardFor(resident), pin, pki, pki.directory().resolve("cards").resolve(resident.id() + ".pins"));
  }

  /** A resident under 15 on the day the card is made has no signature certificate (署名用電子証明書). */
  static boolean signatureCertificate(Resident resident) {
    return !resident.items().birthDate().plusYears(15).isAfter(LocalDate.now());
  }

  /** Counters from the file, as {@code AP-EF=left} lines; a missing or unreadable line leaves the full count. */
  private void loadCounters() {
    if (counters == null || !Files.exists(counters)) return;
    try {
      for (String line : Files.readAllLines(counters, StandardCharsets.US_ASCII)) {
        String[] kv = line.split("=");
        if (kv.length != 2) continue;
        for (Df df : dfs) {
          for (var e : df.files().entrySet()) {
            if (e.getValue() instanceof Pin pin && kv[0].equals(counterKey(df, e.getKey()))) {
              pin.left = Math.max(0, Math.min(pin.maxTries, Integer.parseInt(kv[1].strip())));
            }
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("the virtual card's PIN counters in " + counters + " are unreadable: " + e.getMessage(), e);
    }
  }

  private void saveCounters() {
    if (counters == null) return;
    StringBuilder b = new StringBuilder();
    for (Df df : dfs) {
      for (var e : df.files().entrySet()) {
        if (e.getValue() instanceof Pin pin) b.append(counterKey(df, e.getKey())).append('=').append(pin.left).append('\n');
      }
    }
    try {
      AtomicFiles.write(counters, b.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("the virtual card's PIN counters cannot be kept in " + counters, e);
    }
  }

  private static String counterKey(Df df, int ef) {
    return HexFormat.of().withUpperCase().formatHex(df.aid()) + "-" + String.format("%04X", ef);
  }

  public byte[] atr() {
    return MyNumberCard.ATR.clone();
  }

  public Resident resident() {
    return resident;
  }

  public CardMaterial material() {
    return material;
  }

  public VirtualCardFaults faults() {
    return faults;
  }

  /** How often the text AP's EF 0001 (the My Number) was selected: must stay 0. */
  public int myNumberSelections() {
    return myNumberSelections.get();
  }

  /** Commands processed so far (all transports). */
  public int commandCount() {
    return commands.get();
  }

  /** The connection holding the card exclusively (the in-process stand-in for a PC/SC transaction), or null. */
  private final java.util.concurrent.atomic.AtomicReference<Object> exclusiveHolder = new java.util.concurrent.atomic.AtomicReference<>();

  /** {@code connection} holds the card alone until {@link #endExclusive}; false when another holds it. */
  public boolean beginExclusive(Object connection) {
    return exclusiveHolder.compareAndSet(null, connection) || exclusiveHolder.get() == connection;
  }

  public void endExclusive(Object connection) {
    exclusiveHolder.compareAndSet(connection, null);
  }

  /** Another connection than {@code connection} holds the card: its commands are refused. */
  public boolean heldByAnother(Object connection) {
    Object holder = exclusiveHolder.get();
    return holder != null && holder != connection;
  }

  /** Put on a reader: reset, and no earlier connection holds it any more. */
  public void powerUp() {
    exclusiveHolder.set(null);
    reset();
  }

  /** Power-up or reset: security state and selection are gone, PIN counters stay. */
  public synchronized void reset() {
    currentDf = null;
    currentEf = null;
    verified.clear();
    pending = null;
  }

  /**
   * Processes one command APDU and returns the response APDU (data + SW1 SW2).
   *
   * @throws CardPulledException when the "pulled" fault fires during this command
   */
  public byte[] process(byte[] apdu) {
    if (faults.pullNow()) {
      reset();
      throw new CardPulledException();
    }
    java.time.Duration delay = faults.delay();
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    commands.incrementAndGet();
    byte[] canned = faults.nextCanned();
    if (canned != null) return canned;
    synchronized (this) {
      return answer(apdu);
    }
  }

  private byte[] answer(byte[] apdu) {
    if (apdu.length < 4) return sw(0x6700);
    int cla = apdu[0] & 0xFF;
    int ins = apdu[1] & 0xFF;
    int p1 = apdu[2] & 0xFF;
    int p2 = apdu[3] & 0xFF;
    byte[] data = new byte[0];
    int le = -1;
    if (apdu.length == 5) {
      le = apdu[4] == 0 ? 256 : apdu[4] & 0xFF;
    } else if (apdu.length > 5) {
      int lc = apdu[4] & 0xFF;
      if (lc == 0 || apdu.length < 5 + lc || apdu.length > 6 + lc) return sw(0x6700); // no extended APDUs
      data = Arrays.copyOfRange(apdu, 5, 5 + lc);
      if (apdu.length == 6 + lc) le = apdu[5 + lc] == 0 ? 256 : apdu[5 + lc] & 0xFF;
    }
    if (cla != 0x00 && cla != 0x80) return sw(0x6E00);
    // GET RESPONSE is inter-industry: class 00 only, whatever the class of the command before it.
    if (ins == 0xC0 && cla != 0x00) return sw(0x6E00);
    if (ins != 0xC0) pending = null;
    return switch (ins) {
      case 0xA4 -> select(p1, data);
      case 0xB0 -> readBinary(p1, p2, le);
      case 0x20 -> p1 == 0x00 && p2 == 0x80 ? verify(data) : sw(0x6A86);
      case 0x2A -> cla == 0x80 && p1 == 0x00 && p2 == 0x80 ? sign(data) : sw(0x6A86);
      case 0xC0 -> getResponse(le);
      default -> sw(0x6D00);
    };
  }

  private byte[] select(int p1, byte[] data) {
    if (p1 == 0x04) {
      for (Df df : dfs) {
        if (Arrays.equals(df.aid(), data)) {
          if (currentDf != df) verified.clear();
          currentDf = df;
          currentEf = null;
          return sw(SW_OK);
        }
      }
      return sw(0x6A82);
    }
    if (p1 != 0x02 && p1 != 0x00) return sw(0x6A86);
    if (data.length != 2) return sw(0x6700);
    if (currentDf == null) return sw(0x6A82);
    int fid = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    if (!currentDf.files().containsKey(fid)) return sw(0x6A82);
    if (fid == 0x0001 && Arrays.equals(currentDf.aid(), TextAp.AID)) myNumberSelections.incrementAndGet();
    currentEf = fid;
    return sw(SW_OK);
  }

  private byte[] readBinary(int p1, int p2, int le) {
    if ((p1 & 0x80) != 0) return sw(0x6A86); // short EF identifiers are not offered
    if (currentEf == null) return sw(0x6986);
    if (!(currentDf.files().get(currentEf) instanceof Binary b)) return sw(0x6981);
    if (b.readPin() != 0 && !verified.contains(b.readPin())) return sw(0x6982);
    int offset = (p1 << 8) | p2;
    if (offset >= b.content().length) return sw(0x6B00);
    int want = le < 0 ? 256 : le;
    int available = b.content().length - offset;
    if (want > available) {
      // Past the end: an error, as the card gives (T=0 style: the length there is).
      return faults.t0Style() ? sw(0x6C00 | available & 0xFF) : sw(0x6700);
    }
    return answerWithData(Arrays.copyOfRange(b.content(), offset, offset + want));
  }

  private byte[] verify(byte[] data) {
    if (currentEf == null) return sw(0x6986);
    if (!(currentDf.files().get(currentEf) instanceof Pin pin)) return sw(0x6981);
    if (data.length == 0) {
      if (verified.contains(currentEf)) return sw(SW_OK);
      return sw(0x63C0 | pin.left);
    }
    if (pin.left == 0) return sw(0x6983);
    if (MessageDigest.isEqual(pin.value, data)) {
      if (pin.left != pin.maxTries) {
        pin.left = pin.maxTries;
        saveCounters();
      }
      verified.add(currentEf);
      return sw(SW_OK);
    }
    pin.left--;
    saveCounters();
    verified.remove(currentEf);
    return sw(0x63C0 | pin.left);
  }

  private byte[] sign(byte[] digestInfo) {
    if (currentEf == null) return sw(0x6986);
    if (!(currentDf.files().get(currentEf) instanceof Key key)) return sw(0x6981);
    if (!verified.contains(key.pin())) return sw(0x6982);
    if (digestInfo.length == 0 || digestInfo.length > 245) return sw(0x6700);
    try {
      // NONEwithRSA: PKCS#1 v1.5 type 1 padding around exactly the bytes given, as the card does.
      Signature s = Signature.getInstance("NONEwithRSA");
      s.initSign(key.key());
      s.update(digestInfo);
      byte[] signature = s.sign();
      if (faults.t0Style()) {
        pending = signature;
        return sw(0x6100); // 256 bytes waiting
      }
      return answerWithData(signature);
    } catch (GeneralSecurityException e) {
      return sw(0x6F00);
    }
  }

  /**
   * Data and 90 00, or, in the GET RESPONSE mode, {@code 61 00} with the data held back: the card
   * does not say how much waits, and a GET RESPONSE for 256 bytes of a shorter answer gets {@code 6C xx}.
   */
  private byte[] answerWithData(byte[] data) {
    if (!faults.getResponseForAll()) return withSw(data, SW_OK);
    pending = data;
    return sw(0x6100);
  }

  private byte[] getResponse(int le) {
    if (pending == null) return sw(0x6985);
    if (faults.getResponseForAll() && le > pending.length) return sw(0x6C00 | pending.length & 0xFF); // asked for more than waits
    int n = Math.min(le < 0 ? 256 : le, pending.length);
    byte[] out = Arrays.copyOf(pending, n);
    byte[] rest = Arrays.copyOfRange(pending, n, pending.length);
    pending = rest.length == 0 ? null : rest;
    return withSw(out, rest.length == 0 ? SW_OK : 0x6100 | Math.min(rest.length, 256) & 0xFF);
  }

  private static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >> 8), (byte) sw};
  }

  private static byte[] withSw(byte[] data, int sw) {
    byte[] out = Arrays.copyOf(data, data.length + 2);
    out[data.length] = (byte) (sw >> 8);
    out[data.length + 1] = (byte) sw;
    return out;
  }

  private static byte[] tokenInfo() {
    byte[] t = new byte[32];
    Arrays.fill(t, (byte) ' ');
    byte[] name = "JPKIAPICCTOKEN2".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, t, 0, name.length);
    return t;
  }

  /** Twelve digits that are clearly not anyone's number (starts with 99, derived from the resident id). */
  private static byte[] syntheticMyNumber(String residentId) {
    String digits = String.format("%010d", Math.floorMod(residentId.hashCode(), 1_000_000_000L));
    return ("99" + digits).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] tlv(int tag1, int tag2, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag1);
    out.write(tag2);
    out.write(value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] withFiller(byte[] content, int filler) {
    byte[] out = Arrays.copyOf(content, content.length + filler);
    Arrays.fill(out, content.length, out.length, (byte) 0xFF);
    return out;
  }

  /** EF 0003: SEQUENCE { OCTET STRING sha256(0001), OCTET STRING sha256(0002), BIT STRING signature }. */
  private static byte[] digests(byte[] ef0001, byte[] ef0002, PrivateKey apKey) throws GeneralSecurityException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] d1 = sha.digest(ef0001);
    byte[] d2 = sha.digest(ef0002);
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(apKey);
    s.update(d1);
    s.update(d2);
    byte[] sig = s.sign();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x04, 0x20});
    body.writeBytes(d1);
    body.writeBytes(new byte[] {0x04, 0x20});
    body.writeBytes(d2);
    body.writeBytes(new byte[] {0x03, (byte) 0x82, (byte) ((sig.length + 1) >> 8), (byte) (sig.length + 1), 0x00});
    body.writeBytes(sig);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x30, (byte) 0x82, (byte) (body.size() >> 8), (byte) body.size()});
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }
}
