package jp.mynaterm.hub.opendata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Small counts are not published: a cell from 1 to {@value #THRESHOLD} - 1 could point at a few
 * residents (three rides from one stop at 6 a.m.), so it is shown as {@value #HIDDEN}. Zero is shown: it
 * names nobody. Where a group of cells is published with its total, one hidden cell would be the total
 * minus the others, so the smallest other non-zero cell of the group is hidden too (secondary
 * suppression); then only the sum of the two can be worked out. A group with every cell at zero or
 * above the threshold hides nothing.
 */
public final class Suppression {
  public static final int THRESHOLD = 10;
  /** As e-Stat marks a cell kept secret (秘匿). */
  public static final String HIDDEN = "x";

  private Suppression() {}

  /** The cells of one group (published with their total) as text: the count, or {@link #HIDDEN}. */
  public static List<String> group(List<Long> counts) {
    boolean[] hidden = new boolean[counts.size()];
    for (int i = 0; i < counts.size(); i++) hidden[i] = primary(counts.get(i));
    long primaries = IntStream.range(0, hidden.length).filter(i -> hidden[i]).count();
    if (primaries == 1) {
      // The total would give the one hidden cell away: hide the next smallest non-zero one as well.
      IntStream.range(0, counts.size())
          .filter(i -> !hidden[i] && counts.get(i) > 0)
          .boxed()
          .min(Comparator.comparingLong(counts::get))
          .ifPresent(i -> hidden[i] = true);
    }
    List<String> out = new ArrayList<>(counts.size());
    for (int i = 0; i < counts.size(); i++) out.add(hidden[i] ? HIDDEN : Long.toString(counts.get(i)));
    return out;
  }

  /** A cell on its own (no total published beside it). */
  public static String cell(long count) {
    return primary(count) ? HIDDEN : Long.toString(count);
  }

  /** The total of a group, itself hidden when it is small (a month with three visits in all). */
  public static String total(List<Long> counts) {
    return cell(counts.stream().mapToLong(Long::longValue).sum());
  }

  private static boolean primary(long count) {
    return count > 0 && count < THRESHOLD;
  }
}
