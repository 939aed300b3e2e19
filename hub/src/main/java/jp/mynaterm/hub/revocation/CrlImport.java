package jp.mynaterm.hub.revocation;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.card.Crls;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * Takes the user-authentication CA's CRL into the hub's revocation list, the real source of
 * revocations: the CRL's signature must verify with a trust anchor, or with a CA certificate an anchor
 * signed (the CA certificate a card carries); the CRL's entries then replace that CA's entries
 * (keyed by issuer and serial) as one new list version, whose delta reaches terminals through the
 * revocation list's usual delta machinery. Entries of other CAs, and entries written without an
 * issuer, are left alone. A CRL past its nextUpdate is still imported (it is the newest the city
 * has) but reported stale.
 */
public final class CrlImport {
  private final ListRepository lists;
  private final Downlink downlink;

  public CrlImport(ListRepository lists, Downlink downlink) {
    this.lists = lists;
    this.downlink = downlink;
  }

  /** @param version the list version made, or the one held when nothing changed */
  public record Result(int revoked, int added, int removed, long version, Optional<Instant> nextUpdate, boolean stale) {}

  /**
   * @param cas CA certificates (e.g. the one a card carries in EF 000B) that may sign the CRL; each is
   *     used only when a trust anchor signed it
   * @throws GeneralSecurityException when no trusted CA signed the CRL; nothing is changed then
   */
  public Result importCrl(X509CRL crl, TrustAnchors anchors, Collection<X509Certificate> cas, Instant now) throws GeneralSecurityException, SQLException {
    List<CertificateKey> entries = Crls.verifiedEntries(crl, signers(anchors, cas));
    String issuer = CertificateKey.issuerKey(crl.getIssuerX500Principal());
    Set<String> inCrl = new HashSet<>();
    for (CertificateKey k : entries) inCrl.add(k.entry());
    Set<String> held = new HashSet<>();
    for (String e : lists.revokedEntries()) if (e.startsWith(issuer + "/")) held.add(e);
    List<String> added = new ArrayList<>();
    for (String e : inCrl) if (!held.contains(e)) added.add(e);
    List<String> removed = new ArrayList<>();
    for (String e : held) if (!inCrl.contains(e)) removed.add(e);
    added.sort(null);
    removed.sort(null);
    long version = added.isEmpty() && removed.isEmpty() ? lists.version(jp.mynaterm.protocol.ListName.REVOCATION.wire()) : downlink.revoke(added, removed);
    return new Result(inCrl.size(), added.size(), removed.size(), version, Crls.nextUpdate(crl), Crls.stale(crl, now));
  }

  /** The anchors, and each CA certificate whose signature an anchor makes good. */
  static List<X509Certificate> signers(TrustAnchors anchors, Collection<X509Certificate> cas) {
    List<X509Certificate> out = new ArrayList<>(anchors.certificates());
    for (X509Certificate ca : cas) {
      for (X509Certificate anchor : anchors.certificates()) {
        if (!anchor.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) continue;
        try {
          ca.verify(anchor.getPublicKey());
          out.add(ca);
          break;
        } catch (GeneralSecurityException e) {
          // not this anchor's: try the next
        }
      }
    }
    return out;
  }
}
