package jp.mynaterm.hub.issuance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
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
import java.util.function.Function;
import java.util.function.Supplier;
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.IssuanceSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.issuance.CanonicalJson;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate issuance at the hub, for kiosks: a one-use challenge, then a request the card signed
 * after the PIN. The hub checks the certificate's chain, validity and revocation and the signature
 * over its own challenge, finds the resident by that certificate's issuer and serial in the city's
 * register extract (the card window records them), or else through the card's link at a counter
 * (service {@value #RESIDENT_SERVICE}), applies the city's rules, and answers with the document, the fee, the
 * digest signed by the city's issuing key and an unguessable verification code per copy (each with its
 * own signed QR code). What was issued (codes, digest, when, where) is kept for {@code /verify}; the
 * document itself is not.
 *
 * <p>Refusals carry a stable code the kiosk explains: the rules' codes, and {@code try-again}
 * (challenge used or expired), {@code card-not-accepted} (untrusted, expired, revoked or a bad
 * signature: the detail is logged, not told), {@code not-registered} (neither the extract nor a
 * counter link knows the card: the counter links it).
 */
public final class IssuanceService {
  private static final Logger log = LoggerFactory.getLogger(IssuanceService.class);
  public static final String RESIDENT_SERVICE = "resident";
  /** The refusals of this service beyond the rules' own ({@link RuleDecision.Code}); the kiosk explains each. */
  public static final List<String> REFUSALS = List.of("try-again", "card-not-accepted", "not-registered");
  public static final Duration CHALLENGE_LIFE = Duration.ofMinutes(3);
  private static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IssuanceRepository issued;
  private final ListRepository lists;
  private final IssuanceRules rules;
  private final CertificateDocuments documents;
  private final IssuingKey issuingKey;
  private final VerificationCodes codes = new VerificationCodes();
  private final HubCardChecks cards;
  private final ResidentRegister residents;
  private final TaxRecords taxRecords;
  private final Clock clock;

  /** Without tax records: 所得・課税証明書 is refused ({@code no-tax-record}). */
  public IssuanceService(
      Database db, IssuanceRules rules, CertificateDocuments documents, IssuingKey issuingKey, Supplier<TrustAnchors> anchors, CardIds cardIds,
      Map<String, Resident> residents, Clock clock) {
    this(db, rules, documents, issuingKey, anchors, cardIds, residents, TaxRecords.NONE, clock);
  }

  /**
   * @param anchors the trust anchors, asked for at each request (so a file that appears later counts)
   * @param residents the resident register by resident id
   * @param taxRecords income and tax by resident and fiscal year, for 所得・課税証明書
   * @param clock the instant of challenges and issuance; the rules read it in the city's time zone
   */
  public IssuanceService(
      Database db, IssuanceRules rules, CertificateDocuments documents, IssuingKey issuingKey, Supplier<TrustAnchors> anchors, CardIds cardIds,
      Map<String, Resident> residents, TaxRecords taxRecords, Clock clock) {
    this(db, rules, documents, issuingKey, new HubCardChecks(db, anchors, cardIds, clock), ResidentRegister.of(residents.values()), taxRecords, clock);
  }

  private IssuanceService(
      Database db, IssuanceRules rules, CertificateDocuments documents, IssuingKey issuingKey, HubCardChecks cards, ResidentRegister residents,
      TaxRecords taxRecords, Clock clock) {
    this.issued = new IssuanceRepository(db);
    this.lists = new ListRepository(db);
    this.rules = rules;
    this.documents = documents;
    this.issuingKey = issuingKey;
    this.cards = cards;
    this.residents = residents;
    this.taxRecords = taxRecords;
    this.clock = clock;
  }

  /** {@link #from(HubConfig, Database, Clock)} on the system clock. */
  public static IssuanceService from(HubConfig config, Database db) {
    return from(config, db, Clock.systemUTC());
  }

  /**
   * The service as the hub's settings describe it: rules, documents (with the verify page's URL), the
   * issuing key in the data directory, trust anchors read when needed, the resident register from
   * {@code issuance.residents} (read again whenever the file changes: {@link ResidentRegister}) and the
   * tax records from {@code issuance.taxRecords} (read at start). A relative path is from the working directory.
   *
   * @throws ConfigException naming the key, the file's absolute path and the first problem, when a
   *     file cannot be read or is not clean (nothing is half-loaded)
   */
  public static IssuanceService from(HubConfig config, Database db, Clock clock) {
    IssuanceSettings s = config.issuance();
    ResidentRegister residents = s.residents().isEmpty() ? ResidentRegister.of(List.of()) : ResidentRegister.watching(Path.of(s.residents()));
    if (!s.residents().isEmpty()) log.info("resident register: {} residents from {}", residents.size(), s.residents());
    TaxRecords taxes =
        load("issuance.taxRecords", s.taxRecords(), TaxRecordsCsv::read, TaxRecordsCsv.Result::problems)
            .map(read -> new TaxRecords(read.records()))
            .orElse(TaxRecords.NONE);
    if (!s.taxRecords().isEmpty()) log.info("tax records: {} from {}", taxes.size(), s.taxRecords());
    try {
      IssuingKey key = IssuingKey.load(config.hub().dataPath(), config.development());
      return new IssuanceService(
          db, new IssuanceRules(s), new CertificateDocuments(config.municipality(), s, s.verifyBaseUrlFor(config.http())), key,
          HubCardChecks.from(config, db, clock), residents, taxes, clock);
    } catch (IOException e) {
      throw new IllegalStateException("issuance cannot start: " + e.getMessage(), e);
    }
  }

  private interface CsvReading<R> {
    R read(Reader reader) throws IOException;
  }

  /** One extract named by a setting: empty when the setting is, else read whole and clean or a ConfigException. */
  private static <R> Optional<R> load(String key, String setting, CsvReading<R> reading, Function<R, List<CsvExtract.Problem>> problems) {
    if (setting.isEmpty()) return Optional.empty();
    Path file = Path.of(setting).toAbsolutePath().normalize();
    R read;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read = reading.read(reader);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file.toString(), key, "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), key, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    List<CsvExtract.Problem> found = problems.apply(read);
    if (!found.isEmpty()) throw new ConfigException(file.toString(), key, CsvExtract.summary(found));
    return Optional.of(read);
  }

  public ResponseBody handle(String terminal, RequestBody request) {
    try {
      return switch (request) {
        case RequestBody.Challenge c -> challenge(terminal, c.purpose());
        case RequestBody.Issuance i -> issue(terminal, i);
        case RequestBody.ListSync s -> new ResponseBody.Refused("unsupported", "list sync is the downlink's");
      };
    } catch (SQLException e) {
      log.error("issuance storage failed: {}", e.getMessage());
      return new ResponseBody.Refused("try-again", "storage unavailable");
    }
  }

  /** Purpose {@code issuance:<type>}: refused now if the calendar rules refuse that type, else with its fee per copy. */
  private ResponseBody challenge(String terminal, String purpose) throws SQLException {
    Integer feePerCopy = null;
    if (purpose.startsWith("issuance:")) {
      Optional<CertificateType> type = CertificateType.ofKey(purpose.substring("issuance:".length()));
      if (type.isEmpty()) return refused(RuleDecision.Code.TYPE_UNAVAILABLE.key, "unknown type");
      RuleDecision open = rules.openNow(type.get(), clock.instant().atZone(CITY));
      if (open instanceof RuleDecision.Refused no) return refused(no.code().key, no.detail());
      feePerCopy = ((RuleDecision.Allowed) open).feeYen();
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String value = Base64.getEncoder().encodeToString(bytes);
    Instant expires = clock.instant().plus(CHALLENGE_LIFE);
    issued.saveChallenge(value, terminal, expires.toEpochMilli());
    return new ResponseBody.ChallengeIssued(value, expires, feePerCopy);
  }

  private ResponseBody issue(String terminal, RequestBody.Issuance r) throws SQLException {
    Optional<CertificateType> type = CertificateType.ofKey(r.certificateType());
    if (type.isEmpty()) return refused(RuleDecision.Code.TYPE_UNAVAILABLE.key, "unknown type");
    if (!issued.takeChallenge(r.challenge(), terminal, clock.instant().toEpochMilli())) return refused("try-again", "challenge unknown, used or expired");
    CardVerifier verifier;
    try {
      verifier = cards.verifier();
    } catch (RuntimeException e) {
      log.error("issuance cannot check cards: {}", e.getMessage());
      return refused("try-again", "trust anchors unavailable");
    }
    CardVerdict verdict;
    X509Certificate userAuth;
    try {
      userAuth = HubCardChecks.certificate(r.certificate());
      X509Certificate ca = HubCardChecks.certificate(r.caCertificate());
      verdict = verifier.checkProof(userAuth, ca, Base64.getDecoder().decode(r.challenge()), Base64.getDecoder().decode(r.signature()));
    } catch (CertificateException | IllegalArgumentException | IOException e) {
      return refused("card-not-accepted", "unreadable certificate or signature: " + e.getMessage());
    }
    if (!(verdict instanceof CardVerdict.Trusted trusted)) return refused("card-not-accepted", verdict.describe());
    // The city's own record of whom it issued this certificate to comes first; a counter link is the
    // fallback (a card renewed after the last extract, or an extract without certificates).
    Optional<Resident> resident = residents.byCertificate(Resident.UserAuthCertificate.of(userAuth));
    if (resident.isEmpty()) resident = lists.allowEntry(RESIDENT_SERVICE, trusted.cardId()).map(AllowEntry::member).flatMap(residents::byId);
    if (resident.isEmpty()) return refused("not-registered", "card " + trusted.cardId() + " is neither in the register extract nor linked at a counter");
    IssuanceAsk ask = new IssuanceAsk(type.get(), r.options(), r.copies());
    ZonedDateTime now = clock.instant().atZone(CITY);
    RuleDecision decision = rules.decide(ask, resident.get(), now, (res, year) -> taxRecords.find(res.residentId(), year).isPresent());
    if (decision instanceof RuleDecision.Refused no) return refused(no.code().key, no.detail());
    int fee = ((RuleDecision.Allowed) decision).feeYen();
    // One code per copy: each sheet is valid or void by itself (a copy that jams is void, those out stay valid).
    List<String> copyCodes = java.util.stream.Stream.generate(codes::next).limit(r.copies()).toList();
    String code = copyCodes.get(0);
    // Only the household as it is now: members who moved out or died are no longer on a 住民票.
    List<Resident> household = residents.household(resident.get().householdId()).stream().filter(Resident::current).toList();
    TaxRecord tax = type.get() == CertificateType.SHOTOKU ? taxRecords.find(resident.get().residentId(), Integer.parseInt(ask.option("fiscalYear", ""))).orElseThrow() : null;
    ObjectNode document;
    try {
      document = documents.build(ask, resident.get(), household, tax, now.toLocalDate(), copyCodes);
    } catch (java.io.UncheckedIOException e) {
      log.error("issuance cannot build the document: {}", e.getMessage());
      return refused("try-again", "document not built");
    }
    issuingKey.sealInto(document); // the QR code's text: the verify page, the signed fields in its fragment
    String digest = CanonicalJson.digest(document);
    String at = clock.instant().toString();
    issued.recordIssued(java.util.stream.IntStream.range(0, copyCodes.size())
        .mapToObj(i -> new IssuanceRepository.Issued(copyCodes.get(i), digest, terminal, type.get().key(), r.copies(), at, code, i + 1))
        .toList());
    log.info("issued {} x{} at {} (codes {})", type.get().key(), r.copies(), terminal, String.join(" ", copyCodes));
    return new ResponseBody.IssuanceGranted(document, fee, digest, issuingKey.sign(digest), code);
  }

  private ResponseBody refused(String code, String detail) {
    log.info("issuance refused: {} ({})", code, detail);
    return new ResponseBody.Refused(code, "");
  }
}
