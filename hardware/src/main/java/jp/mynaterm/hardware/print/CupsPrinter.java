package jp.mynaterm.hardware.print;

import com.hp.jipp.encoding.AttributeType;
import com.hp.jipp.encoding.IppInputStream;
import com.hp.jipp.encoding.IppOutputStream;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints through CUPS over IPP (Print-Job, then Get-Job-Attributes until the job ends), so the
 * kiosk knows whether the certificate really came out before it finishes the transaction. The
 * printer's state is checked first: a stopped or paper-less printer is refused before the resident
 * waits for nothing.
 */
public final class CupsPrinter implements CertificatePrinter {
  private static final Logger log = LoggerFactory.getLogger(CupsPrinter.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final URI http;
  private final URI printerUri;
  private final String queue;
  private final Duration jobTimeout;
  private final HttpClient client;

  /**
   * @param cups the server's base URL, e.g. http://127.0.0.1:631
   * @param queue the CUPS queue name
   */
  public CupsPrinter(URI cups, String queue, Duration jobTimeout) {
    String base = cups.toString().replaceAll("/+$", "");
    this.http = URI.create(base + "/printers/" + queue);
    this.printerUri = URI.create(base.replaceFirst("^https?", "ipp") + "/printers/" + queue);
    this.queue = queue;
    this.jobTimeout = jobTimeout;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public String describe() {
    return "cups:" + queue;
  }

  @Override
  public PrintOutcome print(String title, byte[] pdf) {
    try {
      Optional<PrintOutcome.Failed> notReady = checkPrinter();
      if (notReady.isPresent()) return notReady.get();
      IppPacket submitted = exchange(IppPacket.printJob(printerUri)
          .putOperationAttributes(
              Types.requestingUserName.of(System.getProperty("user.name", "mynaterm")),
              Types.jobName.of(title),
              Types.documentFormat.of("application/pdf"))
          .build(), pdf);
      if (submitted.getCode() == Status.clientErrorNotFound.getCode()) {
        return new PrintOutcome.Failed(PrintProblem.PRINTER_NOT_FOUND, queue);
      }
      if (!successful(submitted)) {
        return new PrintOutcome.Failed(PrintProblem.JOB_ABORTED, "Print-Job: " + submitted.getStatus());
      }
      Integer jobId = submitted.getValue(Tag.jobAttributes, Types.jobId);
      if (jobId == null) return new PrintOutcome.Failed(PrintProblem.JOB_ABORTED, "CUPS returned no job id");
      log.info("certificate sent to {} as job {}", queue, jobId);
      return follow(jobId);
    } catch (ConnectException | HttpTimeoutException e) {
      return new PrintOutcome.Failed(PrintProblem.PRINT_SERVICE_UNREACHABLE, http.getAuthority() + ": " + e.getClass().getSimpleName());
    } catch (IOException e) {
      return new PrintOutcome.Failed(PrintProblem.PRINT_SERVICE_UNREACHABLE, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PrintOutcome.Failed(PrintProblem.TIMED_OUT, "interrupted while printing");
    }
  }

  /** The printer's own state before sending: stopped, out of paper, offline → no job at all. */
  private Optional<PrintOutcome.Failed> checkPrinter() throws IOException, InterruptedException {
    IppPacket attributes = printerAttributes(Types.printerIsAcceptingJobs, Types.printerStateMessage);
    if (attributes.getCode() == Status.clientErrorNotFound.getCode()) {
      return Optional.of(new PrintOutcome.Failed(PrintProblem.PRINTER_NOT_FOUND, queue));
    }
    Optional<PrintProblem> problem = problemOf(attributes);
    if (problem.isEmpty() && Boolean.FALSE.equals(attributes.getValue(Tag.printerAttributes, Types.printerIsAcceptingJobs))) {
      problem = Optional.of(PrintProblem.PRINTER_STOPPED);
    }
    String said = attributes.getStrings(Tag.printerAttributes, Types.printerStateReasons) + " "
        + Optional.ofNullable(attributes.getString(Tag.printerAttributes, Types.printerStateMessage)).orElse("");
    return problem.map(p -> new PrintOutcome.Failed(p, said));
  }

  /**
   * Waits for the job's end. A job that cannot finish by itself (stopped, the printer out of paper
   * or offline, or past the timeout) is canceled before we report it: a certificate the kiosk
   * called failed must not come out later when staff refill the paper.
   */
  private PrintOutcome follow(int jobId) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + jobTimeout.toNanos();
    while (true) {
      IppPacket job = exchange(IppPacket.getJobAttributes(printerUri, jobId,
          Types.jobState, Types.jobStateReasons, Types.jobStateMessage).build(), null);
      JobState state = job.getValue(Tag.jobAttributes, Types.jobState);
      List<String> reasons = job.getStrings(Tag.jobAttributes, Types.jobStateReasons);
      String detail = "job " + jobId + " " + reasons;
      if (JobState.completed.equals(state)) return afterCompletion(jobId, detail);
      if (JobState.canceled.equals(state)) return new PrintOutcome.Failed(PrintProblem.JOB_CANCELED, detail);
      if (JobState.aborted.equals(state)) return new PrintOutcome.Failed(problemNow().orElse(PrintProblem.JOB_ABORTED), detail);
      Optional<PrintProblem> printer = problemNow();
      if (JobState.processingStopped.equals(state) || printer.isPresent()) {
        return canceled(jobId, printer.orElse(PrintProblem.JOB_STOPPED), detail);
      }
      if (System.nanoTime() > deadline) return canceled(jobId, PrintProblem.TIMED_OUT, detail + " still " + state);
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /**
   * "completed" means CUPS handed the job to the printer, not that paper came out: a printer that
   * jams or runs out while feeding the sheet says so in printer-state-reasons afterwards (a backend's
   * STATE: +media-jam-error). Such a sheet is not printed for the kiosk; staff find it in the printer.
   */
  private PrintOutcome afterCompletion(int jobId, String detail) throws IOException, InterruptedException {
    IppPacket printer = printerAttributes();
    Optional<PrintProblem> problem = PrinterReasons.problem(printer.getStrings(Tag.printerAttributes, Types.printerStateReasons));
    if (problem.filter(p -> p == PrintProblem.PAPER_JAM || p == PrintProblem.PAPER_OUT).isPresent()) {
      log.warn("certificate job {} on {} completed, then the printer reported {}", jobId, queue, problem.get());
      return new PrintOutcome.Failed(PrintProblem.JAMMED_AFTER_SENDING, detail + " completed, then " + problem.get());
    }
    return new PrintOutcome.Printed(queue + "-" + jobId);
  }

  /**
   * Cancels the job and reports {@code problem}. A cancel refused because the job completed meanwhile
   * (the printer said "jam" as the backend finished: CUPS refuses to cancel a job it has completed)
   * is a job that was sent: reported as {@link #afterCompletion} reports it, never as not printed.
   */
  private PrintOutcome canceled(int jobId, PrintProblem problem, String detail) throws IOException, InterruptedException {
    IppPacket answer = exchange(IppPacket.cancelJob(printerUri, jobId)
        .putOperationAttributes(Types.requestingUserName.of(System.getProperty("user.name", "mynaterm"))).build(), null);
    if (!successful(answer)) {
      IppPacket job = exchange(IppPacket.getJobAttributes(printerUri, jobId, Types.jobState).build(), null);
      if (JobState.completed.equals(job.getValue(Tag.jobAttributes, Types.jobState))) return afterCompletion(jobId, detail);
    }
    log.warn("certificate job {} on {} not printed ({}); canceled: {}", jobId, queue, problem, answer.getStatus());
    return new PrintOutcome.Failed(problem, detail + (successful(answer) ? ", canceled" : ", cancel refused: " + answer.getStatus()));
  }

  /** What the printer says is wrong with it now, if anything stops printing (also `mynaterm doctor`'s printer line). */
  public Optional<PrintProblem> problemNow() throws IOException, InterruptedException {
    return problemOf(printerAttributes());
  }

  private IppPacket printerAttributes(AttributeType<?>... more) throws IOException, InterruptedException {
    List<AttributeType<?>> wanted = new java.util.ArrayList<>(List.of(Types.printerState, Types.printerStateReasons));
    wanted.addAll(List.of(more));
    return exchange(IppPacket.getPrinterAttributes(printerUri, wanted).build(), null);
  }

  /** Error reasons first (they say why); a stopped queue without one is "stopped". */
  private static Optional<PrintProblem> problemOf(IppPacket printer) {
    Optional<PrintProblem> problem = PrinterReasons.problem(printer.getStrings(Tag.printerAttributes, Types.printerStateReasons));
    if (problem.isEmpty() && PrinterState.stopped.equals(printer.getValue(Tag.printerAttributes, Types.printerState))) {
      return Optional.of(PrintProblem.PRINTER_STOPPED);
    }
    return problem;
  }

  private static boolean successful(IppPacket response) {
    return response.getCode() < 0x0100; // successful-ok and its "ignored or substituted" variants
  }

  private IppPacket exchange(IppPacket request, byte[] document) throws IOException, InterruptedException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (IppOutputStream ipp = new IppOutputStream(body)) {
      ipp.write(request);
    }
    if (document != null) body.write(document);
    HttpResponse<byte[]> response = client.send(
        HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/ipp")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("CUPS answered HTTP " + response.statusCode() + " for " + request.getOperation());
    }
    try (IppInputStream in = new IppInputStream(new ByteArrayInputStream(response.body()))) {
      return in.readPacket();
    }
  }
}
