package jp.mynaterm.hardware.escpos;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A receipt or reception slip, line by line, independent of how it is printed or simulated. */
public record Slip(String title, List<Line> lines) {
  public Slip {
    lines = List.copyOf(lines);
  }

  /** One element of a slip, top to bottom. */
  public sealed interface Line {}

  public record Text(String text, TextSize size, boolean bold, Align align) implements Line {}

  /** A QR code; module size in dots (3-8 reads well from a phone). */
  public record Qr(String content, int moduleSize) implements Line {}

  /** A horizontal rule across the paper. */
  public record Rule() implements Line {}

  public record Feed(int lines) implements Line {}

  /** Feed past the cutter and cut, leaving a hinge (partial cut) so the slip does not fall. */
  public record Cut() implements Line {}

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public static final class Builder {
    private final String title;
    private final List<Line> lines = new ArrayList<>();

    private Builder(String title) {
      this.title = title;
    }

    public Builder text(String text) {
      return add(new Text(text, TextSize.NORMAL, false, Align.LEFT));
    }

    public Builder text(String text, TextSize size, boolean bold, Align align) {
      return add(new Text(text, size, bold, align));
    }

    public Builder qr(String content) {
      return add(new Qr(content, 6));
    }

    public Builder rule() {
      return add(new Rule());
    }

    public Builder feed(int n) {
      return add(new Feed(n));
    }

    public Builder cut() {
      return add(new Cut());
    }

    public Builder add(Line line) {
      lines.add(line);
      return this;
    }

    public Slip build() {
      return new Slip(title, lines);
    }
  }

  /** A hospital reception slip with made-up data, for the sample command, the demo and tests. */
  public static Slip sampleReception(String number, LocalDateTime at) {
    return builder("受付票-" + number)
        .text("美濃病院", TextSize.WIDE, true, Align.CENTER)
        .text("受付票", TextSize.TALL, false, Align.CENTER)
        .rule()
        .text("受付番号", TextSize.NORMAL, false, Align.CENTER)
        .text(number, TextSize.DOUBLE, true, Align.CENTER)
        .rule()
        .text("診療科：内科")
        .text("受付日時：" + DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").format(at))
        .feed(1)
        .text("お呼びするまで待合室でお待ちください。")
        .text("順番はスマートフォンでも確認できます。")
        .qr("https://queue.example.jp/212075/" + number)
        .feed(2)
        .cut()
        .build();
  }
}
