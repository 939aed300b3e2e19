package jp.mynaterm.hardware.card;

import java.security.cert.X509Certificate;

/** The user-authentication certificate and its CA certificate as read from the card (no PIN needed). */
public record CardCertificates(X509Certificate userAuth, X509Certificate ca) {}
