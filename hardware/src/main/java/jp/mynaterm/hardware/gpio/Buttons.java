package jp.mynaterm.hardware.gpio;

import java.util.function.Consumer;

/** The port for buttons: one call per press, already debounced. */
public interface Buttons {
  void onPress(Consumer<Button> handler);
}
