package jp.mynaterm.hardware.gpio;

/** The port for the buzzer. A new pattern replaces one still sounding. */
public interface Buzzer {
  void play(BuzzerPattern pattern);
}
