package jp.mynaterm.hardware.location;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.protocol.event.Location;
import org.junit.jupiter.api.Test;

/** The position from a gpsd that speaks gpsd's JSON protocol on a loopback socket. */
class GpsdLocationTest {
  private static final String TPV_FIX =
      "{\"class\":\"TPV\",\"device\":\"/dev/ttyACM0\",\"mode\":3,\"time\":\"2026-11-24T00:30:00.000Z\",\"ept\":0.005,"
          + "\"lat\":35.544700,\"lon\":136.907500,\"alt\":92.0,\"epx\":6.1,\"epy\":8.2,\"eph\":9.0,\"track\":10.0,\"speed\":8.2}";

  /** A gpsd for one client: checks the WATCH request, then sends the given reports. */
  private static ServerSocket gpsd(AtomicReference<String> watchRequest, String... reports) throws Exception {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      try (Socket s = server.accept()) {
        OutputStream out = s.getOutputStream();
        out.write("{\"class\":\"VERSION\",\"release\":\"3.22\",\"rev\":\"3.22\",\"proto_major\":3,\"proto_minor\":14}\n".getBytes(StandardCharsets.UTF_8));
        watchRequest.set(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine());
        out.write("{\"class\":\"DEVICES\",\"devices\":[{\"class\":\"DEVICE\",\"path\":\"/dev/ttyACM0\"}]}\n".getBytes(StandardCharsets.UTF_8));
        for (String r : reports) out.write((r + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        s.getInputStream().read(); // hold the connection until the client closes it
      } catch (Exception e) {
        // the client went away
      }
    });
    return server;
  }

  private static Optional<Location> awaitFix(GpsdLocation g, Duration within) {
    return await("a fix").atMost(within).until(g::get, Optional::isPresent);
  }

  @Test
  void aThreeDimensionalFixBecomesTheRidesLocation() throws Exception {
    AtomicReference<String> watch = new AtomicReference<>();
    try (ServerSocket server = gpsd(watch, "{\"class\":\"TPV\",\"mode\":1}", TPV_FIX);
        GpsdLocation g = GpsdLocation.start("127.0.0.1:" + server.getLocalPort(), Clock.systemUTC())) {
      Location at = awaitFix(g, Duration.ofSeconds(10)).orElseThrow();
      assertEquals(35.5447, at.lat(), 1e-9);
      assertEquals(136.9075, at.lon(), 1e-9);
      assertEquals(9.0, at.accuracyM());
      assertTrue(watch.get().startsWith("?WATCH={\"enable\":true,\"json\":true}"), watch.get());
    }
  }

  @Test
  void noFixGarbageAndStaleFixesGiveNoLocation() {
    Instant now = Instant.parse("2026-11-24T00:30:00Z");
    var clock = new java.util.concurrent.atomic.AtomicReference<>(now);
    Clock movable = new Clock() {
      public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      public Clock withZone(java.time.ZoneId z) { return this; }
      public Instant instant() { return clock.get(); }
    };
    try (GpsdLocation g = GpsdLocation.start("127.0.0.1:1", movable)) {
      g.accept("{\"class\":\"TPV\",\"mode\":1}");
      g.accept("not json at all");
      g.accept("{\"class\":\"SKY\",\"satellites\":[]}");
      assertEquals(Optional.empty(), g.get());
      g.accept(TPV_FIX);
      assertTrue(g.get().isPresent());
      clock.set(now.plus(GpsdLocation.STALE).plusSeconds(1));
      assertEquals(Optional.empty(), g.get(), "a fix older than 30 s is no location");
    }
  }
}
