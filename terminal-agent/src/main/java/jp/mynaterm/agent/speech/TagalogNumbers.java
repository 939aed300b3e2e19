package jp.mynaterm.agent.speech;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers in Tagalog words, for speech: eSpeak NG has no Tagalog voice, and the Indonesian one that
 * reads Tagalog text would read "250" in Indonesian ("dua ratus lima puluh"). Spelled out (native
 * Tagalog numerals with their linkers: "dalawang daan at limampu"), the Indonesian voice reads them
 * as a Tagalog listener expects, since both languages write what they say.
 */
public final class TagalogNumbers {
  private static final String[] ONES = {"", "isa", "dalawa", "tatlo", "apat", "lima", "anim", "pito", "walo", "siyam"};
  private static final String[] TEENS = {
    "sampu", "labing-isa", "labindalawa", "labintatlo", "labing-apat", "labinlima", "labing-anim", "labimpito", "labingwalo", "labinsiyam"
  };
  private static final String[] TENS = {"", "", "dalawampu", "tatlumpu", "apatnapu", "limampu", "animnapu", "pitumpu", "walumpu", "siyamnapu"};
  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

  private TagalogNumbers() {}

  /** The text with every number of up to nine digits in words. */
  public static String spell(String text) {
    Matcher m = DIGITS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(words(Long.parseLong(m.group()))));
    m.appendTail(out);
    return out.toString();
  }

  /** One number, 0 to 999,999,999, in words. */
  public static String words(long n) {
    if (n == 0) return "sero";
    StringBuilder s = new StringBuilder();
    long millions = n / 1_000_000, thousands = n / 1000 % 1000, rest = n % 1000;
    if (millions > 0) s.append(linked(belowThousand(millions), "milyon"));
    if (thousands > 0) s.append(s.isEmpty() ? "" : ", ").append(linked(belowThousand(thousands), "libo"));
    if (rest > 0) s.append(s.isEmpty() ? "" : rest < 100 ? " at " : ", ").append(belowThousand(rest));
    return s.toString();
  }

  private static String belowThousand(long n) {
    long hundreds = n / 100, rest = n % 100;
    String h = hundreds == 0 ? "" : linked(ONES[(int) hundreds], "daan");
    if (rest == 0) return h;
    return h.isEmpty() ? belowHundred((int) rest) : h + " at " + belowHundred((int) rest);
  }

  private static String belowHundred(int n) {
    if (n < 10) return ONES[n];
    if (n < 20) return TEENS[n - 10];
    return n % 10 == 0 ? TENS[n / 10] : TENS[n / 10] + "'t " + ONES[n % 10];
  }

  /** "dalawa" + "daan" is "dalawang daan"; after a consonant the linker is "na", and daan becomes raan. */
  private static String linked(String count, String unit) {
    boolean vowel = "aeiou".indexOf(count.charAt(count.length() - 1)) >= 0;
    if (vowel) return count + "ng " + unit;
    return count + " na " + (unit.equals("daan") ? "raan" : unit);
  }
}
