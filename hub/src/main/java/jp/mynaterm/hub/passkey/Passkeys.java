package jp.mynaterm.hub.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.storage.Database;

/**
 * Passkeys (WebAuthn Level 2 ceremonies, verified by webauthn4j) for whoever signs in to the hub's
 * pages: staff at the console ({@link Owners#STAFF}) and residents booking the demand taxi
 * ({@link Owners#RIDERS}), the one implementation for both. An owner registers one while signed in, then
 * signs in with it instead of the password where the browser has passkeys; whether the owner may still
 * sign in (an account enabled, a rider still registered) is the caller's to check. The hub keeps each
 * credential's public key and counter (never a private key), bound to one relying party id and origin
 * ({@code console.rpId}/{@code console.origin}, {@code taxi.rpId}/{@code taxi.origin}). Attestation is
 * not asked for ({@code none}): the city trusts the sign-in that registered the passkey, not the make of
 * the authenticator. User verification (the device's PIN or biometrics) is required, so a passkey is
 * two factors in one. The browser's side is the one script {@code passkeys.js} beside this class.
 */
public final class Passkeys {
  /** ES256 first (every platform authenticator), RS256 for Windows Hello's older keys. */
  private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  /** The script both the console's and the taxi page's passkey buttons run (served by each page's owner). */
  public static final String SCRIPT = "passkeys.js";

  /**
   * Whose passkeys: the table they are kept in, its column naming the owner, the audit log's action
   * prefix ({@code null}: not audited — the audit log records staff's actions, and a resident's own
   * passkeys are not one; a resident's label may name them), and the relying party's name an
   * authenticator may show beside the passkey.
   */
  public record Owners(String table, String ownerColumn, String audit, String rpName) {
    public static final Owners STAFF = new Owners("staff_passkey", "user_id", "staff", "mynaterm console");
    public static final Owners RIDERS = new Owners("taxi_rider_passkey", "member", null, "デマンドタクシー / Demand taxi");
  }

  /** A registration under way: its challenge and the owner's user handle, kept in the session until the answer. */
  public record Registration(byte[] challenge, String handle) {}

  /** A registered passkey as listed to its owner. */
  public record Passkey(String credentialId, String label, Instant createdAt, Optional<Instant> lastUsedAt) {}

  /** Why a ceremony's answer was not accepted (shown as "not accepted", logged with the reason). */
  public static final class Refused extends Exception {
    public Refused(String reason, Throwable cause) {
      super(reason, cause, false, false);
    }
  }

  private final Database db;
  private final Clock clock;
  private final Owners owners;
  private final String rpId;
  private final Origin origin;
  private final WebAuthnManager webauthn = WebAuthnManager.createNonStrictWebAuthnManager();
  private final AttestedCredentialDataConverter credentials = new AttestedCredentialDataConverter(new ObjectConverter());
  private final SecureRandom random = new SecureRandom();
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * @param owners whose passkeys these are
   * @param rpId the relying party id passkeys are bound to ({@code console.rpId}, {@code taxi.rpId})
   * @param origin the pages' origin as browsers see it; a ceremony from any other is refused
   */
  public Passkeys(Database db, Clock clock, Owners owners, String rpId, String origin) {
    this.db = db;
    this.clock = clock;
    this.owners = owners;
    this.rpId = rpId;
    this.origin = new Origin(origin);
  }

  /** A fresh challenge (32 random bytes) for a sign-in; the caller keeps it in the session until the answer comes. */
  public byte[] challenge() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }

  /** A registration for {@code owner}: a fresh challenge and the owner's user handle, to keep until the answer. */
  public Registration registration(String owner) throws SQLException {
    return new Registration(challenge(), userHandle(owner));
  }

  /**
   * The options for {@code navigator.credentials.create} (JSON as WebAuthn Level 3's
   * {@code parseCreationOptionsFromJSON} takes it, binary fields base64url). Discoverable ("resident")
   * keys, so the sign-in needs no user id typed.
   */
  public Map<String, Object> registrationOptions(String owner, String displayName, Registration registration) throws SQLException {
    List<Map<String, Object>> exclude = list(owner).stream().map(p -> Map.<String, Object>of("type", "public-key", "id", p.credentialId())).toList();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("challenge", B64.encodeToString(registration.challenge()));
    o.put("rp", Map.of("id", rpId, "name", owners.rpName()));
    o.put("user", Map.of("id", registration.handle(), "name", owner, "displayName", displayName));
    o.put("pubKeyCredParams", ALGORITHMS.stream().map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue())).toList());
    o.put("excludeCredentials", exclude);
    o.put("authenticatorSelection", Map.of("residentKey", "required", "userVerification", "required"));
    o.put("attestation", "none");
    o.put("timeout", 120_000);
    return o;
  }

  /** The options for {@code navigator.credentials.get}: any passkey of this relying party (discoverable, so no user id is typed). */
  public Map<String, Object> authenticationOptions(byte[] challenge) {
    return Map.of("challenge", B64.encodeToString(challenge), "rpId", rpId, "userVerification", "required", "timeout", 120_000);
  }

  /**
   * Checks the authenticator's answer to {@code create} (the page script's JSON: label, clientDataJSON,
   * attestationObject) against the registration under way ({@code null}: none, or answered already)
   * and stores the passkey for {@code owner}, audited in the same transaction where these owners are.
   */
  public void register(String owner, Registration registration, String answer) throws Refused, SQLException {
    if (registration == null) throw new Refused("no registration under way (or its challenge was answered already)", null);
    JsonNode body = json(answer);
    RegistrationData data;
    try {
      data = webauthn.verify(new RegistrationRequest(field(body, "attestationObject"), field(body, "clientDataJSON")),
          new RegistrationParameters(server(registration.challenge()), ALGORITHMS, true, true));
    } catch (DataConversionException | VerificationException e) {
      throw new Refused("registration not verified: " + e.getMessage(), e);
    }
    AuthenticatorData<?> auth = data.getAttestationObject().getAuthenticatorData();
    AttestedCredentialData credential = auth.getAttestedCredentialData();
    String id = B64.encodeToString(credential.getCredentialId());
    String label = body.hasNonNull("label") ? body.get("label").asText().strip() : "";
    String name = label.isEmpty() ? "passkey" : label.length() > 60 ? label.substring(0, 60) : label;
    db.commit(c -> {
      try (var p = c.prepareStatement("INSERT INTO " + owners.table() + " (credential_id, " + owners.ownerColumn() + ", user_handle, label, attested_credential, "
          + "sign_count, uv_initialized, backup_eligible, backup_state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, id);
        p.setString(2, owner);
        p.setString(3, registration.handle());
        p.setString(4, name);
        p.setString(5, B64.encodeToString(credentials.convert(credential)));
        p.setLong(6, auth.getSignCount());
        p.setInt(7, auth.isFlagUV() ? 1 : 0);
        p.setInt(8, auth.isFlagBE() ? 1 : 0);
        p.setInt(9, auth.isFlagBS() ? 1 : 0);
        p.setString(10, clock.instant().toString());
        p.executeUpdate();
      }
      if (owners.audit() != null) new AuditLog(db, clock).append(c, owner, owners.audit() + ".passkey-add", owner, name);
    });
  }

  /**
   * Checks the authenticator's answer to {@code get} (the page script's JSON: id, authenticatorData,
   * clientDataJSON, signature, userHandle) against the sign-in's challenge ({@code null}: none, or
   * answered already): a passkey registered here, for this challenge, signed by its key with the user
   * verified, and a counter that went forward (a cloned authenticator shows an old counter). Returns
   * whose passkey it is; its counter and last use are stored.
   */
  public String authenticate(byte[] challenge, String answer) throws Refused, SQLException {
    if (challenge == null) throw new Refused("no sign-in under way (or its challenge was answered already)", null);
    JsonNode body = json(answer);
    byte[] credentialId = field(body, "id");
    byte[] userHandle = body.hasNonNull("userHandle") ? field(body, "userHandle") : null;
    String id = B64.encodeToString(credentialId);
    var row = db.first("SELECT " + owners.ownerColumn() + ", user_handle, attested_credential, sign_count, uv_initialized, backup_eligible, backup_state FROM "
        + owners.table() + " WHERE credential_id = ?",
        rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getInt(7) != 0}, id);
    if (row.isEmpty()) throw new Refused("no passkey with this credential id is registered", null);
    Object[] r = row.get();
    if (userHandle != null && userHandle.length > 0 && !B64.encodeToString(userHandle).equals(r[1])) throw new Refused("the passkey names another user", null);
    AttestedCredentialData credential = credentials.convert(UNB64.decode((String) r[2]));
    CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), (Boolean) r[4], (Boolean) r[5], (Boolean) r[6], (Long) r[3], credential, null, null, null, null);
    AuthenticationData data;
    try {
      data = webauthn.verify(new AuthenticationRequest(credentialId, userHandle, field(body, "authenticatorData"), field(body, "clientDataJSON"), field(body, "signature")),
          new AuthenticationParameters(server(challenge), record, List.of(credentialId), true, true));
    } catch (DataConversionException | VerificationException e) {
      throw new Refused("authentication not verified: " + e.getMessage(), e);
    }
    db.update("UPDATE " + owners.table() + " SET sign_count = ?, last_used_at = ? WHERE credential_id = ?",
        data.getAuthenticatorData().getSignCount(), clock.instant().toString(), id);
    return (String) r[0];
  }

  public List<Passkey> list(String owner) throws SQLException {
    return db.list("SELECT credential_id, label, created_at, last_used_at FROM " + owners.table() + " WHERE " + owners.ownerColumn() + " = ? ORDER BY created_at",
        rs -> new Passkey(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), Optional.ofNullable(rs.getString(4)).map(Instant::parse)), owner);
  }

  /** Removes one of the owner's passkeys (a lost phone), audited where these owners are. False if the owner has none with that id. */
  public boolean remove(String owner, String credentialId) throws SQLException {
    return db.write(c -> {
      int n;
      try (var p = c.prepareStatement("DELETE FROM " + owners.table() + " WHERE " + owners.ownerColumn() + " = ? AND credential_id = ?")) {
        p.setString(1, owner);
        p.setString(2, credentialId);
        n = p.executeUpdate();
      }
      if (n > 0 && owners.audit() != null) new AuditLog(db, clock).append(c, owner, owners.audit() + ".passkey-remove", owner, "");
      return n > 0;
    });
  }

  /** The owner's WebAuthn user handle: random, the same for each of their passkeys, never the user id or member number. */
  private String userHandle(String owner) throws SQLException {
    Optional<String> known = db.first("SELECT user_handle FROM " + owners.table() + " WHERE " + owners.ownerColumn() + " = ? LIMIT 1", rs -> rs.getString(1), owner);
    if (known.isPresent()) return known.get();
    byte[] b = new byte[16];
    random.nextBytes(b);
    return B64.encodeToString(b);
  }

  private ServerProperty server(byte[] challenge) {
    return ServerProperty.builder().origin(origin).rpId(rpId).challenge(new DefaultChallenge(challenge)).build();
  }

  /** For tests: base64url without padding, as WebAuthn's JSON forms use. */
  public static String base64url(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  public static byte[] fromBase64url(String text) {
    return UNB64.decode(text);
  }

  private static JsonNode json(String answer) throws Refused {
    try {
      JsonNode body = JSON.readTree(answer == null ? "" : answer);
      if (body == null || !body.isObject()) throw new Refused("the answer is not a JSON object", null);
      return body;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new Refused("the answer is not JSON", e);
    }
  }

  /** A base64url field of a ceremony's JSON answer; refused when missing or not base64url. */
  private static byte[] field(JsonNode body, String name) throws Refused {
    var v = body.get(name);
    if (v == null || !v.isTextual()) throw new Refused(name + " is missing", null);
    try {
      return UNB64.decode(v.asText());
    } catch (IllegalArgumentException e) {
      throw new Refused(name + " is not base64url", e);
    }
  }
}
