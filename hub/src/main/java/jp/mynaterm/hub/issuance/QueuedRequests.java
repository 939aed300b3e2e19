package jp.mynaterm.hub.issuance;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.JpkiSignatures;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import jp.mynaterm.protocol.message.AllowEntry;

/**
 * The card-signed certificate requests residents left at kiosks while the hub was unreachable, for
 * the counter (or the post): each checked as an issuance is — the card's chain, validity, revocation
 * and CardId, and its signature over exactly the request — with the resident id behind the card.
 */
public final class QueuedRequests {
  /** One request as the counter sees it. */
  public record QueuedRequest(String terminal, Instant requestedAt, IssueRequestQueued request, RequestCheck check, Optional<String> residentId) {}

  /** Whether a queued request is the card holder's. */
  public enum RequestCheck {
    SIGNED_BY_THE_CARD("signed by the card / カードの署名を確認"),
    CARD_NOT_ACCEPTED("card not accepted (untrusted, expired or revoked) / カードを確認できません"),
    SIGNATURE_INVALID("the signature does not match the request / 署名が一致しません");

    public final String text;

    RequestCheck(String text) {
      this.text = text;
    }
  }

  private final EventRepository events;
  private final ListRepository lists;
  private final HubCardChecks cards;

  public QueuedRequests(Database db, HubCardChecks cards) {
    this.events = new EventRepository(db);
    this.lists = new ListRepository(db);
    this.cards = cards;
  }

  /** From the hub's settings alone: no resident register, tax records or issuing key needed to list. */
  public static QueuedRequests from(HubConfig config, Database db, Clock clock) {
    return new QueuedRequests(db, HubCardChecks.from(config, db, clock));
  }

  /** The newest requests first, each checked, with the resident id behind the card if it is linked. */
  public List<QueuedRequest> list(int limit) throws SQLException {
    List<QueuedRequest> out = new ArrayList<>();
    for (StoredEvent e : events.newestOfType(EventTypes.of(IssueRequestQueued.class), limit)) {
      if (!(e.record().event() instanceof IssueRequestQueued r)) continue;
      Optional<String> resident = lists.allowEntry(IssuanceService.RESIDENT_SERVICE, r.cardId()).map(AllowEntry::member);
      out.add(new QueuedRequest(e.key().terminal(), e.record().time().wall(), r, check(r), resident));
    }
    return out;
  }

  /** The card's certificate (chain, validity, revocation, the CardId it claims) and its signature over the request. */
  public RequestCheck check(IssueRequestQueued r) {
    try {
      X509Certificate userAuth = HubCardChecks.certificate(r.certificate());
      CardVerdict verdict = cards.verifier().checkCertificate(userAuth, HubCardChecks.certificate(r.caCertificate()));
      if (!(verdict instanceof CardVerdict.Trusted t) || !t.cardId().equals(r.cardId())) return RequestCheck.CARD_NOT_ACCEPTED;
      byte[] content = IssueRequestQueued.signedContent(r.requestId(), r.certificateType(), r.options(), r.copies());
      return JpkiSignatures.verify(userAuth.getPublicKey(), content, Base64.getDecoder().decode(r.signature()))
          ? RequestCheck.SIGNED_BY_THE_CARD
          : RequestCheck.SIGNATURE_INVALID;
    } catch (CertificateException | IOException | SQLException | RuntimeException e) {
      // An unreadable certificate or signature, or trust anchors that cannot be read: not the holder's, as far as we can tell.
      return RequestCheck.CARD_NOT_ACCEPTED;
    }
  }
}
