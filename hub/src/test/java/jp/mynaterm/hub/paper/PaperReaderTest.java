package jp.mynaterm.hub.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import jp.mynaterm.testsupport.QrCodeSamples;
import org.junit.jupiter.api.Test;

/**
 * Papers printed before the kiosk chose a QR mask that reads back carry, about one in seven, a code
 * ZXing's detector misses at 3 pixels a module and more: the reader tries again at half size, where it
 * finds most of them, so an officer checking such a scan is not told "no code".
 */
class PaperReaderTest {
  private static final String HARD = QrCodeSamples.householdSized(1)[0];
  /** Encoded as the kiosk did then: the mask the standard's penalty picks. */
  private static final BitMatrix AS_PRINTED_THEN = standardMask(HARD);

  @Test
  void aScanOfSuchAPaperIsRead() throws Exception {
    int scale = 4; // one of the sizes where the detector misses this code
    BufferedImage scan = new BufferedImage((AS_PRINTED_THEN.getWidth() + 8) * scale, (AS_PRINTED_THEN.getHeight() + 8) * scale, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < scan.getHeight(); y++) {
      for (int x = 0; x < scan.getWidth(); x++) {
        int col = x / scale - 4;
        int row = y / scale - 4;
        boolean dark = col >= 0 && row >= 0 && col < AS_PRINTED_THEN.getWidth() && row < AS_PRINTED_THEN.getHeight() && AS_PRINTED_THEN.get(col, row);
        scan.setRGB(x, y, dark ? 0 : 0xFFFFFF);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(scan, "png", png);
    assertEquals(List.of(HARD), PaperReader.qrTexts(png.toByteArray()));
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
