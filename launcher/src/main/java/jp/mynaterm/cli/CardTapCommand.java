package jp.mynaterm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.message.EventRecord;
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
  private record Answer(long seq, String type, String text) {}

  @Override
  public Integer call() throws Exception {
    Resident who = Resident.find(resident).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
        "no resident '" + resident + "'; known: " + Resident.all().stream().map(Resident::id).toList()));
    Path db = hubDb != null ? Launch.resolve(hubDb) : Launch.home().resolve("var/demo/hub/hub.db");
    if (!Files.isRegularFile(db)) {
      throw new CommandFailure(ExitCodes.USAGE, "no hub database at " + db + " (is `./mynaterm demo` running? or pass --hub-db)");
    }
    String url = "jdbc:sqlite:" + db;
    long before = lastSeq(url);
    VirtualMyNumberCard card = VirtualMyNumberCard.forResident(VirtualCardPki.openOrCreate(CardCommand.defaultPkiDir()), who, "1234");
    VirtualCardInPcscd inReader = switch (VirtualCardInPcscd.open(card, Duration.ofSeconds(10))) {
      case VirtualCardInPcscd.Opening.Ready r -> r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw new CommandFailure(ExitCodes.FAILURE, "cannot put the card in the reader: " + u.reason());
    };
    Optional<Answer> answer;
    try (inReader) {
      System.out.println("tapped: resident " + who.id() + "'s card in \"" + inReader.readerName() + "\"; waiting for " + terminal + "'s answer at the hub");
      long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
      do {
        answer = answerAfter(url, before);
        if (answer.isPresent()) break;
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling the hub's file, bounded by --wait
      } while (System.nanoTime() < deadline);
    }
    if (answer.isEmpty()) {
      System.out.println("no answer from " + terminal + " at the hub within " + waitSeconds + " s (is the demo's taxi running and online?)");
      return ExitCodes.FAILURE;
    }
    System.out.println(answer.get().text());
    return answer.get().type().equals(EventTypes.of(RideBoarded.class)) ? ExitCodes.OK : REFUSED;
  }

  private long lastSeq(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events WHERE terminal = ?")) {
      p.setString(1, terminal);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  private Optional<Answer> answerAfter(String url, long seq) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement p = c.prepareStatement(
            "SELECT seq, event_type, record FROM events WHERE terminal = ? AND seq > ? AND event_type IN ('" + EventTypes.of(RideBoarded.class) + "', '" + EventTypes.of(TapRefused.class) + "') ORDER BY seq LIMIT 1")) {
      p.setString(1, terminal);
      p.setLong(2, seq);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) return Optional.empty();
        EventRecord record = MessageCodec.read(r.getString(3), EventRecord.class);
        String text = switch (record.event()) {
          case RideBoarded b -> "boarded: " + terminal + " (vehicle " + b.vehicle() + ", shift " + b.shift() + "), fare class " + b.fareClass() + ", ¥" + b.fareYen();
          case TapRefused t -> "refused: " + t.reason();
          default -> r.getString(2);
        };
        return Optional.of(new Answer(r.getLong(1), r.getString(2), text));
      }
    }
  }
}
