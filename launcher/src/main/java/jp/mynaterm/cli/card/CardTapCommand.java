package jp.mynaterm.cli.card;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.TapRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tap",
    mixinStandardHelpOptions = true,
    description = {
      "Taps a virtual resident's card on the demo's vehicle reader: the card goes into pcscd's",
      "\"" + PcscDaemon.VPCD_READER + "\" until the taxi's answer has reached the demo hub, then comes out.",
      "Run it while `./mynaterm demo` runs."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:boarded", "1:no answer in time, or pcscd/vpcd unavailable", "2:bad command line", "9:refused"})
final class CardTapCommand implements Callable<Integer> {
  static final int REFUSED = 9;

  @Option(names = "--terminal", paramLabel = "ID", description = "The vehicle reader whose answer to wait for (default: ${DEFAULT-VALUE}).", defaultValue = "taxi-1")
  String terminal;

  @Option(names = "--resident", required = true, paramLabel = "ID", description = "Synthetic resident 1-6 whose virtual card is tapped.")
  String resident;

  @Option(names = "--hub-db", paramLabel = "FILE", description = "The hub's SQLite file (default: the demo hub's, var/demo/hub/hub.db).")
  Path hubDb;

  @Option(names = "--wait", paramLabel = "SECONDS", description = "How long to wait for the answer at the hub (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int waitSeconds;

  /** A tap's answer as the hub stored it. */
  private record Answer(boolean boarded, String text) {}

  /** The taxi's answers to a tap, as the hub stores their types. */
  private static final List<String> ANSWERS = List.of(EventTypes.of(RideBoarded.class), EventTypes.of(TapRefused.class));

  @Override
  public Integer call() throws Exception {
    Resident who = Resident.find(resident).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
        "no resident '" + resident + "'; known: " + Resident.all().stream().map(Resident::id).toList()));
    Path db = hubDb != null ? Launch.resolve(hubDb) : Launch.home().resolve("var/demo/hub/hub.db");
    if (!Files.isRegularFile(db)) {
      throw new CommandFailure(ExitCodes.USAGE, "no hub database at " + db + " (is `./mynaterm demo` running? or pass --hub-db)");
    }
    try (Database storage = Database.open(new StorageSettings("jdbc:sqlite:" + db, null, null))) {
      return tap(who, new EventRepository(storage));
    }
  }

  private int tap(Resident who, EventRepository events) throws Exception {
    long before = events.lastSequence(terminal);
    VirtualMyNumberCard card = VirtualMyNumberCard.persistentForResident(VirtualCardPki.openOrCreate(Launch.virtualCardPki()), who, "1234");
    VirtualCardInPcscd inReader = switch (VirtualCardInPcscd.open(card, Duration.ofSeconds(10))) {
      case VirtualCardInPcscd.Opening.Ready r -> r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw new CommandFailure(ExitCodes.FAILURE, "cannot put the card in the reader: " + u.reason());
    };
    Optional<Answer> answer;
    try (inReader) {
      System.out.println("tapped: resident " + who.id() + "'s card in \"" + inReader.readerName() + "\"; waiting for " + terminal + "'s answer at the hub");
      long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
      do {
        answer = answerAfter(events, before);
        if (answer.isPresent()) break;
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling the hub's file, bounded by --wait
      } while (System.nanoTime() < deadline);
    }
    if (answer.isEmpty()) {
      System.out.println("no answer from " + terminal + " at the hub within " + waitSeconds + " s (is the demo's taxi running and online?)");
      return ExitCodes.FAILURE;
    }
    System.out.println(answer.get().text());
    return answer.get().boarded() ? ExitCodes.OK : REFUSED;
  }

  private Optional<Answer> answerAfter(EventRepository events, long seq) throws Exception {
    return events.after(terminal, seq, ANSWERS, 1).stream().findFirst().map(e -> switch (e.record().event()) {
      case RideBoarded b -> new Answer(true, "boarded: " + terminal + " (vehicle " + b.vehicle() + ", shift " + b.shift() + "), fare class " + b.fareClass() + ", ¥" + b.fareYen());
      case TapRefused t -> new Answer(false, "refused: " + t.reason());
      default -> new Answer(false, EventTypes.of(e.record().event()));
    });
  }
}
