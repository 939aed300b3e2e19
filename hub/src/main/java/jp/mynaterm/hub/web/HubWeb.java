package jp.mynaterm.hub.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mynaterm.config.HttpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one web server ({@code http:}, default 127.0.0.1:8080): the public {@code /verify} page,
 * {@code /metrics} and the staff console ({@code /console}) are parts that add their routes to it, so
 * one address, one port and one set of security headers serve them all.
 */
public final class HubWeb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HubWeb.class);
  /**
   * Every page: only this server's stylesheets and scripts, no inline script, no framing, forms post
   * only here. Pages draw charts as inline SVG, which needs no source of its own.
   */
  private static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer");
  /** A scan at 300 dpi of an A4 page (posted to /verify/paper) is a few MB as PNG. */
  static final long MAX_UPLOAD_BYTES = 12L * 1024 * 1024;

  private final Javalin app;

  private HubWeb(Javalin app) {
    this.app = app;
  }

  /**
   * Serves the parts; empty if the address cannot be bound (the hub goes on without its pages).
   *
   * @param parts each adds its routes (and before-handlers) to the one server
   */
  public static Optional<HubWeb> start(HttpSettings http, List<Consumer<RoutesConfig>> parts) {
    Javalin app = Javalin.create(c -> {
      c.http.maxRequestSize = MAX_UPLOAD_BYTES;
      c.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, io.javalin.config.SizeUnit.BYTES);
      c.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES, io.javalin.config.SizeUnit.BYTES);
      c.startup.showJavalinBanner = false;
      // ./mynaterm test reports outdated dependencies; the server need not say so at every start.
      c.startup.showOldJavalinVersionWarning = false;
      c.routes.before(ctx -> HEADERS.forEach(ctx::header));
      parts.forEach(p -> p.accept(c.routes));
    });
    try {
      app.start(http.host(), http.port());
      log.info("hub web pages on http://{}:{}/ (verify, console, metrics)", http.host(), app.port());
      return Optional.of(new HubWeb(app));
    } catch (RuntimeException e) {
      log.warn("hub web pages not started: {}:{} cannot be bound ({})", http.host(), http.port(), e.getMessage());
      app.stop();
      return Optional.empty();
    }
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
