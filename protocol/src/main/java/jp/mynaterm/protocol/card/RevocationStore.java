package jp.mynaterm.protocol.card;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The revoked user-authentication certificates a terminal or the hub checks against, keyed by issuer
 * and serial ({@link CertificateKey}; entries written without an issuer match that serial of any).
 *
 * <p>Per issuer, serials that fit in 63 bits (all JPKI serials seen so far) live in one sorted
 * {@code long[]}: 8 bytes a serial, so 10^6 serials take 8 MB, and a lookup is a binary search of
 * about 20 steps (well under a microsecond; {@code ./mynaterm bench revocation} measures it against a
 * {@code HashSet}). Longer serials go to a small hash set. The contents are an immutable snapshot
 * swapped atomically: readers never lock, and a bad list or CRL leaves the previous contents in place.
 */
public final class RevocationStore {
  /** The serials of one issuer. */
  private record IssuerSerials(long[] sorted, Set<BigInteger> wide) {
    static final IssuerSerials EMPTY = new IssuerSerials(new long[0], Set.of());

    int size() {
      return sorted.length + wide.size();
    }

    boolean contains(BigInteger serial) {
      if (serial.signum() >= 0 && serial.bitLength() <= 63) return Arrays.binarySearch(sorted, serial.longValue()) >= 0;
      return wide.contains(serial);
    }
  }

  private volatile Map<String, IssuerSerials> byIssuer = Map.of();

  public boolean isRevoked(CertificateKey key) {
    Map<String, IssuerSerials> c = byIssuer;
    return c.getOrDefault(key.issuer(), IssuerSerials.EMPTY).contains(key.serial())
        || c.getOrDefault(CertificateKey.ANY_ISSUER, IssuerSerials.EMPTY).contains(key.serial());
  }

  public boolean isRevoked(X509Certificate certificate) {
    return isRevoked(CertificateKey.of(certificate));
  }

  /** @throws IllegalArgumentException when {@code entry} is not a revocation entry */
  public boolean isRevoked(String entry) {
    return isRevoked(CertificateKey.parse(entry));
  }

  public int size() {
    return byIssuer.values().stream().mapToInt(IssuerSerials::size).sum();
  }

  /**
   * Replaces the whole contents with these entries (a snapshot from the hub, a list file).
   *
   * @throws IllegalArgumentException naming the first bad entry; the store is then unchanged
   */
  public void replaceAll(Iterable<String> entries) {
    Builder b = new Builder();
    for (String s : entries) b.addEntry(s);
    byIssuer = b.build();
  }

  /**
   * Replaces the contents with the entries of a CRL, once its signature verifies with one of the CA
   * certificates {@code issuers} (its issuer name must be theirs). A CRL is never taken unchecked.
   *
   * @throws GeneralSecurityException when no issuer signed it
   */
  public void replaceAll(X509CRL crl, Collection<X509Certificate> issuers) throws GeneralSecurityException {
    byIssuer = build(Crls.verifiedEntries(crl, issuers));
  }

  private static Map<String, IssuerSerials> build(Collection<CertificateKey> keys) {
    Builder b = new Builder();
    keys.forEach(b::add);
    return b.build();
  }

  /**
   * Applies a delta: {@code added} become revoked, {@code removed} no longer are (a certificate put on
   * hold and released). One merge of sorted arrays per issuer, so a batch of any size costs one pass.
   *
   * @throws IllegalArgumentException naming the first bad entry; the store is then unchanged
   */
  public void apply(Collection<String> added, Collection<String> removed) {
    Builder add = new Builder();
    added.forEach(add::addEntry);
    Builder remove = new Builder();
    removed.forEach(remove::addEntry);
    Map<String, IssuerSerials> a = add.build();
    Map<String, IssuerSerials> r = remove.build();
    synchronized (this) {
      Map<String, IssuerSerials> next = new HashMap<>(byIssuer);
      Set<String> issuers = new HashSet<>(a.keySet());
      issuers.addAll(r.keySet());
      for (String issuer : issuers) {
        IssuerSerials c = next.getOrDefault(issuer, IssuerSerials.EMPTY);
        IssuerSerials plus = a.getOrDefault(issuer, IssuerSerials.EMPTY);
        IssuerSerials minus = r.getOrDefault(issuer, IssuerSerials.EMPTY);
        Set<BigInteger> wide = new HashSet<>(c.wide);
        wide.addAll(plus.wide);
        wide.removeAll(minus.wide);
        IssuerSerials merged = new IssuerSerials(mergeMinus(c.sorted, plus.sorted, minus.sorted), Set.copyOf(wide));
        if (merged.size() == 0) next.remove(issuer);
        else next.put(issuer, merged);
      }
      byIssuer = Map.copyOf(next);
    }
  }

  /**
   * Loads a file: a DER or PEM CRL (its signature checked against {@code crlIssuers}, never taken
   * unchecked), or a text list with one entry a line ('#' starts a comment).
   *
   * @throws IOException when the file cannot be read, is neither form, or is a CRL no issuer signed
   */
  public void load(Path file, Collection<X509Certificate> crlIssuers) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (Crls.looksLikeCrl(bytes)) {
      try (InputStream in = Files.newInputStream(file)) {
        replaceAll((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in), crlIssuers);
      } catch (GeneralSecurityException e) {
        throw new IOException(file + ": not a CRL signed by a trusted CA (" + e.getMessage() + ")", e);
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
        b.add(CertificateKey.parse(line.strip()));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    byIssuer = b.build();
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

  /** Collects entries per issuer into growable arrays, then sorts and removes duplicates once. */
  private static final class Builder {
    private final Map<String, IssuerBuilder> issuers = new HashMap<>();
    private String lastIssuer;
    private IssuerBuilder last;

    /** Plain hex of up to 15 digits (every 63-bit serial but the largest) skips BigInteger. */
    void addEntry(String entry) {
      if (entry != null) {
        int slash = entry.indexOf('/');
        String hex = slash < 0 ? entry : entry.substring(slash + 1);
        String issuer = slash == 16 ? entry.substring(0, 16) : slash < 0 ? CertificateKey.ANY_ISSUER : null;
        if (issuer != null && isPlainIssuer(issuer) && !hex.isEmpty() && hex.length() <= 15 && Character.digit(hex.charAt(0), 16) >= 0) {
          try {
            long v = Long.parseLong(hex, 16);
            of(issuer).add(v);
            return;
          } catch (NumberFormatException e) {
            // not plain hex: the general parser below names the problem
          }
        }
      }
      add(CertificateKey.parse(entry));
    }

    private static boolean isPlainIssuer(String issuer) {
      if (issuer.equals(CertificateKey.ANY_ISSUER)) return true;
      for (int i = 0; i < issuer.length(); i++) {
        char ch = issuer.charAt(i);
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
      }
      return true;
    }

    void add(CertificateKey key) {
      BigInteger serial = key.serial();
      if (serial.bitLength() <= 63) of(key.issuer()).add(serial.longValue());
      else of(key.issuer()).wide.add(serial);
    }

    private IssuerBuilder of(String issuer) {
      // Lists are long runs of one issuer: skip the map lookup while it stays the same.
      if (!issuer.equals(lastIssuer)) {
        last = issuers.computeIfAbsent(issuer, i -> new IssuerBuilder());
        lastIssuer = issuer;
      }
      return last;
    }

    Map<String, IssuerSerials> build() {
      Map<String, IssuerSerials> out = new HashMap<>();
      issuers.forEach((issuer, b) -> out.put(issuer, b.build()));
      return Map.copyOf(out);
    }
  }

  private static final class IssuerBuilder {
    private long[] values = new long[1024];
    private int count;
    private final Set<BigInteger> wide = new HashSet<>();

    void add(long v) {
      if (count == values.length) values = Arrays.copyOf(values, count * 2);
      values[count++] = v;
    }

    IssuerSerials build() {
      long[] v = Arrays.copyOf(values, count);
      Arrays.sort(v);
      int n = 0;
      for (int i = 0; i < v.length; i++) {
        if (n == 0 || v[i] != v[n - 1]) v[n++] = v[i];
      }
      return new IssuerSerials(Arrays.copyOf(v, n), Set.copyOf(wide));
    }
  }
}
