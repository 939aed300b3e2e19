package jp.mynaterm.hardware.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import jp.mynaterm.protocol.event.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vehicle's position from gpsd, the standard GPS daemon: a TCP client that asks gpsd to watch
 * ({@code ?WATCH={"enable":true,"json":true}}) and keeps the latest 2D/3D fix from its TPV reports.
 * A fix older than {@link #STALE} counts as none, so a ride is never stamped with where the vehicle
 * was minutes ago. gpsd away or no fix: {@link #get()} is empty and the ride is recorded without a
 * location; the client reconnects by itself.
 */
public final class GpsdLocation implements Supplier<Optional<Location>>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GpsdLocation.class);
  private static final ObjectMapper JSON = jp.mynaterm.protocol.codec.MessageCodec.mapper();
  public static final Duration STALE = Duration.ofSeconds(30);
  private static final Duration RECONNECT = Duration.ofSeconds(5);

  private record Fix(Location location, Instant at) {}

  private final String host;
  private final int port;
  private final Clock clock;
  private final Thread reader;
  private volatile Fix latest;
  private volatile boolean running = true;
  private volatile Socket socket;

  private GpsdLocation(String host, int port, Clock clock) {
    this.host = host;
    this.port = port;
    this.clock = clock;
    this.reader = Thread.ofVirtual().name("gpsd").unstarted(this::run);
  }

  /** @param hostPort gpsd's address, e.g. {@code 127.0.0.1:2947} */
  public static GpsdLocation start(String hostPort, Clock clock) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 1) throw new IllegalArgumentException("gpsd must be host:port (got '" + hostPort + "')");
    GpsdLocation g = new GpsdLocation(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), clock);
    g.reader.start();
    return g;
  }

  @Override
  public Optional<Location> get() {
    Fix f = latest;
    if (f == null || Duration.between(f.at(), clock.instant()).compareTo(STALE) > 0) return Optional.empty();
    return Optional.of(f.location());
  }

  private void run() {
    while (running) {
      try (Socket s = new Socket()) {
        socket = s;
        s.connect(new InetSocketAddress(host, port), 3000);
        OutputStream out = s.getOutputStream();
        out.write("?WATCH={\"enable\":true,\"json\":true};\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while (running && (line = in.readLine()) != null) {
          if (line.length() < 16 * 1024) accept(line);
        }
      } catch (IOException e) {
        if (running) log.debug("gpsd at {}:{} unavailable: {}", host, port, e.getMessage());
      }
      if (!running) return;
      try {
        Thread.sleep(RECONNECT); // reconnect pace; gpsd may be starting with the vehicle
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One gpsd report: a TPV with a 2D or 3D fix becomes the latest position; anything else is ignored. */
  void accept(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      if (n == null || !"TPV".equals(n.path("class").asText())) return;
      if (n.path("mode").asInt(0) < 2 || !n.path("lat").isNumber() || !n.path("lon").isNumber()) return;
      Double accuracy = n.path("eph").isNumber() ? n.path("eph").asDouble() : n.path("epx").isNumber() ? Math.max(n.path("epx").asDouble(), n.path("epy").asDouble(0)) : null;
      latest = new Fix(Location.fix(n.path("lat").asDouble(), n.path("lon").asDouble(), accuracy), clock.instant());
    } catch (IOException | IllegalArgumentException e) {
      log.debug("gpsd sent something that is not a report: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    reader.interrupt();
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
