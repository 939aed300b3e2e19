package jp.mynaterm.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import jp.mynaterm.config.CertificatePrinterSettings;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.protocol.io.AtomicFiles;

/**
 * The demo's resident register extract as the city's 住基 system would export it after its card window
 * issued the virtual cards: the example extract (config/examples/residents.csv) with each virtual
 * resident's user-authentication certificate (issuer, serial) from the virtual cards' test PKI, which
 * makes its keys on first use in each installation, and a sample seal impression (印影) per seal
 * registration — a red circle with the surname, drawn with the IPAex font. So the demo kiosk serves a
 * resident who never visited a counter, and its 印鑑登録証明書 prints an impression.
 */
final class DemoRegister {
  private DemoRegister() {}

  /** Writes {@code folder/residents.csv} and {@code folder/seals/*.png}; returns the extract. */
  static Path write(Path examples, VirtualCardPki pki, Path folder) throws IOException {
    List<String> lines = Files.readAllLines(examples.resolve("residents.csv"), StandardCharsets.UTF_8);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int id = header.indexOf("resident_id");
    int family = header.indexOf("family_name");
    int seal = header.indexOf("seal_number");
    int issuer = header.indexOf("auth_cert_issuer");
    int serial = header.indexOf("auth_cert_serial");
    int impression = header.indexOf("seal_impression");
    Files.createDirectories(folder.resolve("seals"));
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) continue;
      // The example's cells hold no commas or quotes; only the issuer written here needs quoting.
      String[] cells = line.split(",", -1);
      var card = Resident.find(cells[id]);
      if (card.isPresent()) {
        X509Certificate cert = pki.cardFor(card.get()).userAuth();
        cells[issuer] = "\"" + cert.getIssuerX500Principal().getName() + "\"";
        cells[serial] = cert.getSerialNumber().toString(16).toUpperCase();
      }
      if (!cells[seal].isEmpty()) {
        String file = "seals/" + cells[seal] + ".png";
        AtomicFiles.write(folder.resolve(file), impression(cells[family]));
        cells[impression] = file;
      }
      out.add(String.join(",", cells));
    }
    Path extract = folder.resolve("residents.csv");
    AtomicFiles.write(extract, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
    return extract;
  }

  /** A round personal seal (認印) as a PNG: a red ring and the surname top to bottom, transparent around. */
  static byte[] impression(String surname) throws IOException {
    int size = 240;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      Color vermilion = new Color(0xD0, 0x21, 0x1B);
      g.setColor(vermilion);
      g.setStroke(new BasicStroke(12));
      g.drawOval(10, 10, size - 20, size - 20);
      int chars = Math.max(1, surname.codePointCount(0, surname.length()));
      float glyph = Math.min(110f, 170f / chars);
      g.setFont(font().deriveFont(Font.BOLD, glyph));
      var metrics = g.getFontMetrics();
      int[] points = surname.codePoints().toArray();
      float top = (size - glyph * chars) / 2 + metrics.getAscent() * 0.88f;
      for (int i = 0; i < points.length; i++) {
        String c = new String(points, i, 1);
        g.drawString(c, (size - metrics.stringWidth(c)) / 2f, top + i * glyph);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return png.toByteArray();
  }

  /** IPAex Mincho as on every certificate; a logical serif font where it is not installed. */
  private static Font font() {
    Path ipaex = Path.of(CertificatePrinterSettings.IPAEX_MINCHO);
    try {
      if (Files.isReadable(ipaex)) return Font.createFont(Font.TRUETYPE_FONT, ipaex.toFile());
    } catch (FontFormatException | IOException e) {
      // fall through to the logical font
    }
    return new Font(Font.SERIF, Font.PLAIN, 12);
  }
}
