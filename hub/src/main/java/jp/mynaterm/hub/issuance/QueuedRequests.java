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
  /**
   * One request as the counter sees it.
   *
   * @param outcome what staff did with it; empty while it is open
   */
  public record QueuedRequest(
      String terminal, Instant requestedAt, IssueRequestQueued request, RequestCheck check, Optional<String> residentId, Optional<Outcome> outcome) {}

  /** Staff fulfilled a request (handed over or posted) or voided it (cannot be fulfilled, withdrawn). */
  public record Outcome(State state, String staff, String note, Instant decidedAt) {}

  public enum State {
    FULFILLED,
    VOID
  }

  /** The request is unknown, or was decided already (a request is fulfilled or voided once). */
  public static final class NotOpen extends Exception {
    public NotOpen(String message) {
      super(message, null, false, false);
    }
  }

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

  private final Database db;
  private final EventRepository events;
  private final ListRepository lists;
  private final HubCardChecks cards;

  public QueuedRequests(Database db, HubCardChecks cards) {
    this.db = db;
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
      out.add(new QueuedRequest(e.key().terminal(), e.record().time().wall(), r, check(r), resident, outcome(r.requestId())));
    }
    return out;
  }

  /** The request with this id, checked, with its outcome; empty if no kiosk sent it. */
  public Optional<QueuedRequest> find(String requestId) throws SQLException {
    if (!requestId.matches("[A-Za-z0-9-]{1,40}")) return Optional.empty(); // as kiosks make them; no LIKE wildcards
    List<StoredEvent> found = db.list("SELECT terminal, epoch, seq, record FROM events WHERE event_type = ? AND record LIKE ?", EventRepository.STORED,
        EventTypes.of(IssueRequestQueued.class), "%\"requestId\":\"" + requestId + "\"%");
    for (StoredEvent e : found) {
      if (e.record().event() instanceof IssueRequestQueued r && r.requestId().equals(requestId)) {
        Optional<String> resident = lists.allowEntry(IssuanceService.RESIDENT_SERVICE, r.cardId()).map(AllowEntry::member);
        return Optional.of(new QueuedRequest(e.key().terminal(), e.record().time().wall(), r, check(r), resident, outcome(requestId)));
      }
    }
    return Optional.empty();
  }

  /**
   * Records what staff did with an open request, once; {@code alsoRecord} runs in the same transaction
   * when it is recorded (the audit entry: {@code WorkQueues.handle}, the one path the console and the
   * command line take).
   *
   * @param staff the signed-in staff member's user id, for the audit trail
   * @throws NotOpen the request is unknown or already fulfilled or void
   */
  public void decide(String requestId, State state, String staff, String note, Instant at, Database.Step alsoRecord) throws SQLException, NotOpen {
    if (find(requestId).isEmpty()) throw new NotOpen("no queued request " + requestId);
    int inserted = db.write(c -> {
      int n;
      try (var p = c.prepareStatement("INSERT INTO queued_request_outcome (request_id, state, staff, note, decided_at) SELECT ?, ?, ?, ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM queued_request_outcome WHERE request_id = ?)")) {
        p.setString(1, requestId);
        p.setString(2, state.name());
        p.setString(3, staff);
        p.setString(4, note);
        p.setString(5, at.toString());
        p.setString(6, requestId);
        n = p.executeUpdate();
      }
      if (n > 0) alsoRecord.run(c);
      return n;
    });
    if (inserted == 0) throw new NotOpen(requestId + " was decided already: " + outcome(requestId).map(o -> o.state() + " by " + o.staff()).orElse("?"));
  }

  private Optional<Outcome> outcome(String requestId) throws SQLException {
    return db.first("SELECT state, staff, note, decided_at FROM queued_request_outcome WHERE request_id = ?",
        rs -> new Outcome(State.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4))), requestId);
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
