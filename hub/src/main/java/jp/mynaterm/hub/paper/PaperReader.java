package jp.mynaterm.hub.paper;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The QR codes on a certificate as a file holds them: a PDF (each page rendered by PDFBox) or a scan
 * or photo (PNG, JPEG), read by ZXing. Used by {@code ./mynaterm verify} and the hub's /verify page.
 */
public final class PaperReader {
  /** A 1.5 pt module is 4 pixels at 200 dpi, well above ZXing's needs, and an A4 page stays about 4 MP. */
  private static final float PDF_DPI = 200;
  private static final int MAX_PAGES = 4;
  private static final Map<DecodeHintType, Object> HINTS =
      Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
          DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

  private PaperReader() {}

  /**
   * The text of the QR code on each page (a PDF) or in the picture; pages without one are left out.
   *
   * @throws IOException when the bytes are neither a PDF nor an image Java reads (PNG, JPEG, GIF, BMP)
   */
  public static List<String> qrTexts(byte[] file) throws IOException {
    List<String> found = new ArrayList<>();
    if (isPdf(file)) {
      try (PDDocument pdf = Loader.loadPDF(file)) {
        PDFRenderer renderer = new PDFRenderer(pdf);
        for (int page = 0; page < Math.min(MAX_PAGES, pdf.getNumberOfPages()); page++) {
          BufferedImage image = renderer.renderImageWithDPI(page, PDF_DPI, ImageType.GRAY);
          decodeEitherSize(image).ifPresent(found::add);
        }
      }
      return found;
    }
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
    if (image == null) throw new IOException("neither a PDF nor a PNG or JPEG image");
    decodeEitherSize(image).ifPresent(found::add);
    return found;
  }

  /**
   * As given, else at half size. A phone's photo or a 600 dpi scan: halving smooths the paper's grain
   * and the print's dots away. A large code printed before the kiosk checked its codes read back (see
   * hardware's ReadableQrCode): ZXing's detector misses some at 3 pixels a module and more, not at 2.
   */
  private static Optional<String> decodeEitherSize(BufferedImage image) {
    return decode(image, 1).or(() -> decode(image, 2));
  }

  private static boolean isPdf(byte[] file) {
    return file.length > 5 && new String(file, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-");
  }

  private static Optional<String> decode(BufferedImage image, int shrink) {
    // Drawn into plain RGB first: getRGB on a grey image (a grey scan, PDFBox's GRAY rendering) converts
    // from linear grey with a gamma that washes the modules out, and the code is not found.
    BufferedImage rgb = new BufferedImage(Math.max(1, image.getWidth() / shrink), Math.max(1, image.getHeight() / shrink), BufferedImage.TYPE_INT_RGB);
    var g = rgb.createGraphics();
    try {
      g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, rgb.getWidth(), rgb.getHeight(), null);
    } finally {
      g.dispose();
    }
    int[] pixels = rgb.getRGB(0, 0, rgb.getWidth(), rgb.getHeight(), null, 0, rgb.getWidth());
    LuminanceSource source = new RGBLuminanceSource(rgb.getWidth(), rgb.getHeight(), pixels);
    try {
      Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), HINTS);
      return Optional.of(result.getText());
    } catch (ReaderException e) {
      return Optional.empty(); // a damaged code reads as none; the officer is told no code was found
    }
  }
}
