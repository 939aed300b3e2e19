package jp.mynaterm.hub.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.mynaterm.testsupport.QrCodeSamples;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

/**
 * Papers printed before the kiosk chose a QR mask that reads back carry, about one in seven, a code
 * ZXing's detector misses at 3 pixels a module and more: the reader tries a page again at half size,
 * where it finds them, so an officer checking the kiosk's PDF of such a paper is not told "no code".
 * (A scan or photo was already tried at half size as well.)
 */
class PaperReaderTest {
  private static final String HARD = QrCodeSamples.householdSized(1)[0];
  /** Encoded as the kiosk did then: the mask the standard's penalty picks. */
  private static final BitMatrix AS_PRINTED_THEN = standardMask(HARD);

  @Test
  void theKiosksPdfOfSuchAPaperIsRead() throws Exception {
    float module = 1.5f; // the renderer's module, 0.53 mm
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
        for (int row = 0; row < AS_PRINTED_THEN.getHeight(); row++) {
          for (int col = 0; col < AS_PRINTED_THEN.getWidth(); col++) {
            if (AS_PRINTED_THEN.get(col, row)) out.addRect(370 + col * module, 220 - row * module, module, module);
          }
        }
        out.fill();
      }
      doc.save(pdf);
    }
    assertEquals(List.of(HARD), PaperReader.qrTexts(pdf.toByteArray()));
  }

  @Test
  void neitherAPdfNorAnImageIsSaidSo() {
    var e = assertThrows(java.io.IOException.class, () -> PaperReader.qrTexts("hello".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("neither a PDF nor a PNG or JPEG image", e.getMessage());
  }

  private static BitMatrix standardMask(String content) {
    try {
      return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0, EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (com.google.zxing.WriterException e) {
      throw new IllegalStateException(e);
    }
  }
}
