package jp.mynaterm.hardware.card.virtual;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** What one virtual card carries from the test PKI: its user-auth certificate, the CA's, and the key. */
public record CardMaterial(X509Certificate userAuth, X509Certificate ca, PrivateKey key) {
  @Override
  public String toString() {
    return "CardMaterial[serial " + userAuth.getSerialNumber().toString(16) + "]";
  }
}
