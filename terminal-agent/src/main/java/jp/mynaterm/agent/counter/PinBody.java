package jp.mynaterm.agent.counter;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The PIN from a request body, read as bytes and parsed into a char array without a String: the
 * body must be exactly {@code {"pin":"dddd"}} (white space allowed between the tokens). The body's
 * bytes are wiped once parsed; the caller wipes the digits after the VERIFY.
 *
 * <p>Where a String cannot be avoided: in the browser (the resident page keeps the digits in an
 * array and sends the body as bytes, but a key event's character is a one-letter String), and in
 * Jetty's own input buffers, which it reuses; none of them is kept by this software.
 */
public final class PinBody {
  /** A body longer than this is not a PIN: refused unread. */
  static final int MAX = 64;

  private PinBody() {}

  /** A library password's most characters. */
  static final int PASSWORD_MAX = 32;

  /** The 4 digits of the request's body; {@link CounterPage.BadInput} otherwise. */
  public static char[] digits(Context ctx) {
    return read(ctx, PinBody::digits);
  }

  /**
   * The patron's library password from {@code {"password":"..."}}: 1 to {@value #PASSWORD_MAX}
   * printable ASCII characters other than {@code "}, {@code \\} and {@code |} (no JSON escapes, so no
   * String is needed; SIP2 fields cannot hold '|'). The caller wipes it.
   */
  public static char[] password(Context ctx) {
    return read(ctx, PinBody::password);
  }

  private static char[] read(Context ctx, java.util.function.Function<byte[], char[]> parse) {
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = in.readNBytes(MAX + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      if (body.length > MAX) throw new CounterPage.BadInput("the body is too long");
      return parse.apply(body);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /** The 4 digits of {@code {"pin":"dddd"}}; {@link CounterPage.BadInput} for anything else. */
  static char[] digits(byte[] body) {
    int[] at = {0};
    expect(body, at, "{\"pin\"");
    expect(body, at, ":");
    expect(body, at, "\"");
    char[] pin = new char[4];
    for (int i = 0; i < 4; i++) {
      if (at[0] >= body.length || body[at[0]] < '0' || body[at[0]] > '9') {
        Arrays.fill(pin, '\0');
        throw new CounterPage.BadInput("the PIN is 4 digits");
      }
      pin[i] = (char) body[at[0]++];
    }
    try {
      if (at[0] >= body.length || body[at[0]++] != '"') throw new CounterPage.BadInput("the PIN is 4 digits");
      expect(body, at, "}");
      skipSpace(body, at);
      if (at[0] != body.length) throw new CounterPage.BadInput("the body must be {\"pin\":\"dddd\"}");
    } catch (CounterPage.BadInput e) {
      Arrays.fill(pin, '\0');
      throw e;
    }
    return pin;
  }

  /** The password of {@code {"password":"..."}}; {@link CounterPage.BadInput} for anything else. */
  static char[] password(byte[] body) {
    int[] at = {0};
    String shape = "the body must be {\"password\":\"...\"}";
    try {
      expect(body, at, "{\"password\"");
      expect(body, at, ":");
      expect(body, at, "\"");
    } catch (CounterPage.BadInput e) {
      throw new CounterPage.BadInput(shape);
    }
    int start = at[0];
    while (at[0] < body.length && body[at[0]] != '"') {
      byte b = body[at[0]++];
      if (b < 0x21 || b > 0x7E || b == '\\' || b == '|') throw new CounterPage.BadInput("the library password is letters, digits and signs other than \\ and |");
    }
    int length = at[0] - start;
    if (length < 1 || length > PASSWORD_MAX) throw new CounterPage.BadInput("the library password is 1 to " + PASSWORD_MAX + " characters");
    at[0]++;
    try {
      expect(body, at, "}");
    } catch (CounterPage.BadInput e) {
      throw new CounterPage.BadInput(shape);
    }
    skipSpace(body, at);
    if (at[0] != body.length) throw new CounterPage.BadInput(shape);
    char[] password = new char[length];
    for (int i = 0; i < length; i++) password[i] = (char) body[start + i];
    return password;
  }

  /** Skips white space, then requires {@code token} (its characters consecutive, except after the opening brace). */
  private static void expect(byte[] body, int[] at, String token) {
    for (int k = 0; k < token.length(); k++) {
      if (k <= 1) skipSpace(body, at);
      if (at[0] >= body.length || body[at[0]] != token.charAt(k)) throw new CounterPage.BadInput("the body must be {\"pin\":\"dddd\"}");
      at[0]++;
    }
  }

  private static void skipSpace(byte[] body, int[] at) {
    while (at[0] < body.length && (body[at[0]] == ' ' || body[at[0]] == '\n' || body[at[0]] == '\r' || body[at[0]] == '\t')) at[0]++;
  }
}
