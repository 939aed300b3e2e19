package jp.mynaterm.hardware.card.virtual;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.hardware.card.textap.BasicItems;

/** A synthetic resident whose card the virtual card plays, from {@code residents.tsv} (not real people). */
public record Resident(String id, BasicItems items) {
  public Resident {
    if (id == null || !id.matches("[0-9A-Za-z-]{1,32}")) throw new IllegalArgumentException("resident id must be 1-32 letters, digits or '-'");
  }

  @Override
  public String toString() {
    return "Resident[" + id + "]";
  }

  /** The bundled synthetic residents. */
  public static List<Resident> all() {
    try (InputStream in = Resident.class.getResourceAsStream("residents.tsv")) {
      if (in == null) throw new IllegalStateException("residents.tsv is missing from the hardware jar");
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Optional<Resident> find(String id) {
    return all().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  static List<Resident> parse(List<String> lines) {
    List<Resident> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t");
      if (f.length != 5) throw new IllegalArgumentException("residents.tsv line " + (i + 1) + ": expected 5 tab-separated fields");
      out.add(new Resident(f[0], new BasicItems(f[1], f[2],
          LocalDate.parse(f[3], DateTimeFormatter.BASIC_ISO_DATE), BasicItems.Sex.ofCode(f[4].charAt(0)))));
    }
    return out;
  }
}
