package jp.mynaterm.protocol.card;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The revoked user-authentication certificate serials a terminal or the hub checks against.
 *
 * <p>Serials that fit in 63 bits (all JPKI serials seen so far) live in one sorted {@code long[]}:
 * 8 bytes a serial, so 10^6 serials take 8 MB, and a lookup is a binary search of about 20 steps
 * (well under a microsecond; {@code ./mynaterm bench revocation} measures it against a
 * {@code HashSet}). Longer serials go to a small hash set. The contents are an immutable snapshot
 * swapped atomically: readers never lock, and a bad list or CRL leaves the previous contents in place.
 */
public final class RevocationStore {
  private record Contents(long[] sorted, Set<BigInteger> wide) {
    static final Contents EMPTY = new Contents(new long[0], Set.of());

    int size() {
      return sorted.length + wide.size();
    }
  }

  private volatile Contents contents = Contents.EMPTY;

  public boolean isRevoked(BigInteger serial) {
    Contents c = contents;
    if (serial.signum() >= 0 && serial.bitLength() <= 63) {
      return Arrays.binarySearch(c.sorted, serial.longValue()) >= 0;
    }
    return c.wide.contains(serial);
  }

  public boolean isRevoked(X509Certificate certificate) {
    return isRevoked(certificate.getSerialNumber());
  }

  /** @throws IllegalArgumentException when {@code hexSerial} is not a serial */
  public boolean isRevoked(String hexSerial) {
    return isRevoked(Serials.parseHex(hexSerial));
  }

  public int size() {
    return contents.size();
  }

  /**
   * Replaces the whole contents with these hex serials (a snapshot from the hub, a list file).
   *
   * @throws IllegalArgumentException naming the first bad serial; the store is then unchanged
   */
  public void replaceAll(Iterable<String> hexSerials) {
    Builder b = new Builder();
    for (String s : hexSerials) b.addHex(s);
    contents = b.build();
  }

  /** Replaces the contents with the serials of a CRL, after checking its signature when a key is given. */
  public void replaceAll(X509CRL crl, PublicKey issuerKey) throws GeneralSecurityException {
    if (issuerKey != null) crl.verify(issuerKey);
    Builder b = new Builder();
    Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
    if (entries != null) entries.forEach(e -> b.add(e.getSerialNumber()));
    contents = b.build();
  }

  /**
   * Applies a delta: {@code added} become revoked, {@code removed} no longer are (a certificate put on
   * hold and released). One merge of sorted arrays, so a batch of any size costs one pass.
   *
   * @throws IllegalArgumentException naming the first bad serial; the store is then unchanged
   */
  public void apply(Collection<String> added, Collection<String> removed) {
    Builder add = new Builder();
    added.forEach(add::addHex);
    Builder remove = new Builder();
    removed.forEach(remove::addHex);
    Contents a = add.build();
    Contents r = remove.build();
    synchronized (this) {
      Contents c = contents;
      long[] merged = mergeMinus(c.sorted, a.sorted, r.sorted);
      Set<BigInteger> wide = new HashSet<>(c.wide);
      wide.addAll(a.wide);
      wide.removeAll(r.wide);
      contents = new Contents(merged, Set.copyOf(wide));
    }
  }

  /**
   * Loads a file: a DER or PEM CRL (its signature checked when {@code crlIssuerKey} is given), or a
   * text list with one hex serial a line ('#' starts a comment).
   *
   * @throws IOException when the file cannot be read or is neither form, with the line at fault
   */
  public void load(Path file, PublicKey crlIssuerKey) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
    // DER: a SEQUENCE with a long-form length (any signed CRL is over 127 bytes); text never has that.
    boolean der = bytes.length > 2 && bytes[0] == 0x30 && (bytes[1] & 0xFF) >= 0x81 && (bytes[1] & 0xFF) <= 0x84;
    if (der || head.startsWith("-----BEGIN X509 CRL")) {
      try (InputStream in = Files.newInputStream(file)) {
        replaceAll((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in), crlIssuerKey);
      } catch (GeneralSecurityException e) {
        throw new IOException(file + ": not a valid CRL (" + e.getMessage() + ")", e);
      }
      return;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Builder b = new Builder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      if (hash >= 0) line = line.substring(0, hash);
      if (line.isBlank()) continue;
      try {
        b.add(Serials.parseHex(line));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    contents = b.build();
  }

  private static BigInteger parse(String hex) {
    if (hex == null) throw new IllegalArgumentException("a serial is missing (null)");
    return Serials.parseHex(hex);
  }

  /** (base ∪ add) \ remove, all sorted without duplicates. */
  private static long[] mergeMinus(long[] base, long[] add, long[] remove) {
    long[] out = new long[base.length + add.length];
    int i = 0, j = 0, k = 0, n = 0;
    while (i < base.length || j < add.length) {
      long next;
      if (j >= add.length || (i < base.length && base[i] < add[j])) {
        next = base[i++];
      } else if (i >= base.length || add[j] < base[i]) {
        next = add[j++];
      } else {
        next = base[i++];
        j++;
      }
      while (k < remove.length && remove[k] < next) k++;
      if (k < remove.length && remove[k] == next) continue;
      out[n++] = next;
    }
    return Arrays.copyOf(out, n);
  }

  /** Collects serials into a growable array, then sorts and removes duplicates once. */
  private static final class Builder {
    private long[] values = new long[1024];
    private int count;
    private final Set<BigInteger> wide = new HashSet<>();

    /** Plain hex of up to 15 digits (every 63-bit serial but the largest) skips BigInteger. */
    void addHex(String hex) {
      if (hex != null && !hex.isEmpty() && hex.length() <= 15 && Character.digit(hex.charAt(0), 16) >= 0) {
        try {
          long v = Long.parseLong(hex, 16);
          if (count == values.length) values = Arrays.copyOf(values, count * 2);
          values[count++] = v;
          return;
        } catch (NumberFormatException e) {
          // not plain hex: the general parser below names the problem
        }
      }
      add(parse(hex));
    }

    void add(BigInteger serial) {
      if (serial.signum() >= 0 && serial.bitLength() <= 63) {
        if (count == values.length) values = Arrays.copyOf(values, count * 2);
        values[count++] = serial.longValue();
      } else {
        wide.add(serial);
      }
    }

    Contents build() {
      long[] v = Arrays.copyOf(values, count);
      Arrays.sort(v);
      int n = 0;
      for (int i = 0; i < v.length; i++) {
        if (n == 0 || v[i] != v[n - 1]) v[n++] = v[i];
      }
      return new Contents(Arrays.copyOf(v, n), Set.copyOf(wide));
    }
  }
}
