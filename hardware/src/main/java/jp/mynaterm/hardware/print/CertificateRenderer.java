package jp.mynaterm.hardware.print;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Lays out a {@link CertificateDocument} on one A4 page with Apache PDFBox. The Japanese font (IPAex
 * from Debian's fonts-ipaexfont) is embedded as a subset, so any printer and pdftotext read it.
 *
 * <p>The background carries a copy-deterrent pattern (地紋): fine guilloche waves and the city's name
 * repeated small, pale enough to read through but making a photocopy look like one.
 */
public final class CertificateRenderer {
  private static final float MARGIN = 56;
  private static final float LABEL_WIDTH = 130;
  private static final float ROW_HEIGHT = 26;
  /** The QR code's smallest side; a code carrying the signed fields grows to keep its modules scannable. */
  private static final float QR_SIZE = 84;
  /**
   * 0.53 mm a module: read by a phone at arm's length and by a 300 dpi scan (6 pixels a module); up to
   * {@link #QR_MAX} (70 mm), beyond which modules shrink instead (a household of many).
   */
  private static final float QR_MODULE = 1.5f;
  private static final float QR_MAX = 200;
  /** The seal impression's frame on an 印鑑登録証明書 (about 32 mm, larger than any personal seal). */
  private static final float IMPRESSION_BOX = 90;
  /** Rows shrink to this before a certificate is refused as too long for one page. */
  private static final float MIN_ROW_HEIGHT = 12;

  private final Path font;
  private final Optional<Path> seal;
  private final String patternText;
  /**
   * The font parsed once, on first use, and kept: parsing the 8 MB IPAex file took a third of each
   * certificate's rendering. PDFBox reads it while subsetting and never closes it (the renderer owns it).
   */
  private TrueTypeFont parsed;
  /** The background's waves and words, the same on every certificate: drawn once, stamped as forms. */
  private FormBytes waves;
  private FormBytes words;

  /** A form's content stream as stored (compressed) and its bounding box, to copy into each document. */
  private record FormBytes(byte[] stored, org.apache.pdfbox.cos.COSBase filter, PDRectangle bbox) {
    /** Kept Flate-compressed (zlib, as FlateDecode reads it) whatever PDFBox wrote, so each copy is small. */
    static FormBytes of(PDFormXObject form) throws IOException {
      var filter = form.getCOSObject().getItem(org.apache.pdfbox.cos.COSName.FILTER);
      byte[] raw;
      try (var in = form.getCOSObject().createRawInputStream()) {
        raw = in.readAllBytes();
      }
      if (filter != null) return new FormBytes(raw, filter, form.getBBox());
      var compressed = new ByteArrayOutputStream();
      try (var z = new java.util.zip.DeflaterOutputStream(compressed)) {
        z.write(raw);
      }
      return new FormBytes(compressed.toByteArray(), org.apache.pdfbox.cos.COSName.FLATE_DECODE, form.getBBox());
    }

    PDFormXObject into(PDDocument pdf) throws IOException {
      PDFormXObject form = new PDFormXObject(pdf);
      try (var out = form.getCOSObject().createRawOutputStream()) {
        out.write(stored);
      }
      if (filter != null) form.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.FILTER, filter);
      form.setBBox(bbox);
      return form;
    }
  }

  /**
   * @param font a TrueType font with Japanese glyphs
   * @param seal the issuing authority's seal image, if it is to be printed
   * @param patternText the words repeated in the background pattern, e.g. the city's name
   */
  public CertificateRenderer(Path font, Optional<Path> seal, String patternText) {
    this.font = font;
    this.seal = seal;
    this.patternText = patternText;
  }

  /** The PDF's bytes; an IOException says which file (font, seal) was missing or unreadable. One at a time. */
  public synchronized byte[] render(CertificateDocument certificate) throws IOException {
    TrueTypeFont ttf = font();
    BitMatrix qr = ReadableQrCode.encode(certificate.qrContent(), CertificateRenderer::qrSide);
    float qrSide = qrSide(qr);
    float tableBottom = tableBottom(qrSide) + (certificate.sealImpression() == null ? 0 : IMPRESSION_BOX + 28);
    int fit = rowsAbove(tableBottom);
    if (certificate.entries().size() > fit) {
      throw new IOException("certificate has " + certificate.entries().size() + " rows; one A4 page holds " + fit);
    }
    try (PDDocument pdf = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      pdf.addPage(page);
      PDFont jp = PDType0Font.load(pdf, ttf, true);
      ToUnicodeMap toUnicode = new ToUnicodeMap(ttf.getUnicodeCmapLookup());
      pdf.getDocumentInformation().setTitle(certificate.title());
      pdf.getDocumentInformation().setCreator("mynaterm");
      try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
        Page p = new Page(out, jp, page.getMediaBox(), toUnicode);
        p.copyDeterrentPattern(background(pdf, ttf));
        float y = p.title(certificate.title());
        y = p.table(certificate.entries(), y - 30, tableBottom);
        if (certificate.sealImpression() != null) y = p.impression(impressionImage(certificate.sealImpression(), pdf), y - 22);
        y = p.closing(certificate, y - 36);
        p.verification(certificate, qr, qrSide);
        if (seal.isPresent()) p.seal(sealImage(seal.get(), pdf), y);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      pdf.save(bytes);
      return toUnicode.applyTo(bytes.toByteArray());
    }
  }

  /** The copy-deterrent background as two forms (waves, words), drawn in the first document and copied after. */
  private PDFormXObject[] background(PDDocument pdf, TrueTypeFont ttf) throws IOException {
    if (waves == null) {
      waves = FormBytes.of(guillocheWaves(pdf));
      words = FormBytes.of(outlinedWords(pdf, ttf, patternText, 9));
    }
    return new PDFormXObject[] {waves.into(pdf), words.into(pdf)};
  }

  /** Fine waves across the whole page, pale enough to read through. */
  private static PDFormXObject guillocheWaves(PDDocument pdf) throws IOException {
    PDFormXObject form = new PDFormXObject(pdf);
    PDRectangle page = PDRectangle.A4;
    try (var out = new org.apache.pdfbox.pdmodel.PDFormContentStream(form)) {
      out.setStrokingColor(new Color(0xD8, 0xE4, 0xEE));
      out.setLineWidth(0.3f);
      for (float base = 20; base < page.getHeight(); base += 14) {
        out.moveTo(0, base);
        for (float x = 0; x <= page.getWidth(); x += 6) {
          out.lineTo(x, base + 4 * (float) Math.sin(x / 18.0 + base / 40.0));
        }
        out.stroke();
      }
    }
    form.setBBox(new PDRectangle(0, 0, page.getWidth(), page.getHeight()));
    return form;
  }

  private TrueTypeFont font() throws IOException {
    if (parsed == null) {
      if (!Files.isReadable(font)) {
        throw new NoSuchFileException(font.toString(), null, "font not readable (install fonts-ipaexfont or set peripherals.printer.font)");
      }
      parsed = new TTFParser().parse(new RandomAccessReadBuffer(Files.readAllBytes(font)));
      // Horizontal Japanese needs no glyph substitution; PDFBox's GSUB pass (made for Latin ligatures)
      // rebuilt its regular expressions for every line drawn, a sixth of the rendering time.
      parsed.setEnableGsub(false);
    }
    return parsed;
  }

  private static PDImageXObject sealImage(Path file, PDDocument pdf) throws IOException {
    if (!Files.isReadable(file)) {
      throw new NoSuchFileException(file.toString(), null, "seal image not readable (set peripherals.printer.seal, or leave it empty)");
    }
    try {
      return PDImageXObject.createFromFile(file.toString(), pdf);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": seal image must be PNG, JPEG, TIFF, GIF or BMP (" + e.getMessage() + ")", e);
    }
  }

  private static PDImageXObject impressionImage(byte[] image, PDDocument pdf) throws IOException {
    try {
      return PDImageXObject.createFromByteArray(pdf, image, "seal impression");
    } catch (IllegalArgumentException e) {
      throw new IOException("the seal impression must be PNG or JPEG (" + e.getMessage() + ")", e);
    }
  }

  /** How many table rows fit on the page at the smallest row height, with a verification code of the smallest size. */
  static int maxRows() {
    return rowsAbove(tableBottom(QR_SIZE));
  }

  private static int rowsAbove(float tableBottom) {
    float top = PDRectangle.A4.getHeight() - MARGIN - 24 - 30;
    return (int) ((top - tableBottom) / MIN_ROW_HEIGHT);
  }

  /** Below the table: statement, date, issuer and seal (135), then the verification block. */
  private static float tableBottom(float qrSide) {
    return MARGIN + qrSide + 6 + 135;
  }

  /** The printed side of the code, in points: 1.5 pt a module, within 84 and 200. */
  static float qrSide(BitMatrix qr) {
    return Math.max(QR_SIZE, Math.min(QR_MAX, qr.getWidth() * QR_MODULE));
  }

  /** 令和7年11月25日; the first year of an era is 元年, as on every certificate. */
  public static String eraDate(java.time.LocalDate date) {
    return jp.mynaterm.protocol.issuance.CertificateItems.eraDate(date);
  }

  /**
   * Words drawn once as the font's glyph outlines, not as text, in a form the page stamps many times:
   * the background pattern is a picture, so pdftotext, a screen reader or a receiving office's tools
   * read only the certificate's words, and the file stays small.
   */
  private static PDFormXObject outlinedWords(PDDocument pdf, TrueTypeFont ttf, String words, float size) throws IOException {
    PDFormXObject form = new PDFormXObject(pdf);
    float scale = size / ttf.getUnitsPerEm();
    var cmap = ttf.getUnicodeCmapLookup();
    float pen = 0;
    try (var out = new org.apache.pdfbox.pdmodel.PDFormContentStream(form)) {
      for (int codePoint : words.codePoints().toArray()) {
        int gid = cmap.getGlyphId(codePoint);
        var glyph = ttf.getGlyph().getGlyph(gid);
        if (glyph != null) outline(out, glyph.getPath().getPathIterator(null), pen, scale);
        pen += ttf.getAdvanceWidth(gid) * scale;
      }
      out.fill();
    }
    form.setBBox(new PDRectangle(0, -size / 2, Math.max(pen, 1), size * 2));
    return form;
  }

  /** One glyph's contours (TrueType: lines and quadratic curves, y up like PDF) into the current path. */
  private static void outline(org.apache.pdfbox.pdmodel.PDFormContentStream out, java.awt.geom.PathIterator it, float dx, float scale) throws IOException {
    float[] c = new float[6];
    float lastX = 0;
    float lastY = 0;
    for (; !it.isDone(); it.next()) {
      switch (it.currentSegment(c)) {
        case java.awt.geom.PathIterator.SEG_MOVETO -> out.moveTo(lastX = dx + c[0] * scale, lastY = c[1] * scale);
        case java.awt.geom.PathIterator.SEG_LINETO -> out.lineTo(lastX = dx + c[0] * scale, lastY = c[1] * scale);
        case java.awt.geom.PathIterator.SEG_QUADTO -> {
          // A quadratic Bézier as the cubic PDF draws: control points two thirds of the way to the quadratic's.
          float qx = dx + c[0] * scale, qy = c[1] * scale, ex = dx + c[2] * scale, ey = c[3] * scale;
          out.curveTo(lastX + 2 * (qx - lastX) / 3, lastY + 2 * (qy - lastY) / 3, ex + 2 * (qx - ex) / 3, ey + 2 * (qy - ey) / 3, ex, ey);
          lastX = ex;
          lastY = ey;
        }
        case java.awt.geom.PathIterator.SEG_CUBICTO ->
            out.curveTo(dx + c[0] * scale, c[1] * scale, dx + c[2] * scale, c[3] * scale, lastX = dx + c[4] * scale, lastY = c[5] * scale);
        default -> out.closePath();
      }
    }
  }

  /** Drawing on one page, top-down; y is PDF's (0 at the bottom). */
  private record Page(PDPageContentStream out, PDFont font, PDRectangle box, ToUnicodeMap toUnicode) {
    float width() {
      return box.getWidth();
    }

    void text(String s, float size, float x, float y) throws IOException {
      out.beginText();
      out.setFont(font, size);
      out.newLineAtOffset(x, y);
      out.showText(s);
      toUnicode.drawn(s);
      out.endText();
    }

    float widthOf(String s, float size) throws IOException {
      return font.getStringWidth(s) / 1000 * size;
    }

    /** Shrinks the size until the text fits, for long addresses in a fixed column. */
    float fitting(String s, float size, float room) throws IOException {
      while (size > 6 && widthOf(s, size) > room) size -= 0.5f;
      return size;
    }

    /** @param background the waves and the words (see {@link CertificateRenderer#background}) */
    void copyDeterrentPattern(PDFormXObject[] background) throws IOException {
      PDFormXObject words = background[1];
      out.saveGraphicsState();
      out.drawForm(background[0]);
      out.setNonStrokingColor(new Color(0xE6, 0xEC, 0xF2));
      int row = 0;
      for (float y = 30; y < box.getHeight(); y += 48, row++) {
        for (float x = (row % 2) * 60 - 20; x < width(); x += 150) {
          out.saveGraphicsState();
          out.transform(org.apache.pdfbox.util.Matrix.getTranslateInstance(x, y));
          out.drawForm(words);
          out.restoreGraphicsState();
        }
      }
      out.restoreGraphicsState();
    }

    float title(String title) throws IOException {
      float size = 24;
      float y = box.getHeight() - MARGIN - size;
      text(title, size, (width() - widthOf(title, size)) / 2, y);
      return y;
    }

    /** Rows at their full height while they fit, smaller (text too) for a long household. */
    float table(java.util.List<CertificateDocument.Entry> entries, float top, float lowest) throws IOException {
      float row = Math.min(ROW_HEIGHT, (top - lowest) / Math.max(1, entries.size()));
      float scale = row / ROW_HEIGHT;
      float left = MARGIN;
      float right = width() - MARGIN;
      float bottom = top - row * entries.size();
      out.setLineWidth(0.8f);
      out.addRect(left, bottom, right - left, top - bottom);
      out.moveTo(left + LABEL_WIDTH, top);
      out.lineTo(left + LABEL_WIDTH, bottom);
      out.stroke();
      float y = top;
      for (var entry : entries) {
        float baseline = y - row + 8 * scale;
        text(entry.label(), fitting(entry.label(), 11 * scale, LABEL_WIDTH - 12), left + 6, baseline);
        float room = right - left - LABEL_WIDTH - 12;
        text(entry.value(), fitting(entry.value(), 12 * scale, room), left + LABEL_WIDTH + 6, baseline);
        y -= row;
        if (y > bottom + 1) {
          out.moveTo(left, y);
          out.lineTo(right, y);
          out.stroke();
        }
      }
      return y;
    }

    float closing(CertificateDocument c, float top) throws IOException {
      text(c.statement(), 12, MARGIN, top);
      float y = top - 34;
      text(eraDate(c.issued()), 12, MARGIN, y);
      y -= 30;
      float size = 16;
      text(c.issuer(), size, width() - MARGIN - 70 - widthOf(c.issuer(), size), y);
      return y;
    }

    /** The registered impression in a labelled frame under the table, as the counter's certificate shows it. */
    float impression(PDImageXObject image, float top) throws IOException {
      text("印影", 11, MARGIN, top - 12);
      float x = MARGIN + 40;
      float bottom = top - IMPRESSION_BOX;
      out.setLineWidth(0.8f);
      out.addRect(x, bottom, IMPRESSION_BOX, IMPRESSION_BOX);
      out.stroke();
      float inner = IMPRESSION_BOX - 8;
      float scale = Math.min(inner / image.getWidth(), inner / image.getHeight());
      float w = image.getWidth() * scale;
      float h = image.getHeight() * scale;
      out.drawImage(image, x + (IMPRESSION_BOX - w) / 2, bottom + (IMPRESSION_BOX - h) / 2, w, h);
      return bottom;
    }

    void seal(PDImageXObject image, float issuerBaseline) throws IOException {
      float side = 62;
      out.drawImage(image, width() - MARGIN - side, issuerBaseline - side / 2 + 4, side, side);
    }

    void verification(CertificateDocument c, BitMatrix qr, float side) throws IOException {
      float x = width() - MARGIN - side;
      float y = MARGIN;
      float cell = side / qr.getWidth();
      float quiet = Math.max(6, 4 * cell); // the QR code's quiet zone (4 modules), white over the background pattern
      out.setNonStrokingColor(Color.WHITE);
      out.addRect(x - quiet, y - quiet, side + 2 * quiet, side + 2 * quiet);
      out.fill();
      out.setNonStrokingColor(Color.BLACK);
      for (int row = 0; row < qr.getHeight(); row++) {
        // one rectangle per run of dark modules: no hairline seams between neighbours when rasterised
        for (int col = 0; col < qr.getWidth(); ) {
          if (!qr.get(col, row)) {
            col++;
            continue;
          }
          int end = col;
          while (end < qr.getWidth() && qr.get(end, row)) end++;
          out.addRect(x + col * cell, y + side - (row + 1) * cell, (end - col) * cell, cell);
          col = end;
        }
      }
      out.fill();
      text("検証コード　" + c.verificationCode(), 11, MARGIN, y + 40);
      text("右の二次元コードまたは検証コードで、この証明書が本物であることを確認できます。", 8, MARGIN, y + 22);
    }
  }
}
