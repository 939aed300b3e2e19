package jp.mynaterm.hardware.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.config.CertificatePrinterSettings;
import jp.mynaterm.testsupport.QrCodeSamples;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateRendererTest {
  static final Path FONT = Path.of(CertificatePrinterSettings.IPAEX_MINCHO);
  private static final CertificateDocument SAMPLE = CertificateDocument.sample(LocalDate.of(2025, 11, 25), "K7Q2-9MX4-T3LA");
  private static byte[] pdf;

  @BeforeAll
  static void render() throws IOException {
    pdf = new CertificateRenderer(FONT, Optional.empty(), "美濃市 MINO CITY").render(SAMPLE);
    if (System.getenv("DUMP_PDF") != null) java.nio.file.Files.write(Path.of(System.getenv("DUMP_PDF")), pdf);
  }

  @Test
  void isOneA4PageWithTheJapaneseTextExtractable() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals(1, doc.getNumberOfPages());
      assertEquals(595, Math.round(doc.getPage(0).getMediaBox().getWidth()));
      assertEquals(842, Math.round(doc.getPage(0).getMediaBox().getHeight()));
      String text = new PDFTextStripper().getText(doc);
      for (String expected : new String[] {"住民票の写し", "見本　花子", "岐阜県美濃市泉町１丁目３番地",
          "住民票の原本と相違ない", "令和7年11月25日", "岐阜県美濃市長", "K7Q2-9MX4-T3LA"}) {
        assertTrue(text.contains(expected), "missing " + expected + " in:\n" + text);
      }
      for (var name : doc.getPage(0).getResources().getFontNames()) {
        PDFont font = doc.getPage(0).getResources().getFont(name);
        assertTrue(font.isEmbedded(), font.getName() + " is embedded so any printer shows it");
      }
    }
  }

  @Test
  void qrCodeOnThePageDecodesToTheGivenContent() throws Exception {
    BufferedImage page;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      page = new PDFRenderer(doc).renderImageWithDPI(0, 150);
    }
    // The QR code sits in the bottom-right corner; decode that quarter, background pattern and all.
    BufferedImage corner = page.getSubimage(page.getWidth() / 2, page.getHeight() * 3 / 4, page.getWidth() / 2, page.getHeight() / 4);
    int[] pixels = corner.getRGB(0, 0, corner.getWidth(), corner.getHeight(), null, 0, corner.getWidth());
    var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(corner.getWidth(), corner.getHeight(), pixels)));
    String decoded = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    assertEquals(SAMPLE.qrContent(), decoded);
  }

  /**
   * A household's signed fields make a code of about 100 modules a side; with the mask the standard's
   * penalty picks, some of those ZXing's detector cannot find (the verifier said "no QR code" for a
   * genuine paper, about one in seven). For such a content the renderer prints another mask, and the
   * page reads at the verifier's 200 dpi and a scanner's 150 dpi, at the first try.
   */
  @Test
  void aLargeCodeIsPrintedWithAMaskThatReadsBack() throws Exception {
    String hard = QrCodeSamples.householdSized(1)[0];
    BitMatrix standard = ReadableQrCode.matrix(hard, -1);
    assertEquals(Optional.empty(), readAt(standard, 4), "the standard's mask is one the detector misses, so this test shows the choice matters");

    BitMatrix printed = ReadableQrCode.encode(hard, CertificateRenderer::qrSide);
    assertTrue(!printed.equals(standard) && ReadableQrCode.readsBack(printed, hard, CertificateRenderer.qrSide(printed)), "another mask, one that reads back");
    CertificateDocument c = SAMPLE;
    byte[] page = new CertificateRenderer(FONT, Optional.empty(), "美濃市").render(
        new CertificateDocument(c.title(), c.entries(), c.statement(), c.issuer(), c.issued(), c.verificationCode(), hard));
    try (PDDocument doc = Loader.loadPDF(page)) {
      for (int dpi : new int[] {150, 200}) {
        BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, dpi);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        assertEquals(hard, new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText(), dpi + " dpi");
      }
    }
  }

  /** The code drawn cleanly, {@code scale} pixels a module in a 4-module quiet zone, read by ZXing. */
  private static Optional<String> readAt(BitMatrix m, int scale) {
    int quiet = 4 * scale;
    BufferedImage image = new BufferedImage(m.getWidth() * scale + 2 * quiet, m.getHeight() * scale + 2 * quiet, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int col = (x - quiet) / scale;
        int row = (y - quiet) / scale;
        boolean dark = x >= quiet && y >= quiet && col < m.getWidth() && row < m.getHeight() && m.get(col, row);
        image.setRGB(x, y, dark ? 0 : 0xFFFFFF);
      }
    }
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    try {
      return Optional.of(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
          Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText());
    } catch (ReaderException e) {
      return Optional.empty();
    }
  }

  @Test
  void writesWhatWasDrawnNotTheRadicalFormsThatShareGlyphs() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.codePoints().noneMatch(cp -> cp >= 0x2E80 && cp <= 0x2FDF), "no CJK radicals in:\n" + text);
    }
  }

  @Test
  void aConfiguredSealIsPlacedOnThePageAndAMissingOneIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path seal = dir.resolve("seal.png");
    BufferedImage red = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = red.createGraphics();
    g.setColor(java.awt.Color.RED);
    g.fillOval(2, 2, 60, 60);
    g.dispose();
    javax.imageio.ImageIO.write(red, "png", seal.toFile());
    byte[] sealed = new CertificateRenderer(FONT, Optional.of(seal), "美濃市").render(SAMPLE);
    try (PDDocument doc = Loader.loadPDF(sealed); PDDocument plain = Loader.loadPDF(pdf)) {
      assertEquals(1, images(doc), "the seal is one image on the page");
      assertEquals(0, images(plain), "no seal configured, no image");
    }
    Path missing = dir.resolve("no-seal.png");
    IOException e = assertThrows(IOException.class, () -> new CertificateRenderer(FONT, Optional.of(missing), "x").render(SAMPLE));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  private static long images(PDDocument doc) throws IOException {
    var resources = doc.getPage(0).getResources();
    long n = 0;
    for (var name : resources.getXObjectNames()) {
      if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) n++;
    }
    return n;
  }

  @Test
  void aSecondCertificateFromTheSameRendererCarriesTheSameBackground() throws IOException {
    var renderer = new CertificateRenderer(FONT, Optional.empty(), "美濃市");
    renderer.render(SAMPLE); // the first draws the background and the font; the next copy them
    try (PDDocument first = Loader.loadPDF(pdf); PDDocument again = Loader.loadPDF(renderer.render(SAMPLE))) {
      assertEquals(forms(first), forms(again), "the waves and the words, as forms");
      assertEquals(new PDFTextStripper().getText(first).replace("美濃市 MINO CITY", "美濃市"), new PDFTextStripper().getText(again));
    }
  }

  private static int forms(PDDocument doc) throws IOException {
    int n = 0;
    var resources = doc.getPage(0).getResources();
    for (var name : resources.getXObjectNames()) {
      if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject) n++;
    }
    return n;
  }

  @Test
  void aLongHouseholdStaysOnOnePageAndTooLongIsRefusedClearly() throws IOException {
    java.util.List<CertificateDocument.Entry> rows = new java.util.ArrayList<>();
    for (int i = 0; rows.size() + 6 <= CertificateRenderer.maxRows(); i++) {
      for (String label : new String[] {"氏名", "生年月日", "性別", "続柄", "住民となった年月日", "住所"}) {
        rows.add(new CertificateDocument.Entry(label, "見本" + i));
      }
    }
    var renderer = new CertificateRenderer(FONT, Optional.empty(), "美濃市");
    var household = new CertificateDocument("住民票の写し", rows, SAMPLE.statement(), SAMPLE.issuer(), SAMPLE.issued(), "X", "X");
    try (PDDocument doc = Loader.loadPDF(renderer.render(household))) {
      assertEquals(1, doc.getNumberOfPages());
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("見本" + (rows.size() / 6 - 1)) && text.contains("岐阜県美濃市長"), text);
    }
    rows.addAll(rows);
    var tooLong = new CertificateDocument("住民票の写し", rows, SAMPLE.statement(), SAMPLE.issuer(), SAMPLE.issued(), "X", "X");
    IOException e = assertThrows(IOException.class, () -> renderer.render(tooLong));
    assertTrue(e.getMessage().contains("one A4 page holds " + CertificateRenderer.maxRows()), e.getMessage());
  }

  @Test
  void aMissingFontIsNamedInTheError() {
    var renderer = new CertificateRenderer(Path.of("/nonexistent/font.ttf"), Optional.empty(), "x");
    IOException e = assertThrows(IOException.class, () -> renderer.render(SAMPLE));
    assertTrue(e.getMessage().contains("/nonexistent/font.ttf") && e.getMessage().contains("fonts-ipaexfont"), e.getMessage());
  }

  @Test
  void eraDatesAreWrittenTheWayCertificatesWriteThem() {
    assertEquals("令和元年5月1日", CertificateRenderer.eraDate(LocalDate.of(2019, 5, 1)));
    assertEquals("平成31年4月30日", CertificateRenderer.eraDate(LocalDate.of(2019, 4, 30)));
  }
}
