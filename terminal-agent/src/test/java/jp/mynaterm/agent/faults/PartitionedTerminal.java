package jp.mynaterm.agent.faults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.protocol.event.RideBoarded;

/**
 * A taxi agent in its own network namespace for the partition test: {@code args} data directory,
 * terminal id, broker URL, keepalive seconds. Records a ride every 20 ms, printing "committed ID"
 * for each, and "connected" / "disconnected" when its MQTT connection changes. On "stop" from stdin
 * it stops recording, waits for its outbox to empty and prints "drained CONNECTS".
 */
public final class PartitionedTerminal {
  private PartitionedTerminal() {}

  public static void main(String[] args) throws Exception {
    Agent agent = Agent.start(Rig.taxi(Path.of(args[0]), args[1], args[2], Duration.ofSeconds(3), null, Duration.ofSeconds(Long.parseLong(args[3]))), "test");
    var stop = new java.util.concurrent.CountDownLatch(1);
    Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) if (line.equals("stop")) break;
      } catch (java.io.IOException e) {
        // The test ended: stop as well.
      }
      stop.countDown();
    });
    boolean connected = false;
    for (int i = 0; stop.getCount() > 0; i++) {
      RideBoarded ride = Ledger.ride(args[1] + "-" + i);
      if (agent.record(ride) instanceof Appended.Committed) say("committed " + Ledger.id(ride));
      if (agent.connected() != connected) {
        connected = !connected;
        say(connected ? "connected" : "disconnected");
      }
      stop.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    while (agent.outbox().depth() > 0) Thread.sleep(50); // the test bounds this with its own deadline
    say("drained " + agent.stats().connects());
    agent.close();
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
