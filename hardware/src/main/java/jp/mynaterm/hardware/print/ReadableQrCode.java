package jp.mynaterm.hardware.print;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QR code a certificate prints, with a mask chosen so that it reads back. A large code (a
 * household's signed fields: version 20 and more) with the mask the QR standard's penalty rules pick
 * is, for about one content in seven, a symbol ZXing's detector cannot locate at 3 to 6 pixels a module
 * — something in its data passes for an alignment pattern — so {@code ./mynaterm verify} and the hub's
 * /verify page said "no QR code" for a genuine paper. So each candidate (the standard's choice first,
 * then the eight masks in turn) is drawn cleanly at its printed size as 150, 200 and 300 dpi give it,
 * edges anti-aliased, and the first the reference decoder reads at all three is printed.
 *
 * <p>This removes the codes that fail at every size; it is not a promise for every rendering: a page
 * rasterised by PDFBox, whose modules fall on other pixel phases, still misses now and then (2 of 90
 * page renders measured), which the reader's second try at half size catches (hub's PaperReader).
 */
final class ReadableQrCode {
  private static final Logger log = LoggerFactory.getLogger(ReadableQrCode.class);
  /** An office scanner's default, the verifier's PDF rendering, and the resolution the paper is made for. */
  private static final int[] SCAN_DPI = {150, 200, 300};
  private static final int QUIET_MODULES = 4;

  private ReadableQrCode() {}

  /**
   * The code's modules, without a margin (the page draws its own quiet zone).
   *
   * @param side the printed side in points for a matrix, so the check draws modules at their printed size
   */
  static BitMatrix encode(String content, ToDoubleFunction<BitMatrix> side) throws IOException {
    BitMatrix first = null;
    for (int mask = -1; mask < 8; mask++) {
      BitMatrix candidate = matrix(content, mask);
      if (first == null) first = candidate;
      if (readsBack(candidate, content, side.applyAsDouble(candidate))) return candidate;
    }
    // Phones' readers find codes ZXing's does not; a paper the verifier cannot read beats none.
    log.warn("no mask of a {}-module QR code reads back with the reference decoder; printing the standard's choice", first.getWidth());
    return first;
  }

  /** The code with {@code mask} (0 to 7), or with the one the standard's penalty picks (-1). */
  static BitMatrix matrix(String content, int mask) throws IOException {
    // Medium error correction survives a crease or a stamp over a corner; margin 0, the page adds its own.
    Map<EncodeHintType, Object> hints = new HashMap<>(Map.of(
        EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0, EncodeHintType.CHARACTER_SET, "UTF-8"));
    if (mask >= 0) hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    try {
      return new QRCodeWriter().encode(content, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException e) {
      throw new IOException("QR content cannot be encoded: " + e.getMessage(), e);
    }
  }

  /** Whether the reference decoder reads {@code content} from the code drawn {@code sidePoints} wide at each of the scan resolutions. */
  static boolean readsBack(BitMatrix qr, String content, double sidePoints) {
    for (int dpi : SCAN_DPI) {
      if (!content.equals(decode(draw(qr, sidePoints / qr.getWidth() * dpi / 72)))) return false;
    }
    return true;
  }

  /** The code in its quiet zone, grey, as a renderer or a scanner's sensor gives it: module edges blend. */
  private static BufferedImage draw(BitMatrix qr, double modulePixels) {
    int size = (int) Math.ceil((qr.getWidth() + 2 * QUIET_MODULES) * modulePixels);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    var g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setColor(Color.BLACK);
      double origin = QUIET_MODULES * modulePixels;
      // One path, filled once, as the page's rectangles are: no seams where modules meet.
      Path2D.Double dark = new Path2D.Double();
      for (int row = 0; row < qr.getHeight(); row++) {
        for (int col = 0; col < qr.getWidth(); col++) {
          if (qr.get(col, row)) dark.append(new Rectangle2D.Double(origin + col * modulePixels, origin + row * modulePixels, modulePixels, modulePixels), false);
        }
      }
      g.fill(dark);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static String decode(BufferedImage grey) {
    byte[] luminance = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    int w = grey.getWidth();
    int h = grey.getHeight();
    var source = new PlanarYUVLuminanceSource(luminance, w, h, 0, 0, w, h, false);
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
          Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.CHARACTER_SET, "UTF-8")).getText();
    } catch (ReaderException e) {
      return null;
    }
  }
}
