package jp.mynaterm.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.config.KioskConfig;
import jp.mynaterm.hardware.Peripherals;
import jp.mynaterm.hardware.card.pcsc.ReaderWatcher;
import jp.mynaterm.hardware.gpio.Button;
import jp.mynaterm.hardware.gpio.Light;
import jp.mynaterm.hardware.gpio.LightMode;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.hardware.print.CertificateRenderer;
import jp.mynaterm.kiosk.card.MyNumberKioskCard;
import jp.mynaterm.kiosk.flow.IssuanceSession;
import jp.mynaterm.kiosk.flow.Screen;
import jp.mynaterm.kiosk.hub.MqttHubLink;
import jp.mynaterm.kiosk.money.Settlement;
import jp.mynaterm.kiosk.money.TransactionJournal;
import jp.mynaterm.kiosk.print.SignedCertificatePrinter;
import jp.mynaterm.agent.speech.SpeechSynthesizer;
import jp.mynaterm.kiosk.web.KioskServer;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.issuance.IssuingSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate kiosk as it runs: the agent (outbox, sync, the revocation list from the hub), the
 * card on the configured reader, the hub link with the city's issuing key, the payment terminal, the
 * A4 printer, and the local page for Chromium in kiosk mode. A card laid on the reader while the page
 * asks for it starts the PIN step; a card taken away ends the session (see {@link IssuanceSession}).
 * The kiosk's cancel button cancels; its call-staff button lights amber until the next resident.
 */
public final class KioskTerminal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KioskTerminal.class);

  private final Agent agent;
  private final MqttHubLink hub;
  private final SimulatedPaymentTerminal payment;
  private final IssuanceSession session;
  private final TransactionJournal journal;
  private final KioskServer server;
  private final String readerName;
  private volatile boolean cardInReader;
  private ReaderWatcher watcher;

  private KioskTerminal(
      KioskConfig config, String source, Path home, Agent agent, PublicKey issuingKey, TrustAnchors anchors, Peripherals peripherals, Clock clock)
      throws IOException {
    this.agent = agent;
    this.readerName = config.card().reader();
    var k = config.kiosk();
    CardVerifier verifier = new CardVerifier(anchors, CardTrust.followRevocations(agent.downlink()), CardTrust.cardIds(config.card(), source), agent.messages().clock());
    var card = new MyNumberKioskCard(CardOnReader.pcsc(readerName), verifier);
    this.hub = new MqttHubLink(agent, k.hubTimeout(), issuingKey);
    this.payment = new SimulatedPaymentTerminal(home.resolve(k.paymentLedger()), "cashless (simulated)");
    var printing = config.peripherals().printer();
    var renderer =
        new CertificateRenderer(Path.of(printing.font()), printing.seal().isEmpty() ? Optional.empty() : Optional.of(home.resolve(printing.seal())), k.cityName());
    var recorder = new AgentRecorder(agent);
    this.journal = TransactionJournal.open(config.terminal().dataPath().resolve("transactions.db"), clock);
    try {
      // Before the first resident: whatever a crash left open is paid for what came out, the rest refunded.
      int settled = new Settlement(journal, payment, recorder).reconcileAtStart();
      if (settled > 0) log.warn("kiosk {}: {} transaction(s) left open by the last run settled; staff alerted", agent.terminal(), settled);
    } catch (java.sql.SQLException e) {
      journal.close();
      throw new IOException("the transaction journal cannot be read: " + e.getMessage(), e);
    }
    this.session =
        new IssuanceSession(
            card, hub, payment, new SignedCertificatePrinter(renderer, peripherals), recorder, journal, k.requestFees(), clock, k.inactivity(),
            IssuanceSession.MIN_WARNING);
    var gpio = peripherals.gpio();
    Runnable callStaff = () -> {
      log.info("kiosk {}: a resident asks for staff", agent.terminal());
      gpio.show(Light.AMBER, LightMode.BLINKING);
    };
    gpio.onPress(button -> {
      if (button == Button.CANCEL) session.cancel();
      if (button == Button.CALL_STAFF) callStaff.run();
    });
    session.onScreen(screen -> {
      if (screen instanceof Screen.ChooseLanguage) gpio.show(Light.AMBER, LightMode.OFF);
      if (screen instanceof Screen.RefundFailed) callStaff.run(); // the resident is owed money: staff come
      // The resident laid the card down before the page asked for it.
      if (screen instanceof Screen.InsertCard && cardInReader) Thread.ofVirtual().start(session::cardPresent);
    });
    agent.peripherals(peripherals.health()::states);
    SpeechSynthesizer speech = SpeechSynthesizer.debian(home, config.terminal().dataPath().resolve("speech"));
    this.server = new KioskServer(() -> session, speech, k.ui().host(), k.ui().port(), callStaff, config.development());
    server.alerts(agent::activeAlerts, agent::alertShown);
  }

  /**
   * Starts the agent and the kiosk's page; call {@link #watchReader()} to take cards from pcscd.
   *
   * @param source the configuration's file name, for one-line errors
   * @param home where relative paths in the settings start
   * @throws ConfigException when the issuing key is missing or not a key
   */
  public static KioskTerminal start(
      KioskConfig config, String source, Path home, String version, TrustAnchors anchors, Peripherals peripherals, Clock clock) throws IOException {
    PublicKey issuingKey = issuingKey(home.resolve(config.kiosk().issuingKey()), source); // before anything starts
    Agent agent = Agent.start(config, version);
    try {
      return new KioskTerminal(config, source, home, agent, issuingKey, anchors, peripherals, clock);
    } catch (IOException | RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  private static PublicKey issuingKey(Path file, String source) {
    try {
      return IssuingSignatures.readPublicKey(file);
    } catch (IOException e) {
      throw new ConfigException(
          source, "kiosk.issuingKey", (java.nio.file.Files.exists(file) ? e.getMessage() : "no such file: " + file) + " (copy the hub's issuing-key.pub here)");
    }
  }

  /** Starts following the configured reader (any reader when none is configured). */
  public synchronized void watchReader() {
    if (watcher != null) return;
    watcher = jp.mynaterm.hardware.card.pcsc.Readers.ofThisJvm().watch(event -> {
      if (!readerName.isEmpty() && !event.reader().contains(readerName)) return;
      log.debug("kiosk {}: {}", agent.terminal(), event);
      switch (event) {
        case ReaderWatcher.Event.CardInserted in -> {
          cardInReader = true;
          Thread.ofVirtual().start(session::cardPresent);
        }
        case ReaderWatcher.Event.CardRemoved out -> {
          cardInReader = false;
          Thread.ofVirtual().start(session::cardRemoved);
        }
        default -> {}
      }
    }, Duration.ofSeconds(1));
    log.info("kiosk {}: watching {}", agent.terminal(), readerName.isEmpty() ? "every reader" : "reader '" + readerName + "'");
  }

  public Agent agent() {
    return agent;
  }

  public IssuanceSession session() {
    return session;
  }

  /** The hub link is connected (for the operator's status line and benchmarks). */
  public boolean hubConnected() {
    return hub.connected();
  }

  public SimulatedPaymentTerminal payment() {
    return payment;
  }

  /** The page's port (the configured one, or the one chosen when 0 was asked for). */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    if (watcher != null) watcher.close();
    server.close();
    session.restart(); // forget the resident and release the card
    hub.close();
    journal.close();
    agent.close();
  }
}
