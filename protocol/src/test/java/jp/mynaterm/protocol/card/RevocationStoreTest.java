package jp.mynaterm.protocol.card;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationStoreTest {
  private final RevocationStore store = new RevocationStore();

  @Test
  void findsListedSerialsAndOnlyThose() {
    store.replaceAll(List.of("1a2b3c", "ff", "0x10", "7fffffffffffffff", "8000000000000000", "123456789abcdef0123456789"));
    assertTrue(store.isRevoked(any(BigInteger.valueOf(0x1a2b3c))));
    assertTrue(store.isRevoked("FF"));
    assertTrue(store.isRevoked("10"));
    assertTrue(store.isRevoked(any(new BigInteger("7fffffffffffffff", 16))));
    assertTrue(store.isRevoked(any(new BigInteger("8000000000000000", 16))), "serials wider than 63 bits");
    assertTrue(store.isRevoked("123456789abcdef0123456789"));
    assertFalse(store.isRevoked("1a2b3d"));
    assertFalse(store.isRevoked(any(BigInteger.ZERO)));
    assertEquals(6, store.size());
  }

  private static CertificateKey any(BigInteger serial) {
    return new CertificateKey(CertificateKey.ANY_ISSUER, serial);
  }

  private static final X500Principal CA_1 = new X500Principal("CN=JPKI User Authentication CA 1, O=J-LIS, C=JP");
  private static final X500Principal CA_2 = new X500Principal("CN=JPKI User Authentication CA 2, O=J-LIS, C=JP");

  @Test
  void anEntryRevokesThatSerialOfItsIssuerOnly_aBareSerialOfAnyIssuer() {
    String ofCa1 = CertificateKey.of(CA_1, BigInteger.valueOf(0x1092)).entry();
    assertTrue(ofCa1.matches("[0-9a-f]{16}/1092"), ofCa1);
    store.replaceAll(List.of(ofCa1, "7f3a"));
    assertTrue(store.isRevoked(CertificateKey.of(CA_1, BigInteger.valueOf(0x1092))));
    assertFalse(store.isRevoked(CertificateKey.of(CA_2, BigInteger.valueOf(0x1092))), "the same serial of another CA is another certificate");
    assertTrue(store.isRevoked(CertificateKey.of(CA_2, BigInteger.valueOf(0x7f3a))), "an entry written before issuers were keyed keeps revoking");
    store.apply(List.of(CertificateKey.of(CA_2, BigInteger.valueOf(0x1092)).entry()), List.of(ofCa1));
    assertFalse(store.isRevoked(CertificateKey.of(CA_1, BigInteger.valueOf(0x1092))));
    assertTrue(store.isRevoked(CertificateKey.of(CA_2, BigInteger.valueOf(0x1092))));
    assertEquals(2, store.size());
    assertFalse(CertificateKey.of(CA_1, BigInteger.valueOf(0x1092)).toString().contains("1092"), "never shows the serial");
    assertThrows(IllegalArgumentException.class, () -> store.replaceAll(List.of("NOTHEX0000000000/12")));
  }

  @Test
  void duplicatesCountOnce() {
    store.replaceAll(List.of("a", "0a", "A", "b"));
    assertEquals(2, store.size());
  }

  @Test
  void deltasAddAndRemove() {
    store.replaceAll(List.of("1", "3", "5", "9000000000000000"));
    store.apply(List.of("2", "4", "ffffffffffffffffff"), List.of("3", "9000000000000000", "77"));
    for (String s : List.of("1", "2", "4", "5", "ffffffffffffffffff")) assertTrue(store.isRevoked(s), s);
    for (String s : List.of("3", "9000000000000000", "77")) assertFalse(store.isRevoked(s), s);
    assertEquals(5, store.size());
  }

  @Test
  void aBadSerialNamesItselfAndLeavesTheStoreAsItWas() {
    store.replaceAll(List.of("1", "2"));
    var e = assertThrows(IllegalArgumentException.class, () -> store.replaceAll(List.of("3", "xyz")));
    assertTrue(e.getMessage().contains("xyz"));
    assertThrows(IllegalArgumentException.class, () -> store.apply(List.of("4"), List.of("-5")));
    assertTrue(store.isRevoked("1"));
    assertFalse(store.isRevoked("3"));
    assertFalse(store.isRevoked("4"));
  }

  @Test
  void loadsATextListWithCommentsAndReportsTheBadLine(@TempDir Path dir) throws IOException {
    Path list = dir.resolve("revoked.txt");
    Files.writeString(list, "# revoked user-auth serials\n0a:1b:2c\n\n  3d4e  # put on hold\n");
    store.load(list, null);
    assertTrue(store.isRevoked("a1b2c"));
    assertTrue(store.isRevoked("3d4e"));
    Files.writeString(list, "0a\nnot-a-serial\n");
    IOException e = assertThrows(IOException.class, () -> store.load(list, null));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(store.isRevoked("3d4e"), "kept the previous contents");
  }

  @Test
  void theWireFormIsLowercaseHexOfThePositiveSerial() {
    assertEquals("ff00", Serials.toHex(BigInteger.valueOf(0xff00)));
    assertEquals(new BigInteger("123456789abcdef", 16), Serials.parseHex("0123456789ABCDEF"));
  }
}
