package jp.mynaterm.hub.staff;

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
import java.util.Set;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.storage.Database;

/**
 * Passkeys for the console's sign-in (WebAuthn Level 2 ceremonies, verified by webauthn4j): staff
 * register one while signed in, then sign in with it instead of the password where the browser has
 * passkeys. The hub keeps each credential's public key and counter (never a private key), bound to
 * the relying party id and origin of the console ({@code console.rpId}, {@code console.origin}).
 * Attestation is not asked for ({@code none}): the city trusts the account that registered the
 * passkey, not the make of the authenticator. User verification (the device's PIN or biometrics) is
 * required, so a passkey is two factors in one.
 */
public final class Passkeys {
  /** ES256 first (every platform authenticator), RS256 for Windows Hello's older keys. */
  private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

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
  private final String rpId;
  private final Origin origin;
  private final WebAuthnManager webauthn = WebAuthnManager.createNonStrictWebAuthnManager();
  private final AttestedCredentialDataConverter credentials = new AttestedCredentialDataConverter(new ObjectConverter());
  private final SecureRandom random = new SecureRandom();

  /**
   * @param rpId the relying party id passkeys are bound to ({@code console.rpId})
   * @param origin the console's origin as browsers see it; a ceremony from any other is refused
   */
  public Passkeys(Database db, Clock clock, String rpId, String origin) {
    this.db = db;
    this.clock = clock;
    this.rpId = rpId;
    this.origin = new Origin(origin);
  }

  /** A fresh challenge (32 random bytes) for one ceremony; the caller keeps it until the answer comes. */
  public byte[] challenge() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }

  /**
   * The options for {@code navigator.credentials.create} (JSON as WebAuthn Level 3's
   * {@code parseCreationOptionsFromJSON} takes it, binary fields base64url).
   */
  public Map<String, Object> registrationOptions(String userId, String displayName, String userHandle, byte[] challenge) throws SQLException {
    List<Map<String, Object>> exclude = list(userId).stream().map(p -> Map.<String, Object>of("type", "public-key", "id", p.credentialId())).toList();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("challenge", B64.encodeToString(challenge));
    o.put("rp", Map.of("id", rpId, "name", "mynaterm console"));
    o.put("user", Map.of("id", userHandle, "name", userId, "displayName", displayName));
    o.put("pubKeyCredParams", ALGORITHMS.stream().map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue())).toList());
    o.put("excludeCredentials", exclude);
    o.put("authenticatorSelection", Map.of("residentKey", "required", "userVerification", "required"));
    o.put("attestation", "none");
    o.put("timeout", 120_000);
    return o;
  }

  /** The options for {@code navigator.credentials.get}: any passkey of this console (discoverable, so no user id is typed). */
  public Map<String, Object> authenticationOptions(byte[] challenge) {
    return Map.of("challenge", B64.encodeToString(challenge), "rpId", rpId, "userVerification", "required", "timeout", 120_000);
  }

  /**
   * Checks the authenticator's answer to {@code create} against the challenge and stores the passkey
   * for {@code userId} under the handle its options named, with an audit entry in the same transaction.
   */
  public void register(String userId, String handle, byte[] challenge, String label, byte[] clientDataJSON, byte[] attestationObject) throws Refused, SQLException {
    RegistrationData data;
    try {
      data = webauthn.verify(new RegistrationRequest(attestationObject, clientDataJSON),
          new RegistrationParameters(server(challenge), ALGORITHMS, true, true));
    } catch (DataConversionException | VerificationException e) {
      throw new Refused("registration not verified: " + e.getMessage(), e);
    }
    AuthenticatorData<?> auth = data.getAttestationObject().getAuthenticatorData();
    AttestedCredentialData credential = auth.getAttestedCredentialData();
    String id = B64.encodeToString(credential.getCredentialId());
    String name = label == null || label.isBlank() ? "passkey" : label.strip();
    db.commit(c -> {
      try (var p = c.prepareStatement("INSERT INTO staff_passkey (credential_id, user_id, user_handle, label, attested_credential, sign_count, uv_initialized, "
          + "backup_eligible, backup_state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, id);
        p.setString(2, userId);
        p.setString(3, handle);
        p.setString(4, name.length() > 60 ? name.substring(0, 60) : name);
        p.setString(5, B64.encodeToString(credentials.convert(credential)));
        p.setLong(6, auth.getSignCount());
        p.setInt(7, auth.isFlagUV() ? 1 : 0);
        p.setInt(8, auth.isFlagBE() ? 1 : 0);
        p.setInt(9, auth.isFlagBS() ? 1 : 0);
        p.setString(10, clock.instant().toString());
        p.executeUpdate();
      }
      new AuditLog(db, clock).append(c, userId, "staff.passkey-add", userId, name);
    });
  }

  /**
   * Checks the authenticator's answer to {@code get}: a passkey registered here, for this challenge,
   * signed by its key with the user verified, and a counter that went forward (a cloned authenticator
   * shows an old counter). Returns whose passkey it is; its counter and last use are stored.
   */
  public String authenticate(byte[] challenge, byte[] credentialId, byte[] userHandle, byte[] authenticatorData, byte[] clientDataJSON, byte[] signature)
      throws Refused, SQLException {
    String id = B64.encodeToString(credentialId);
    var row = db.first("SELECT user_id, user_handle, attested_credential, sign_count, uv_initialized, backup_eligible, backup_state FROM staff_passkey WHERE credential_id = ?",
        rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getInt(7) != 0}, id);
    if (row.isEmpty()) throw new Refused("no passkey with this credential id is registered", null);
    Object[] r = row.get();
    if (userHandle != null && userHandle.length > 0 && !B64.encodeToString(userHandle).equals(r[1])) throw new Refused("the passkey names another user", null);
    AttestedCredentialData credential = credentials.convert(UNB64.decode((String) r[2]));
    CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), (Boolean) r[4], (Boolean) r[5], (Boolean) r[6], (Long) r[3], credential, null, null, null, null);
    AuthenticationData data;
    try {
      data = webauthn.verify(new AuthenticationRequest(credentialId, userHandle, authenticatorData, clientDataJSON, signature),
          new AuthenticationParameters(server(challenge), record, List.of(credentialId), true, true));
    } catch (DataConversionException | VerificationException e) {
      throw new Refused("authentication not verified: " + e.getMessage(), e);
    }
    db.update("UPDATE staff_passkey SET sign_count = ?, last_used_at = ? WHERE credential_id = ?",
        data.getAuthenticatorData().getSignCount(), clock.instant().toString(), id);
    return (String) r[0];
  }

  public List<Passkey> list(String userId) throws SQLException {
    return db.list("SELECT credential_id, label, created_at, last_used_at FROM staff_passkey WHERE user_id = ? ORDER BY created_at", rs -> new Passkey(
        rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), Optional.ofNullable(rs.getString(4)).map(Instant::parse)), userId);
  }

  /** Removes one of the user's passkeys (a lost phone); audited. False if the user has none with that id. */
  public boolean remove(String userId, String credentialId) throws SQLException {
    return db.write(c -> {
      int n;
      try (var p = c.prepareStatement("DELETE FROM staff_passkey WHERE user_id = ? AND credential_id = ?")) {
        p.setString(1, userId);
        p.setString(2, credentialId);
        n = p.executeUpdate();
      }
      if (n > 0) new AuditLog(db, clock).append(c, userId, "staff.passkey-remove", userId, "");
      return n > 0;
    });
  }

  /** The user's WebAuthn user handle: random, the same for each of their passkeys, never the user id. */
  public String userHandle(String userId) throws SQLException {
    Optional<String> known = db.first("SELECT user_handle FROM staff_passkey WHERE user_id = ? LIMIT 1", rs -> rs.getString(1), userId);
    if (known.isPresent()) return known.get();
    byte[] b = new byte[16];
    random.nextBytes(b);
    return B64.encodeToString(b);
  }

  private ServerProperty server(byte[] challenge) {
    return ServerProperty.builder().origin(origin).rpId(rpId).challenge(new DefaultChallenge(challenge)).build();
  }

  /** For templates and tests: base64url without padding, as WebAuthn's JSON forms use. */
  public static String base64url(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  public static byte[] fromBase64url(String text) {
    return UNB64.decode(text);
  }

  /** A base64url field of a ceremony's JSON answer; IllegalArgumentException when missing or not base64url. */
  public static byte[] field(com.fasterxml.jackson.databind.JsonNode body, String name) {
    var v = body.get(name);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException(name + " is missing");
    return UNB64.decode(v.asText());
  }

}
