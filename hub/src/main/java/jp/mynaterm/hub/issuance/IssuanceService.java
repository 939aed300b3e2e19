package jp.mynaterm.hub.issuance;

import jp.mynaterm.protocol.codec.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import jp.mynaterm.hub.storage.Store;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate issuance at the hub, for kiosks: a one-use challenge, then a request the card signed
 * after the PIN. The hub checks the certificate's chain, validity and revocation and the signature
 * over its own challenge, finds the resident through the card's link at the counter (service
 * {@value #RESIDENT_SERVICE}), applies the city's rules, and answers with the document, the fee, the
 * digest signed by the city's issuing key and an unguessable verification code. What was issued
 * (code, digest, when, where) is kept for {@code /verify}; the document itself is not.
 *
 * <p>Refusals carry a stable code the kiosk explains: the rules' codes, and {@code try-again}
 * (challenge used or expired), {@code card-not-accepted} (untrusted, expired, revoked or a bad
 * signature: the detail is logged, not told), {@code not-registered} (the card is not linked to a
 * resident: the counter links it).
 */
public final class IssuanceService {
  private static final Logger log = LoggerFactory.getLogger(IssuanceService.class);
  public static final String RESIDENT_SERVICE = "resident";
  /** The refusals of this service beyond the rules' own ({@link RuleDecision.Code}); the kiosk explains each. */
  public static final List<String> REFUSALS = List.of("try-again", "card-not-accepted", "not-registered");
  public static final Duration CHALLENGE_LIFE = Duration.ofMinutes(3);
  private static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final IssuanceRules rules;
  private final CertificateDocuments documents;
  private final IssuingKey issuingKey;
  private final VerificationCodes codes = new VerificationCodes();
  private final Supplier<TrustAnchors> anchors;
  private final CardIds cardIds;
  private final Map<String, Resident> residents;
  private final Clock clock;
  private RevocationStore revoked = new RevocationStore();
  private long revokedVersion = -1;

  /**
   * @param anchors the trust anchors, asked for at each request (so a file that appears later counts)
   * @param residents the resident register by resident id
   */
  public IssuanceService(
      Store store, IssuanceRules rules, CertificateDocuments documents, IssuingKey issuingKey, Supplier<TrustAnchors> anchors, CardIds cardIds,
      Map<String, Resident> residents, Clock clock) {
    this.store = store;
    this.rules = rules;
    this.documents = documents;
    this.issuingKey = issuingKey;
    this.anchors = anchors;
    this.cardIds = cardIds;
    this.residents = Map.copyOf(residents);
    this.clock = clock;
  }

  /**
   * The service as the hub's settings describe it: rules, documents, the issuing key in the data
   * directory, trust anchors read when needed, and the resident register from {@code issuance.residents}.
   */
  public static IssuanceService from(jp.mynaterm.config.HubConfig config, Store store) {
    jp.mynaterm.config.IssuanceSettings s = config.issuance();
    try {
      IssuingKey key = IssuingKey.loadOrCreate(config.hub().dataPath());
      CardIds cardIds = config.hub().cardIdKey().isEmpty() ? CardIds.development() : CardIds.fromKeyText(config.hub().cardIdKey());
      Map<String, Resident> residents = new java.util.HashMap<>();
      if (!s.residents().isEmpty()) {
        try (var reader = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(s.residents()))) {
          var read = ResidentRegisterCsv.read(reader);
          if (!read.clean()) {
            throw new jp.mynaterm.config.ConfigException(s.residents(), "", read.problems().size() + " problems, first: " + read.problems().get(0));
          }
          read.residents().forEach(r -> residents.put(r.residentId(), r));
        }
        log.info("resident register: {} residents from {}", residents.size(), s.residents());
      }
      java.nio.file.Path anchorsFile = java.nio.file.Path.of(s.trustAnchors());
      return new IssuanceService(
          store, new IssuanceRules(s), new CertificateDocuments(config.municipality(), s), key,
          () -> {
            try {
              return TrustAnchors.load(anchorsFile);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException("trust anchors " + anchorsFile + ": " + e.getMessage(), e);
            }
          },
          cardIds, residents, java.time.Clock.systemUTC());
    } catch (IOException e) {
      throw new IllegalStateException("issuance cannot start: " + e.getMessage(), e);
    }
  }

  public ResponseBody handle(String terminal, RequestBody request) {
    try {
      return switch (request) {
        case RequestBody.Challenge c -> challenge(terminal);
        case RequestBody.Issuance i -> issue(terminal, i);
        case RequestBody.ListSync s -> new ResponseBody.Refused("unsupported", "list sync is the downlink's");
      };
    } catch (SQLException e) {
      log.error("issuance storage failed: {}", e.getMessage());
      return new ResponseBody.Refused("try-again", "storage unavailable");
    }
  }

  private ResponseBody challenge(String terminal) throws SQLException {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String value = Base64.getEncoder().encodeToString(bytes);
    Instant expires = clock.instant().plus(CHALLENGE_LIFE);
    store.saveChallenge(value, terminal, expires.toEpochMilli());
    return new ResponseBody.ChallengeIssued(value, expires);
  }

  private ResponseBody issue(String terminal, RequestBody.Issuance r) throws SQLException {
    Optional<CertificateType> type = CertificateType.ofKey(r.certificateType());
    if (type.isEmpty()) return refused(RuleDecision.Code.TYPE_UNAVAILABLE.key, "unknown type");
    if (!store.takeChallenge(r.challenge(), terminal, clock.instant().toEpochMilli())) return refused("try-again", "challenge unknown, used or expired");
    TrustAnchors trust;
    try {
      trust = anchors.get();
    } catch (RuntimeException e) {
      log.error("issuance cannot check cards: {}", e.getMessage());
      return refused("try-again", "trust anchors unavailable");
    }
    CardVerdict verdict;
    try {
      X509Certificate userAuth = certificate(r.certificate());
      X509Certificate ca = certificate(r.caCertificate());
      verdict =
          new CardVerifier(trust, revocations(), cardIds, clock)
              .checkProof(userAuth, ca, Base64.getDecoder().decode(r.challenge()), Base64.getDecoder().decode(r.signature()));
    } catch (CertificateException | IllegalArgumentException | IOException e) {
      return refused("card-not-accepted", "unreadable certificate or signature: " + e.getMessage());
    }
    if (!(verdict instanceof CardVerdict.Trusted trusted)) return refused("card-not-accepted", verdict.describe());
    Optional<Resident> resident = store.allowEntry(RESIDENT_SERVICE, trusted.cardId()).map(AllowEntry::member).map(residents::get);
    if (resident.isEmpty()) return refused("not-registered", "card not linked to a resident");
    IssuanceAsk ask = new IssuanceAsk(type.get(), r.options(), r.copies());
    ZonedDateTime now = clock.instant().atZone(CITY);
    RuleDecision decision = rules.decide(ask, resident.get(), now, (res, year) -> false);
    if (decision instanceof RuleDecision.Refused no) return refused(no.code().key, no.detail());
    int fee = ((RuleDecision.Allowed) decision).feeYen();
    String code = codes.next();
    List<Resident> household = residents.values().stream().filter(p -> p.householdId().equals(resident.get().householdId())).toList();
    var document = documents.build(ask, resident.get(), household, null, now.toLocalDate(), code);
    String digest = CanonicalJson.digest(document);
    store.recordIssued(new Store.Issued(code, digest, terminal, type.get().key(), r.copies(), clock.instant().toString()));
    log.info("issued {} x{} at {} (code {})", type.get().key(), r.copies(), terminal, code);
    return new ResponseBody.IssuanceGranted(document, fee, digest, issuingKey.sign(digest), code);
  }

  private ResponseBody refused(String code, String detail) {
    log.info("issuance refused: {} ({})", code, detail);
    return new ResponseBody.Refused(code, "");
  }

  /** The hub's revocation list as a lookup structure, rebuilt only when its version changed. */
  private synchronized RevocationStore revocations() throws SQLException {
    long version = store.listVersion(jp.mynaterm.hub.downlink.Downlink.REVOCATION);
    if (version != revokedVersion) {
      RevocationStore next = new RevocationStore();
      next.replaceAll(store.revokedSerials());
      revoked = next;
      revokedVersion = version;
    }
    return revoked;
  }

  private static X509Certificate certificate(String base64) throws CertificateException, IOException {
    try (var in = new ByteArrayInputStream(Base64.getDecoder().decode(base64))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
