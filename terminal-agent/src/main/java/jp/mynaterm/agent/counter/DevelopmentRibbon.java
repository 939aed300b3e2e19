package jp.mynaterm.agent.counter;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ribbon every terminal page shows at its top in development mode, so nobody takes a demo for a
 * terminal that residents' cards may be used at. Its own landmark (a labelled {@code aside}), so
 * screen readers find it and axe sees no content outside landmarks; its colours are in each page's CSS
 * ({@code .development-mode}), as the pages' CSP allows no inline style.
 */
public final class DevelopmentRibbon {
  public static final String TEXT = "開発モード / DEVELOPMENT MODE";
  static final String HTML = "<aside class=\"development-mode\" aria-label=\"" + TEXT + "\"><p>" + TEXT + "</p></aside>\n";
  private static final Pattern BODY = Pattern.compile("<body[^>]*>\n?");

  private DevelopmentRibbon() {}

  /** The page with the ribbon right after its {@code <body>} tag in development mode, else unchanged. */
  public static byte[] into(byte[] html, boolean development) {
    if (!development) return html;
    String page = new String(html, StandardCharsets.UTF_8);
    Matcher body = BODY.matcher(page);
    if (!body.find()) throw new IllegalStateException("a page without <body>");
    return (page.substring(0, body.end()) + HTML + page.substring(body.end())).getBytes(StandardCharsets.UTF_8);
  }
}
