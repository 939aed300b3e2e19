package jp.mynaterm.hub.pki;

/** A PKI request refused for a reason the operator can act on (unknown token, wrong CSR, …). */
public final class PkiRefused extends Exception {
  public PkiRefused(String message) {
    super(message);
  }
}
