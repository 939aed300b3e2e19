package jp.mynaterm.agent.hospital;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.counter.HubStaffAccounts;
import jp.mynaterm.agent.counter.StaffSignIn;
import jp.mynaterm.protocol.staff.StaffRole;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.agent.members.AllowListFeed;
import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.agent.speech.SpeechSynthesizer;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.config.HospitalConfig;
import jp.mynaterm.config.SlipPrinterSettings;
import jp.mynaterm.hardware.escpos.SlipPrinter;
import jp.mynaterm.hardware.escpos.SlipPrinters;

/**
 * The hospital reception terminal put together from its configuration: the patients' allow-list from
 * the hub, the card reader, the slip printer ({@code peripherals.slip} if set, else
 * {@code hospital.slipPrinter}), the staff's reception page on {@code hospital.receptionUi} and the
 * patient's page, spoken aloud, on {@code hospital.residentUi}.
 */
public final class ReceptionCounter {
  private ReceptionCounter() {}

  /** @param home the installation, whose var/voices holds the Japanese voice the patient page speaks with */
  public static ReceptionServer start(Agent agent, HospitalConfig config, CardOnReader reader, Path virtualPkiDir, String hospitalName, Path home) throws IOException {
    Path data = config.terminal().dataPath();
    var auth = CardTrust.authentication(config.card(), config.terminal().id() + " configuration", Path.of(""), virtualPkiDir, agent.downlink(), agent.messages().clock());
    MemberSeal seal = MemberSeal.configured(config, "hospital.memberKey", config.hospital().memberKey());
    Reception reception = new Reception(hospitalName, AllowListFeed.follow(agent.downlink(), Reception.SERVICE, seal), new AgentRecorder(agent),
        slipPrinter(config, data), new QueueNumbers(data.resolve("queue.json")), Clock.systemUTC(), ZoneId.of("Asia/Tokyo"));
    var ui = config.hospital().receptionUi();
    var signIn = new StaffSignIn(new HubStaffAccounts(agent.downlink(), StaffRole.HOSPITAL), StaffRole.HOSPITAL, Clock.systemUTC(), StaffSignIn.SHIFT);
    ReceptionServer server = new ReceptionServer(reader, auth, reception, signIn, ui.host(), ui.port(), config.hospital().residentUi(), config.development(),
        java.util.Optional.of(SpeechSynthesizer.debian(home, data.resolve("speech"))));
    server.listWarning(agent::listWarning);
    server.alerts(agent::activeAlerts, agent::alertShown);
    return server;
  }

  static SlipPrinter slipPrinter(HospitalConfig config, Path data) {
    SlipPrinterSettings settings = config.peripherals().slip();
    if (settings.connection().isEmpty()) {
      String given = config.hospital().slipPrinter();
      // The hospital setting also takes a bare device path such as /dev/usb/lp0.
      settings = new SlipPrinterSettings(given.startsWith("/") ? "device:" + given : given, settings.paperWidth());
    }
    return SlipPrinters.from(settings, Path.of("")).orElseThrow(() -> new IllegalStateException("no slip printer configured"));
  }
}
