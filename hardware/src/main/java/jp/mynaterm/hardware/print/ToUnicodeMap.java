package jp.mynaterm.hardware.print;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Makes the text of a certificate come out of the PDF as the characters that were written.
 *
 * <p>Japanese fonts map many ideographs and their radical forms to one glyph (民 and ⺠ share it in
 * IPAex). PDFBox writes the ToUnicode table from the font, taking the first code point per glyph,
 * which is the radical, so copy-paste and pdftotext turned 住民票 into 住⺠票. We know which
 * characters we drew, so we write the table from those instead.
 */
final class ToUnicodeMap {
  private final SortedMap<Integer, Integer> glyphToCodePoint = new TreeMap<>();
  private final CmapLookup cmap;

  ToUnicodeMap(CmapLookup cmap) {
    this.cmap = cmap;
  }

  /** Records the characters of text shown with the font. */
  void drawn(String text) {
    text.codePoints().forEach(cp -> {
      int gid = cmap.getGlyphId(cp);
      if (gid != 0) glyphToCodePoint.putIfAbsent(gid, cp);
    });
  }

  /** Rewrites every Type 0 font's ToUnicode in the saved PDF (subset CIDs are the font's glyph ids). */
  byte[] applyTo(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          if (font instanceof PDType0Font) {
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
              out.write(cmapText().getBytes(StandardCharsets.US_ASCII));
            }
            font.getCOSObject().setItem(COSName.TO_UNICODE, stream);
          }
        }
      }
      var bytes = new java.io.ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    }
  }

  /** A CMap in the form PDF 32000-1 §9.10.3 gives, at most 100 entries per bfchar block. */
  private String cmapText() {
    StringBuilder s = new StringBuilder();
    s.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
        .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
        .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
        .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    var entries = glyphToCodePoint.entrySet().stream().toList();
    for (int i = 0; i < entries.size(); i += 100) {
      var block = entries.subList(i, Math.min(i + 100, entries.size()));
      s.append(block.size()).append(" beginbfchar\n");
      for (Map.Entry<Integer, Integer> e : block) {
        s.append(String.format("<%04X> <", e.getKey()));
        for (char c : Character.toChars(e.getValue())) s.append(String.format("%04X", (int) c));
        s.append(">\n");
      }
      s.append("endbfchar\n");
    }
    s.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return s.toString();
  }
}
