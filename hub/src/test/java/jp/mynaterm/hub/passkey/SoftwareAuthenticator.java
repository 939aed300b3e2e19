package jp.mynaterm.hub.passkey;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;

/**
 * A passkey authenticator in software, for testing the server side of the ceremonies without a browser:
 * an ES256 key pair, attestation {@code none}, user presence and verification flags set, a counter, and
 * the JSON the pages' script ({@code passkeys.js}) would post. What it sends is built by webauthn4j's
 * own converters. Tests set {@link #counter} (a clone's) and {@link #origin} (a page elsewhere) to misbehave.
 */
public final class SoftwareAuthenticator {
  private static final ObjectConverter CONVERTER = new ObjectConverter();
  private final KeyPair keys;
  private final byte[] credentialId = new byte[16];
  private final String rpId;
  public String origin;
  public long counter;
  byte[] userHandle;

  public SoftwareAuthenticator(String rpId, String origin) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    keys = g.generateKeyPair();
    new java.security.SecureRandom().nextBytes(credentialId);
    this.rpId = rpId;
    this.origin = origin;
  }

  public byte[] credentialId() {
    return credentialId.clone();
  }

  /** The answer to {@code navigator.credentials.create} for these options (challenge and user handle from them). */
  public Map<String, String> create(byte[] challenge, byte[] userHandle) throws Exception {
    this.userHandle = userHandle;
    var credential = new AttestedCredentialData(AAGUID.ZERO, credentialId, EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
    var data = new AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>(
        sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT), counter, credential);
    byte[] attestation = new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
    return Map.of("label", "テスト端末", "clientDataJSON", Passkeys.base64url(clientData(ClientDataType.WEBAUTHN_CREATE, challenge)),
        "attestationObject", Passkeys.base64url(attestation));
  }

  /** The answer to {@code navigator.credentials.get}: the counter goes up by one, as an authenticator's does. */
  public Map<String, String> get(byte[] challenge) throws Exception {
    counter++;
    byte[] data = new AuthenticatorDataConverter(CONVERTER).convert(
        new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV), counter));
    byte[] clientData = clientData(ClientDataType.WEBAUTHN_GET, challenge);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.writeBytes(data);
    signed.writeBytes(sha256(clientData));
    Signature es256 = Signature.getInstance("SHA256withECDSA");
    es256.initSign(keys.getPrivate());
    es256.update(signed.toByteArray());
    return Map.of("id", Passkeys.base64url(credentialId), "authenticatorData", Passkeys.base64url(data), "clientDataJSON", Passkeys.base64url(clientData),
        "signature", Passkeys.base64url(es256.sign()), "userHandle", Passkeys.base64url(userHandle));
  }

  private byte[] clientData(ClientDataType type, byte[] challenge) {
    return new CollectedClientDataConverter(CONVERTER).convertToBytes(new CollectedClientData(type, new DefaultChallenge(challenge), new Origin(origin), null));
  }

  private static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }
}
