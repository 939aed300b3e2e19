package jp.mynaterm.cli.hub;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.downlink.AlertReport;
import jp.mynaterm.hub.downlink.AlertRepository;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AlertPriority;
import jp.mynaterm.protocol.message.AlertTargets;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Severity;
import jp.mynaterm.protocol.time.TerminalClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Emergency alerts (plan ④ 防災) from the hub's machine. These commands write the hub's database (the
 * sending and the withdrawal audited); the running hub publishes them within a second
 * ({@code AlertFeed}) to the terminals they are for.
 */
@Command(name = "alert", mixinStandardHelpOptions = true, description = "Emergency alerts to the terminals: send, list, cancel.",
    subcommands = {HubAlertCommand.Send.class, HubAlertCommand.ListAlerts.class, HubAlertCommand.Cancel.class})
final class HubAlertCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

  static Downlink downlink(HubConfig cfg, Database db) {
    return new Downlink(db, new Topics(cfg.municipality()), new MessageFactory(cfg.municipality(), cfg.hub().id(), TerminalClock.system()), new MessageCodec());
  }

  @Command(name = "send", mixinStandardHelpOptions = true, description = {
      "Sends an alert to the terminals: kiosks show it full screen and speak it, counters in a banner, taxis to the driver.",
      "Text in Japanese, やさしい日本語 and English is required; other kiosk languages with --text LANG=TEXT."})
  static final class Send implements Callable<Integer> {
    @Option(names = "--ja", required = true, paramLabel = "TEXT", description = "The alert in Japanese.")
    String ja;

    @Option(names = "--ja-easy", required = true, paramLabel = "TEXT", description = "In やさしい日本語 (easy Japanese).")
    String jaEasy;

    @Option(names = "--en", required = true, paramLabel = "TEXT", description = "In English.")
    String en;

    @Option(names = "--text", paramLabel = "LANG=TEXT", description = "Another language the kiosk speaks (zh-CN, ko, pt-BR, vi, tl).")
    Map<String, String> more = new LinkedHashMap<>();

    @Option(names = "--all", description = "For every terminal (the default when no --role or --terminal is given).")
    boolean all;

    @Option(names = "--role", paramLabel = "ROLE", description = "For every terminal of this role (kiosk, taxi, library, hospital); repeatable.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--terminal", paramLabel = "ID", description = "For this terminal; repeatable.")
    List<String> terminals = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "LEVEL", defaultValue = "warning", description = "info, warning or emergency (default: ${DEFAULT-VALUE}).")
    String severity;

    @Option(names = "--priority", paramLabel = "P", defaultValue = "normal",
        description = "high (interrupts what a terminal is doing) or normal (when it is next idle) (default: ${DEFAULT-VALUE}).")
    String priority;

    @Option(names = "--expires", required = true, paramLabel = "WHEN", description = "How long it lasts (30m, 3h, 2d) or until when (2026-12-01T18:00:00Z).")
    String expires;

    @Option(names = "--id", paramLabel = "ID", description = "The alert's id (default: alert- and the time).")
    String id;

    @Mixin HubConfigOption options;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Instant now = Instant.now();
      Alert alert;
      try {
        Map<String, String> text = new LinkedHashMap<>(Map.of("ja", ja, "ja-easy", jaEasy, "en", en));
        more.forEach(text::putIfAbsent);
        alert = new Alert(id != null ? id : AlertRepository.newId(now),
            wire(Severity.class, severity, "--severity"), text, expiry(expires, now), targets(), wire(AlertPriority.class, priority, "--priority"));
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
      }
      HubConfig cfg = options.hub();
      try (Database db = Database.open(cfg.storage())) {
        downlink(cfg, db).sendAlert(alert, Launch.operator());
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
      }
      spec.commandLine().getOut().printf("alert %s sent to %s until %s; the hub publishes it now / 警報を送信しました%n",
          alert.alertId(), alert.targets().describe(), LOCAL.format(alert.expires()));
      return ExitCodes.OK;
    }

    private AlertTargets targets() {
      for (String r : roles) {
        if (!jp.mynaterm.hub.downlink.AlertsSection.ROLES.contains(r)) throw new IllegalArgumentException("--role: one of " + jp.mynaterm.hub.downlink.AlertsSection.ROLES + " (got '" + r + "')");
      }
      if (all && !(roles.isEmpty() && terminals.isEmpty())) throw new IllegalArgumentException("--all or --role/--terminal, not both");
      return roles.isEmpty() && terminals.isEmpty() ? AlertTargets.ALL : new AlertTargets(false, roles, terminals);
    }

    static Instant expiry(String text, Instant now) {
      Instant at;
      try {
        at = Character.isDigit(text.charAt(text.length() - 1)) || text.endsWith("Z") ? Instant.parse(text) : now.plus(jp.mynaterm.config.DurationText.parse(text));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("--expires: a duration (3h) or an ISO instant (2026-12-01T18:00:00Z), got '" + text + "'");
      }
      if (!at.isAfter(now)) throw new IllegalArgumentException("--expires: " + text + " has passed");
      return at;
    }

    private static <E extends Enum<E>> E wire(Class<E> type, String text, String option) {
      for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(text)) return e;
      throw new IllegalArgumentException(option + ": one of " + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList()
          + " (got '" + text + "')");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The alerts sent, newest first, with each terminal's acknowledgement: shown, received, or not yet.")
  static final class ListAlerts implements Callable<Integer> {
    @Mixin HubListOptions options;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HubConfig cfg = options.hub();
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Database.open(cfg.storage())) {
        List<AlertReport.Row> rows = AlertReport.newest(downlink(cfg, db), options.limit, Instant.now());
        if (rows.isEmpty()) out.println("no alerts / 警報はありません");
        for (AlertReport.Row row : rows) {
          AlertRepository.Sent s = row.sent();
          Alert a = s.alert();
          String state = row.active() ? "active" : s.withdrawnAt().map(w -> "withdrawn " + LOCAL.format(w) + " by " + s.withdrawnBy()).orElse("expired");
          out.printf("%s  %s %s priority  to %s  until %s  %s  sent %s by %s  shown %d/%d%n", a.alertId(), a.severity().name().toLowerCase(java.util.Locale.ROOT),
              a.priority().wire(), a.targets().describe(), LOCAL.format(a.expires()), state, s.sentAt().map(LOCAL::format).orElse("-"), s.sentBy().isEmpty() ? "-" : s.sentBy(),
              row.shownBy(), row.terminals().size());
          out.printf("    ja: %s%n", a.text("ja"));
          row.terminals().forEach((terminal, ack) -> out.printf("    %-16s %s%n", terminal, ackText(ack)));
        }
      }
      return ExitCodes.OK;
    }

    static String ackText(AlertRepository.Ack ack) {
      Optional<String> shown = ack.shown().map(t -> "shown " + LOCAL.format(t));
      Optional<String> received = ack.received().map(t -> "received " + LOCAL.format(t));
      return shown.or(() -> received).orElse("not yet / 未確認");
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Withdraws an active alert: the terminals stop showing it.")
  static final class Cancel implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The alert's id (see hub alert list).")
    String id;

    @Mixin HubConfigOption options;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HubConfig cfg = options.hub();
      try (Database db = Database.open(cfg.storage())) {
        if (!downlink(cfg, db).withdrawAlert(id, Launch.operator())) {
          throw new CommandFailure(ExitCodes.USAGE, "no active alert '" + id + "' (see ./mynaterm hub alert list)");
        }
      }
      spec.commandLine().getOut().printf("alert %s withdrawn; the terminals stop showing it / 警報を取り消しました%n", id);
      return ExitCodes.OK;
    }
  }
}
