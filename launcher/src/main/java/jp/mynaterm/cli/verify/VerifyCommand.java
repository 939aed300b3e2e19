package jp.mynaterm.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.CommandFailure;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.hub.paper.PaperCheck;
import jp.mynaterm.hub.paper.PaperReader;
import jp.mynaterm.protocol.issuance.IssuingSignatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a printed certificate from its file — the kiosk's PDF, or a scan or photo of the paper (PNG,
 * JPEG): reads its QR code, shows the fields the city signed under the paper's labels so an officer
 * compares them with the paper, says whether the city's issuing key signed them (offline, with the
 * hub's {@code issuing-key.pub}), and asks the hub's /verify page for the code's status there.
 * Exit 0: signed by the city (and not denied by the hub); 1: no signed code, a bad signature, or a code
 * the hub never issued; 2: a file or key that cannot be read.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Checks a certificate's QR code (a PDF, or a scanned PNG/JPEG): signed fields, signature, status at the hub.")
public final class VerifyCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(paramLabel = "FILE", description = "The certificate: the kiosk's PDF, or a scan or photo (PNG, JPEG).")
  Path file;

  @Option(names = "--key", paramLabel = "FILE", description = "The city's issuing public key (the hub's issuing-key.pub); default: var/hub/issuing-key.pub.")
  Path key;

  @Option(names = "--offline", description = "Do not ask the hub for the code's status (the signature is checked all the same).")
  boolean offline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PublicKey publicKey = publicKey();
    List<String> texts;
    try {
      texts = PaperReader.qrTexts(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.USAGE, file + ": no such file");
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, file + ": " + e.getMessage());
    }
    if (texts.isEmpty()) {
      out.println(file + ": no QR code found / 二次元コードが読み取れません (scan at 300 dpi or more, the whole code in view)");
      return ExitCodes.FAILURE;
    }
    boolean allGood = true;
    for (String text : texts) allGood &= check(out, text, publicKey);
    return allGood ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private boolean check(PrintWriter out, String text, PublicKey publicKey) {
    Optional<PaperCheck> read;
    try {
      read = PaperCheck.of(text, publicKey);
    } catch (IllegalArgumentException e) {
      out.println(file + ": the QR code's signed part cannot be read (" + e.getMessage() + ") / 署名部分が読めません");
      return false;
    }
    if (read.isEmpty()) {
      out.println(file + ": the QR code carries no signed fields (" + abbreviated(text) + ") / 署名された内容がありません");
      return false;
    }
    PaperCheck paper = read.get();
    out.println(file + ": " + (paper.rows().isEmpty() ? "" : paper.rows().get(0).getValue()) + ", 検証コード " + paper.code());
    out.println("  signed fields, to compare with the paper / 署名された内容（用紙と見比べてください）:");
    int width = paper.rows().stream().mapToInt(r -> r.getKey().length()).max().orElse(0);
    paper.rows().forEach(r -> out.println("    " + r.getKey() + " ".repeat(width - r.getKey().length() + 2) + r.getValue()));
    String signature =
        paper.signatureValid() ? "valid: signed by the city's issuing key / 有効（市の発行鍵の署名）"
            : paper.otherKey() ? "NOT VALID: not signed by this issuing key (another key, or forged) / 無効（この発行鍵の署名ではありません）"
            : "NOT VALID: the fields were changed after signing / 無効（署名後に内容が変えられています）";
    out.println("  signature / 署名: " + signature);
    Status status = offline ? new Status(true, "not asked (--offline) / 未確認") : status(text);
    out.println("  status at the hub / 発行元での状態: " + status.text());
    out.flush();
    return paper.signatureValid() && status.good();
  }

  private record Status(boolean good, String text) {}

  /** The hub's /verify page for the code, asked for JSON; the paper's own URL (the QR text without its fragment). */
  private static Status status(String qrText) {
    String url = qrText.contains("#") ? qrText.substring(0, qrText.indexOf('#')) : qrText;
    if (!url.startsWith("http://") && !url.startsWith("https://")) return new Status(true, "no verify address in the code / 確認先なし");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) return new Status(false, "NOT ISSUED: the hub has no certificate with this code / 発行記録がありません (" + url + ")");
      if (r.statusCode() != 200) return new Status(true, "unknown: the hub answered " + r.statusCode() + " (" + url + ")");
      JsonNode s = JSON.readTree(r.body());
      // This paper's code: valid (paid and printed), void (not printed, refunded) or awaiting the kiosk's report.
      String state = s.path("status").asText("awaiting");
      StringBuilder text = new StringBuilder(state);
      for (String field : List.of("type", "issuedAt", "terminal", "copy", "copies")) {
        if (s.hasNonNull(field) && !(field.equals("copy") && s.get(field).asInt() == 0)) text.append(", ").append(field).append(' ').append(s.get(field).asText());
      }
      return new Status(!state.equals("void"), text + " (" + url + ")");
    } catch (IOException | IllegalArgumentException e) {
      return new Status(true, "unreachable: " + e.getClass().getSimpleName() + " (" + url + "); the signature above stands on its own");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Status(true, "not asked (interrupted)");
    }
  }

  private PublicKey publicKey() {
    Path k = key != null ? key : Launch.home().resolve("var/hub/issuing-key.pub");
    if (!Files.exists(k)) {
      throw new CommandFailure(ExitCodes.USAGE, "no issuing public key at " + k + " (give --key with the hub's issuing-key.pub; the demo's is var/demo/hub/issuing-key.pub)");
    }
    try {
      return IssuingSignatures.readPublicKey(k);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
