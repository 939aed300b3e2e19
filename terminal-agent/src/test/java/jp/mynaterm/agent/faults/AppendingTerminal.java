package jp.mynaterm.agent.faults;

import java.nio.file.Path;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.time.TerminalClock;

/**
 * A terminal process for the power-cut test: appends rides to the outbox at {@code args[0]} one
 * commit at a time, as fast as it can, printing the id of each one it was told is committed, until
 * it is killed. Ids start with {@code args[1]}, so each run's are unique. With {@code args[2]}, it
 * stops after that many and exits (the run that records its classes for the others' faster start).
 */
public final class AppendingTerminal {
  private AppendingTerminal() {}

  public static void main(String[] args) throws Exception {
    TerminalClock clock = TerminalClock.system();
    Outbox outbox = Outbox.open(Path.of(args[0]), new OutboxSettings(10_000_000L, null));
    int stopAfter = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    for (int i = 0; i < stopAfter; i++) {
      RideBoarded ride = Ledger.ride(args[1] + "-" + i);
      if (outbox.append(ride, clock.now()) instanceof Appended.Committed) {
        System.out.println("committed " + Ledger.id(ride));
        System.out.flush();
      }
    }
    outbox.close();
  }
}
