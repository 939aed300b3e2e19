package jp.mynaterm.protocol.codec;

import jp.mynaterm.protocol.message.Envelope;

/** A decoded message or the reason it is not one; decoding never throws. */
public sealed interface DecodeResult {
  record Decoded(Envelope envelope) implements DecodeResult {}

  record Failed(DecodeError error) implements DecodeResult {}
}
