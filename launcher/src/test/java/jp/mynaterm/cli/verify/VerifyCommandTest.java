package jp.mynaterm.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import jp.mynaterm.cli.MainTest;
import jp.mynaterm.config.CertificatePrinterSettings;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.IssuanceSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hardware.print.CertificateRenderer;
import jp.mynaterm.hub.issuance.CertificateDocuments;
import jp.mynaterm.hub.issuance.CertificateType;
import jp.mynaterm.hub.issuance.IssuanceAsk;
import jp.mynaterm.hub.issuance.IssuanceRepository;
import jp.mynaterm.hub.issuance.IssuingKey;
import jp.mynaterm.hub.issuance.Resident;
import jp.mynaterm.hub.issuance.ResidentRegisterCsv;
import jp.mynaterm.hub.paper.PaperReader;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.web.VerifyPage;
import jp.mynaterm.kiosk.print.PrintableCertificate;
import jp.mynaterm.protocol.issuance.SignedPaper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An officer's check of a paper (#15 §4): a household 住民票 as the hub signs it and the kiosk prints
 * it, rendered to a PNG as a scan would be, read back by {@code ./mynaterm verify}: the signed fields
 * under the paper's labels, the signature valid, the code issued at the hub; a field changed in the
 * QR code's fields makes the signature invalid.
 */
class VerifyCommandTest {
  private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
  @TempDir static Path dir;
  private static Database db;
  private static VerifyPage page;
  private static ObjectNode document;
  private static Path key;

  @BeforeAll
  static void issueAndPrint() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    IssuingKey issuing = IssuingKey.loadOrCreate(dir);
    key = dir.resolve(IssuingKey.PUBLIC_FILE);
    page = VerifyPage.start(db, new HttpSettings("127.0.0.1", 0), "美濃市", false, issuing.publicKey()).orElseThrow();
    List<Resident> register = ResidentRegisterCsv.read(Files.newBufferedReader(ROOT.resolve("config/examples/residents.csv"))).residents();
    Resident hanako = register.stream().filter(r -> r.residentId().equals("1")).findFirst().orElseThrow();
    List<Resident> household = register.stream().filter(r -> r.householdId().equals(hanako.householdId())).toList();
    var documents = new CertificateDocuments("212075", IssuanceSettings.DEFAULT, "http://127.0.0.1:" + page.port() + "/verify/");
    var ask = new IssuanceAsk(CertificateType.JUMINHYO, Map.of("scope", "household", "zokugara", "yes", "honseki", "yes"), 1);
    // As the hub grants now: a code per copy, recorded at the grant.
    document = issuing.sealInto(documents.build(ask, hanako, household, null, LocalDate.of(2026, 12, 1), List.of("ABCD-EFGH-JKMN")));
    new IssuanceRepository(db).recordIssued(new IssuanceRepository.Issued("ABCD-EFGH-JKMN", "00", "kiosk-1", "juminhyo", 1, Instant.now().toString(), "ABCD-EFGH-JKMN", 1));

    byte[] pdf = new CertificateRenderer(Path.of(CertificatePrinterSettings.IPAEX_MINCHO), Optional.empty(), "美濃市").render(PrintableCertificate.from(document));
    Files.write(dir.resolve("certificate.pdf"), pdf);
    try (var loaded = Loader.loadPDF(pdf)) {
      // 150 dpi grey, as an office scanner's default: coarser than the reader's own 200 dpi rendering
      ImageIO.write(new PDFRenderer(loaded).renderImageWithDPI(0, 150, ImageType.GRAY), "png", dir.resolve("scan.png").toFile());
    }
  }

  @AfterAll
  static void close() {
    page.close();
    db.close();
  }

  @Test
  void aScanShowsTheSignedFieldsTheValidSignatureAndTheStatusAtTheHub() {
    MainTest.Run r = MainTest.run("verify", dir.resolve("scan.png").toString(), "--key", key.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    for (String line : List.of("検証コード / Code", "ABCD-EFGH-JKMN", "copy 1 of 1", "世帯主", "美濃\u3000花子", "美濃\u3000一郎", "続柄", "本籍", "昭和60年4月12日", "valid: signed by the city's issuing key")) {
      assertTrue(r.out().contains(line), line + " in:\n" + r.out());
    }
    assertTrue(r.out().contains("status at the hub / 発行元での状態: awaiting") && r.out().contains("kiosk-1") && r.out().contains("copy 1"), "granted, no kiosk report yet:\n" + r.out());
    MainTest.Run pdf = MainTest.run("verify", dir.resolve("certificate.pdf").toString(), "--key", key.toString(), "--offline");
    assertTrue(pdf.out().contains("valid: signed"), "the PDF itself:\n" + pdf.out() + pdf.err());
  }

  @Test
  void aFieldChangedInTheCodeMakesTheSignatureInvalid() throws Exception {
    String qr = document.get("qr").asText();
    String[] jws = qr.substring(qr.indexOf('#') + 1).split("\\.");
    ObjectNode fields = (ObjectNode) new ObjectMapper().readTree(SignedPaper.open(String.join(".", jws), IssuingKeyHolder.any()).fields().toString());
    ((ObjectNode) fields.withArray("entries").get(0)).put("name", "偽造\u3000太郎");
    jws[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(deflate(fields.toString().getBytes(StandardCharsets.UTF_8)));
    Path forged = dir.resolve("forged.png");
    writeQr(qr.substring(0, qr.indexOf('#') + 1) + String.join(".", jws), forged);

    MainTest.Run r = MainTest.run("verify", forged.toString(), "--key", key.toString(), "--offline");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("偽造\u3000太郎") && r.out().contains("NOT VALID: the fields were changed after signing"), r.out());
  }

  @Test
  void withoutTheKeyFileItIsOneLineAndExitTwo() {
    MainTest.Run r = MainTest.run("verify", dir.resolve("scan.png").toString(), "--key", dir.resolve("nope.pub").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no issuing public key") && r.err().strip().lines().count() == 1, r.err());
  }

  /** Any Ed25519 key: opening a JWS reads its fields whatever the signature. */
  private static final class IssuingKeyHolder {
    static java.security.PublicKey any() throws Exception {
      return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    }
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    byte[] out = new byte[data.length + 64];
    int n = d.deflate(out);
    d.end();
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * The forged code as a forger would print it: one the verifier can read. Like the kiosk's printer
   * (hardware's ReadableQrCode), it tries the standard's mask and then each of the eight: for about one
   * content in seven ZXing's detector cannot locate a large code drawn with the standard's mask, and the
   * test would then check "no code found" instead of the signature.
   */
  private static void writeQr(String text, Path file) throws Exception {
    for (int mask = -1; mask < 8; mask++) {
      var hints = new java.util.HashMap<com.google.zxing.EncodeHintType, Object>(Map.of(com.google.zxing.EncodeHintType.MARGIN, 4));
      if (mask >= 0) hints.put(com.google.zxing.EncodeHintType.QR_MASK_PATTERN, mask);
      var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
      int scale = 4;
      BufferedImage image = new BufferedImage(matrix.getWidth() * scale, matrix.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0 : 0xFFFFFF);
      }
      ImageIO.write(image, "png", file.toFile());
      if (PaperReader.qrTexts(Files.readAllBytes(file)).equals(List.of(text))) return;
    }
    throw new AssertionError("no mask gives a forged code the reader reads");
  }
}
