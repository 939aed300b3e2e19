package jp.mynaterm.agent.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal page's API as its own page uses it: the per-boot token read from the served HTML, JSON
 * bodies as application/json, the sign-in cookie kept. {@link #send} makes any other request, as
 * another site or a script would.
 */
public final class PageClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("name=\"mynaterm-token\" content=\"([^\"]+)\"");
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  private final int port;
  private String token;

  public PageClient(int port) {
    this.port = port;
  }

  public record Answer(int status, JsonNode body) {
    public String key() {
      return body.path("key").asText();
    }
  }

  /** The token in the page the server serves at {@code /}. */
  public synchronized String token() throws IOException, InterruptedException {
    if (token == null) {
      String html = http.send(request("/").build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = TOKEN.matcher(html);
      if (!m.find()) throw new AssertionError("the page carries no token: " + html);
      token = m.group(1);
    }
    return token;
  }

  public Answer post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json, Map.of("Content-Type", "application/json", PageGuard.TOKEN_HEADER, token()));
  }

  public Answer get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, Map.of(PageGuard.TOKEN_HEADER, token()));
  }

  /** A GET whose answer is not JSON (a WAV of speech): its status, type and bytes. */
  public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return http.send(request(path).header(PageGuard.TOKEN_HEADER, token()).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public Answer signIn(String user, String password) throws IOException, InterruptedException {
    return post("/api/signin", JSON.createObjectNode().put("user", user).put("password", password).toString());
  }

  /**
   * The resident's side of a PIN request staff opened ({@code asked}): the PIN typed on the resident
   * PIN page this client speaks to; that page's answer, or staff's own answer when no request opened.
   */
  public Answer typePin(Answer asked, String pin) throws IOException, InterruptedException {
    if (!asked.body().path("ok").asBoolean()) return asked;
    return post("/api/pin", "{\"pin\":\"" + pin + "\"}");
  }

  /** Any request, with exactly these headers (the client adds Host from the URL unless given). */
  public Answer send(String method, String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    // Javalin's own answers (no such route) are plain text: kept as {"text": ...}.
    String text = r.body().strip();
    if (text.isEmpty()) return new Answer(r.statusCode(), JSON.createObjectNode());
    return new Answer(r.statusCode(), text.startsWith("{") || text.startsWith("[") ? JSON.readTree(text) : JSON.createObjectNode().put("text", text));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }
}
