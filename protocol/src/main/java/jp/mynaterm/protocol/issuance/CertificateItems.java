package jp.mynaterm.protocol.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A certificate document's items as the paper prints them: each person's items under Japanese labels,
 * dates in the Japanese era, amounts in yen. One definition for the kiosk that prints and for whoever
 * shows the signed fields beside the paper ({@code mynaterm verify}, the hub's /verify page), so an
 * officer compares like with like. Only the items the document holds are shown.
 */
public final class CertificateItems {
  /** Item → label, in the order a 住民票 lists them. */
  private static final List<String[]> LABELS =
      List.of(
          new String[] {"name", "氏名"},
          new String[] {"kana", "ふりがな"},
          new String[] {"birthDate", "生年月日"},
          new String[] {"sex", "性別"},
          new String[] {"relationship", "続柄"},
          new String[] {"address", "住所"},
          new String[] {"honseki", "本籍"},
          new String[] {"sealNumber", "印鑑登録番号"},
          new String[] {"fiscalYear", "年度"},
          new String[] {"incomeYen", "所得金額"},
          new String[] {"taxableIncomeYen", "課税所得金額"},
          new String[] {"municipalTaxYen", "市民税額"},
          new String[] {"prefecturalTaxYen", "県民税額"});

  private static final DateTimeFormatter ERA_DATE = DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN);

  private CertificateItems() {}

  /** The table's rows: 世帯主 first when the document names one, then each person's items. */
  public static List<Map.Entry<String, String>> rows(JsonNode doc) {
    List<Map.Entry<String, String>> rows = new ArrayList<>();
    if (doc.hasNonNull("householdHead")) rows.add(Map.entry("世帯主", doc.get("householdHead").asText()));
    for (JsonNode person : doc.path("entries")) {
      for (String[] label : LABELS) {
        JsonNode value = person.get(label[0]);
        if (value != null && !value.isNull() && !value.asText().isEmpty()) rows.add(Map.entry(label[1], text(label[0], value)));
      }
    }
    return rows;
  }

  /** 令和7年11月25日; the first year of an era is 元年, as on every certificate. */
  public static String eraDate(LocalDate date) {
    JapaneseDate japanese = JapaneseDate.from(date);
    String text = ERA_DATE.format(japanese);
    return japanese.get(ChronoField.YEAR_OF_ERA) == 1 ? text.replaceFirst("1年", "元年") : text;
  }

  private static String text(String item, JsonNode value) {
    return switch (item) {
      case "birthDate" -> {
        try {
          yield eraDate(LocalDate.parse(value.asText()));
        } catch (RuntimeException e) {
          yield value.asText();
        }
      }
      case "fiscalYear" -> fiscalYear(value.asInt());
      case "incomeYen", "taxableIncomeYen", "municipalTaxYen", "prefecturalTaxYen" -> NumberFormat.getIntegerInstance(Locale.JAPAN).format(value.asLong()) + "円";
      default -> value.asText();
    };
  }

  /** 令和8年度 for 2026: the fiscal year starts in April, named after the era year it starts in. */
  private static String fiscalYear(int year) {
    String date = eraDate(LocalDate.of(year, 4, 1));
    return date.substring(0, date.indexOf('年')) + "年度";
  }
}
