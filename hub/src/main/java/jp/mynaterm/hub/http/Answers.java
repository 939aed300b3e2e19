package jp.mynaterm.hub.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * How every part of the hub's web server answers with a file of its own or with JSON. A package of its
 * own that depends on no part, so the console, the resident pages and the enrollment desk all use it
 * (the console cannot depend on hub.web, whose pages depend on it).
 */
public final class Answers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  /**
   * One of a part's own files (its stylesheet or script, next to its class), the type by the file's
   * extension.
   */
  public static void resource(Context ctx, Class<?> owner, String name) throws IOException {
    String type = name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript" : "application/octet-stream";
    try (var in = owner.getResourceAsStream(name)) {
      if (in == null) throw new FileNotFoundException(owner.getPackageName() + "/" + name);
      ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
    }
  }

  /** {@code value} as JSON with {@code status}, never cached (it answers one person's request). */
  public static void json(Context ctx, HttpStatus status, Object value) throws IOException {
    ctx.status(status).contentType("application/json").header("Cache-Control", "no-store").result(JSON.writeValueAsString(value));
  }
}
