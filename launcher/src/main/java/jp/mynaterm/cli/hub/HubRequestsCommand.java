package jp.mynaterm.cli.hub;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.issuance.QueuedRequests;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.workqueue.WorkQueues;
import jp.mynaterm.protocol.staff.StaffRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The certificate requests residents left at kiosks while the hub was unreachable, for the counter
 * (or the post): which kiosk, when, what, how the resident wants it (counter or post), the fee the
 * kiosk stated, the phone number if one was left, the resident id behind the card, whether the card's
 * signature over the request checks out, and what staff did with it. Names and addresses are not
 * printed; staff look the resident up by id. Marking one fulfilled or void needs a kiosk-staff (or
 * administrator) account, signed in with its password, and is recorded with the user id.
 */
@Command(
    name = "requests",
    mixinStandardHelpOptions = true,
    description = "Lists the card-signed certificate requests queued at kiosks, newest first; staff mark them fulfilled or void.",
    subcommands = {HubRequestsCommand.ListRequests.class, HubRequestsCommand.Fulfil.class, HubRequestsCommand.Void.class})
final class HubRequestsCommand implements Callable<Integer> {
  private static final DateTimeFormatter JST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

  @Mixin HubListOptions options;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: the list, as before. */
  @Override
  public Integer call() throws Exception {
    return list(options, spec);
  }

  static int list(HubListOptions options, picocli.CommandLine.Model.CommandSpec spec) throws Exception {
    HubConfig cfg = options.hub();
    var out = spec.commandLine().getOut();
    try (Database db = Database.open(cfg.storage())) {
      var requests = QueuedRequests.from(cfg, db, Clock.systemUTC()).list(options.limit);
      if (requests.isEmpty()) out.println("no queued requests / 保留中の申請はありません");
      for (var q : requests) {
        var r = q.request();
        String state = q.outcome().map(o -> o.state().name().toLowerCase(java.util.Locale.ROOT) + " by " + o.staff() + " " + JST.format(o.decidedAt()))
            .orElse("open / 未処理");
        out.printf("%s  %s at %s (JST): %s x%d %s; %s, %d yen%s; resident %s; %s; %s%n", r.requestId(), q.terminal(), JST.format(q.requestedAt()),
            r.certificateType(), r.copies(), r.options().isEmpty() ? "" : new java.util.TreeMap<>(r.options()),
            r.delivery().equals("post") ? "by post / 郵送" : "at the counter / 窓口", r.feeYen(), r.contact().isEmpty() ? "" : ", phone " + r.contact(),
            q.residentId().orElse("unknown (card not linked) / 未登録"), q.check().text, state);
      }
    }
    return ExitCodes.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the queued requests, newest first, with what staff did with each.")
  static final class ListRequests implements Callable<Integer> {
    @Mixin HubListOptions options;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return list(options, spec);
    }
  }

  /** What fulfil and void share: the request, the staff member signing in, a note. */
  abstract static class Decide implements Callable<Integer> {
    @Mixin HubListOptions options;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The request number the resident was given, e.g. req-1a2b3c4d.")
    String requestId;

    @Option(names = "--staff", paramLabel = "USER", required = true, description = "Your staff user id (kiosk-staff or administrator).")
    String staff;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "Why, for the record (never a name or an address).")
    String note;

    @Option(names = "--password-stdin", description = "Read your password as one line from standard input (scripts) instead of the terminal.")
    boolean passwordFromStdin;

    abstract QueuedRequests.State state();

    @Override
    public Integer call() throws Exception {
      HubConfig cfg = options.hub();
      try (Database db = Database.open(cfg.storage())) {
        signIn(new StaffAccounts(db, Clock.systemUTC()));
        try {
          // The console's path: the outcome and its audit entry in one transaction.
          new WorkQueues(db, Clock.systemUTC(), QueuedRequests.from(cfg, db, Clock.systemUTC())).handle(WorkQueues.Kind.KIOSK_REQUESTS, requestId, staff, note, state());
        } catch (WorkQueues.NotOpen e) {
          throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
        }
      }
      spec.commandLine().getOut().printf("%s: %s by %s%n", requestId, state().name().toLowerCase(java.util.Locale.ROOT), staff);
      return ExitCodes.OK;
    }

    /** The account's password, checked as the console does (failures count toward its lockout), and its role. */
    private void signIn(StaffAccounts accounts) throws Exception {
      char[] password = password();
      try {
        if (!accounts.signIn(staff, java.nio.CharBuffer.wrap(password))) {
          throw new CommandFailure(ExitCodes.FAILURE, "sign-in refused for " + staff + " / サインインできません");
        }
      } finally {
        Arrays.fill(password, '\0');
      }
      boolean allowed = accounts.list().stream()
          .anyMatch(a -> a.userId().equals(staff) && (a.roles().contains(StaffRole.KIOSK_STAFF) || a.roles().contains(StaffRole.ADMINISTRATOR)));
      if (!allowed) throw new CommandFailure(ExitCodes.FAILURE, staff + " is not kiosk staff / 証明書交付の担当ではありません");
    }

    private char[] password() throws java.io.IOException {
      if (!passwordFromStdin) {
        var console = System.console();
        if (console == null) throw new CommandFailure(ExitCodes.USAGE, "no terminal to type the password at; give --password-stdin");
        char[] typed = console.readPassword("password / パスワード: ");
        if (typed == null) throw new CommandFailure(ExitCodes.USAGE, "no password");
        return typed;
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) throw new CommandFailure(ExitCodes.USAGE, "no password on standard input");
      return line.toCharArray();
    }
  }

  @Command(name = "fulfil", mixinStandardHelpOptions = true, description = "Marks a request fulfilled (handed over at the counter, or posted).")
  static final class Fulfil extends Decide {
    @Override
    QueuedRequests.State state() {
      return QueuedRequests.State.FULFILLED;
    }
  }

  @Command(name = "void", mixinStandardHelpOptions = true, description = "Marks a request void (it cannot be fulfilled, or the resident withdrew it).")
  static final class Void extends Decide {
    @Override
    QueuedRequests.State state() {
      return QueuedRequests.State.VOID;
    }
  }
}
