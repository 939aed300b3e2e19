package jp.mynaterm.protocol.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CardIdsTest {
  private static final X500Principal ISSUER = new X500Principal("CN=Test User Auth CA, O=mynaterm test, C=JP");
  private final CardIds ids = new CardIds("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  @Test
  void isTwentySixBase32Characters() {
    String id = ids.derive(ISSUER, BigInteger.valueOf(1)).value();
    assertEquals(26, id.length());
    assertTrue(id.matches("[A-Z2-7]{26}"), id);
  }

  @Test
  void theSameCertificateAlwaysGivesTheSameId() {
    assertEquals(ids.derive(ISSUER, BigInteger.valueOf(77)), new CardIds("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).derive(ISSUER, BigInteger.valueOf(77)));
  }

  @Test
  void contractVectorStaysFixed() {
    // Every terminal and the hub must agree across versions: a change here would orphan every link.
    // Computed independently (Python hmac + base64.b32encode over the DER issuer and serial bytes).
    assertEquals("GBEQN5U6FVVKY5FRNUQBPSCJVW", ids.derive(ISSUER, new BigInteger("1234567890abcdef", 16)).value());
  }

  @Test
  void differsBySerialIssuerAndMunicipalityKey() {
    CardId base = ids.derive(ISSUER, BigInteger.TEN);
    assertNotEquals(base, ids.derive(ISSUER, BigInteger.valueOf(11)));
    assertNotEquals(base, ids.derive(new X500Principal("CN=Other CA, C=JP"), BigInteger.TEN));
    assertNotEquals(base, new CardIds("another-city-key-0123456789".getBytes(StandardCharsets.US_ASCII)).derive(ISSUER, BigInteger.TEN));
  }

  @Test
  void keyTextIsHexOrBase64AndTooShortKeysAreRefused() {
    CardIds hex = CardIds.fromKeyText("30313233343536373839616263646566" + "30313233343536373839616263646566");
    CardIds b64 = CardIds.fromKeyText(java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(ids.derive(ISSUER, BigInteger.TWO), hex.derive(ISSUER, BigInteger.TWO));
    assertEquals(ids.derive(ISSUER, BigInteger.TWO), b64.derive(ISSUER, BigInteger.TWO));
    assertThrows(IllegalArgumentException.class, () -> CardIds.fromKeyText("c2hvcnQ="));
    assertThrows(IllegalArgumentException.class, () -> CardIds.fromKeyText("not base64 at all!"));
  }

  @Test
  void cardIdRefusesAnythingButItsForm() {
    assertThrows(IllegalArgumentException.class, () -> new CardId("123456789012"));
    assertThrows(IllegalArgumentException.class, () -> new CardId("sn2u5kqhmsxqrjhmk7x2dbzbra"));
  }
}
