package jp.mynaterm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.config.ConfigLoader;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.Role;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hub.pki.PkiFixtures;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.testsupport.RealComponent;
import jp.mynaterm.testsupport.RoleProcess;

/**
 * A role started alone, for the SIGTERM tests: a development hub's configuration, and a terminal
 * enrolled with that hub's PKI while the hub is not running (so the terminal works offline, as after a
 * power cut in a vehicle), a virtual card for the vpcd reader, and the terminal's outbox read from
 * outside its process, as the hub would receive it later.
 */
public final class TerminalAlone {
  public static final String CITY = "212075";

  /**
   * A terminal ready to start: its card PKI, data directory and outbox, and the first lines of its
   * configuration (role, development mode, identity, an unreachable hub, the vpcd reader).
   */
  public record Prepared(VirtualCardPki pki, Path data, Path outbox, String yamlHead) {}

  private TerminalAlone() {}

  /** Writes a development hub's configuration (embedded broker, free ports) into {@code dir}. */
  public static Path hubYaml(Path dir) throws Exception {
    Path yaml = dir.resolve("hub.yaml");
    Files.writeString(yaml, """
        role: hub
        development: true
        municipality: "%s"
        hub: { id: hub-1, dataDir: "%s" }
        broker: { embedded: true, host: 127.0.0.1, port: %d }
        http: { host: 127.0.0.1, port: %d }
        """.formatted(CITY, dir.resolve("hub"), RoleProcess.freePort(), RoleProcess.freePort()));
    return yaml;
  }

  /** pcscd running, a card PKI, and terminal {@code id} enrolled as {@code role} with a stopped hub's PKI. */
  public static Prepared prepare(Path dir, String id, Role role) throws Exception {
    if (PcscDaemon.ensureRunning(Duration.ofSeconds(15)) instanceof PcscDaemon.Availability.Unavailable u) throw RealComponent.PCSCD.missing(u.reason());
    VirtualCardPki pki = VirtualCardPki.openOrCreate(dir.resolve("cards"));
    Path data = dir.resolve(id);
    PkiFixtures.terminal(new ConfigLoader().load(hubYaml(dir), HubConfig.class), id, role, data);
    String head = """
        role: %s
        development: true
        municipality: "%s"
        terminal: { id: %s, dataDir: "%s" }
        mqtt: { url: "ssl://127.0.0.1:%d" }
        card: { reader: "%s", trustAnchors: "%s" }
        """.formatted(role.key(), CITY, id, data, RoleProcess.freePort(), PcscDaemon.VPCD_READER, pki.trustAnchorsFile());
    return new Prepared(pki, data, data.resolve("outbox.db"), head);
  }

  /** Lays resident {@code resident}'s virtual card (PIN 1234) on the first vpcd reader. */
  public static VirtualCardInPcscd insert(VirtualCardPki pki, String resident) throws Exception {
    VirtualMyNumberCard card = VirtualMyNumberCard.forResident(pki, Resident.find(resident).orElseThrow(), "1234");
    return switch (VirtualCardInPcscd.open(card, Duration.ofMinutes(2))) {
      case VirtualCardInPcscd.Opening.Ready r -> r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw RealComponent.PCSCD.missing(u.reason());
    };
  }

  /** The events committed in an outbox file, oldest first, as stored; none while it does not exist yet. */
  public static List<String> committed(Path outbox) throws Exception {
    List<String> out = new ArrayList<>();
    if (!Files.exists(outbox)) return out;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + outbox);
        Statement s = c.createStatement()) {
      if (!s.executeQuery("SELECT 1 FROM sqlite_master WHERE name = 'outbox'").next()) return out;
      try (ResultSet rs = s.executeQuery("SELECT record FROM outbox ORDER BY seq")) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * After the process ended: what was committed {@code before} it was stopped is there unchanged, each
   * record reads back as an event and the file passes SQLite's whole check (nothing half-written).
   */
  public static List<EventRecord> assertCommittedWhole(Path outbox, List<String> before) throws Exception {
    List<String> after = committed(outbox);
    assertEquals(before, after, "what was committed before SIGTERM is there, unchanged");
    List<EventRecord> events = new ArrayList<>();
    for (String json : after) events.add(MessageCodec.read(json, EventRecord.class));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + outbox);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      assertEquals("ok", rs.next() ? rs.getString(1) : "no answer");
    }
    return events;
  }
}
