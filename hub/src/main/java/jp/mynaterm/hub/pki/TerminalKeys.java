package jp.mynaterm.hub.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The terminal's side of enrollment, run on the device: its own EC P-256 key (owner-only, never sent
 * anywhere) and a CSR naming its id, to take with the enrollment token to the hub. Here for now since
 * the launcher holds every module; it moves to the agent's side when agents connect over TLS.
 */
public final class TerminalKeys {
  public static final String KEY = "terminal.key";
  public static final String CSR = "terminal.csr";
  public static final String CERT = "terminal.pem";

  private TerminalKeys() {}

  /** Makes the key and CSR in {@code dir}; refuses to replace a key that is there. */
  public static PKCS10CertificationRequest request(String terminal, Path dir) throws IOException, PkiRefused {
    Path key = dir.resolve(KEY);
    if (Files.exists(key)) throw new PkiRefused(key + " exists; a terminal keeps its key (remove it first to make a new one)");
    KeyPair kp = Pem.newKeyPair();
    Pem.writePrivateKey(key, kp.getPrivate());
    try {
      PKCS10CertificationRequest csr =
          new JcaPKCS10CertificationRequestBuilder(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, terminal).build(), kp.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
      Pem.writePublic(dir.resolve(CSR), csr);
      return csr;
    } catch (OperatorCreationException e) {
      throw new IOException("cannot sign the CSR: " + e.getMessage(), e);
    }
  }
}
