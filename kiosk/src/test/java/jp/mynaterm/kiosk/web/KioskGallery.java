package jp.mynaterm.kiosk.web;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import jp.mynaterm.testsupport.HeadlessChromium;
import jp.mynaterm.hardware.payment.SimulatedPaymentTerminal;
import jp.mynaterm.kiosk.flow.CertificatePrinter;
import jp.mynaterm.kiosk.flow.Fakes;
import jp.mynaterm.kiosk.flow.IssuanceSession;
import jp.mynaterm.kiosk.flow.KioskCard;
import jp.mynaterm.kiosk.i18n.Messages;
import jp.mynaterm.agent.speech.SpeechSynthesizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The kiosk README's gallery: every screen on the 1080×1920 portrait screen in each display mode
 * (standard, high contrast, large text), and the first screen in each language, as PNGs scaled to a
 * third. Not a test of behaviour: it runs only when {@code MYNATERM_GALLERY} names the directory
 * ({@code scripts/kiosk-gallery.sh}).
 */
@EnabledIfEnvironmentVariable(named = "MYNATERM_GALLERY", matches = ".+")
class KioskGallery {
  private static final int SCALE = 3;
  @TempDir Path dir;

  private final AtomicReference<IssuanceSession> current = new AtomicReference<>();
  private Fakes.Card card;
  private Fakes.Hub hub;
  private Fakes.MovableClock clock;
  private SimulatedPaymentTerminal payment;
  private IssuanceSession session;
  private CountDownLatch held = new CountDownLatch(0);

  /** A card and a printer that can be held mid-operation, to show "reading your card" and "printing". */
  private final KioskCard heldCard =
      new KioskCard() {
        public CardIdentity identify() throws CardProblem {
          await();
          return card.identify();
        }

        public int triesLeft() throws CardProblem {
          return card.triesLeft();
        }

        public PinCheck verifyPin(char[] pin) throws CardProblem {
          return card.verifyPin(pin);
        }

        public boolean hasPinPad() throws CardProblem {
          return card.hasPinPad();
        }

        public PinCheck verifyPinOnPad() throws CardProblem {
          return card.verifyPinOnPad();
        }

        public byte[] sign(byte[] data) throws CardProblem {
          return card.sign(data);
        }

        public void release() {
          card.release();
        }
      };

  private final CertificatePrinter heldPrinter = (document, copy, copies) -> await();

  private void await() {
    try {
      held.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void everyScreenInEveryMode() throws Exception {
    Path out = Path.of(System.getenv("MYNATERM_GALLERY")).toAbsolutePath();
    Files.createDirectories(out);
    var nowhere = Path.of("/nonexistent");
    try (HeadlessChromium chromium = HeadlessChromium.start(1080, 1920);
        KioskServer server = new KioskServer(current::get, new SpeechSynthesizer(dir.resolve("speech"), nowhere, nowhere), "127.0.0.1", 0, () -> {}, false)) {
      Map<String, Consumer<IssuanceSession>> screens = screens();
      for (String mode : List.of("standard", "high-contrast", "large-text")) {
        for (var screen : screens.entrySet()) {
          newSession();
          chromium.driver().get("http://127.0.0.1:" + server.port() + "/");
          chromium.waitUntil(d -> "ChooseLanguage".equals(d.findElement(By.id("screen")).getAttribute("data-screen")));
          if (!mode.equals("standard")) chromium.driver().findElement(By.id(mode)).click();
          String expected = screen.getKey().replaceAll("-.*", "");
          Thread steps = Thread.ofVirtual().start(() -> screen.getValue().accept(session));
          steps.join(Duration.ofSeconds(2)); // the held steps stay mid-way (reading the card, printing)
          chromium.waitUntil(d -> expected.equals(session.screen().getClass().getSimpleName()) && showsTheSession(d));
          if (expected.equals("ChooseLanguage")) chromium.waitUntil(d -> !d.findElements(By.cssSelector("[data-tag='tl']")).isEmpty());
          save(chromium, out.resolve(mode + "-" + screen.getKey() + ".png"));
          held.countDown();
        }
      }
      for (String lang : Messages.LANGUAGES) {
        newSession();
        chromium.driver().get("http://127.0.0.1:" + server.port() + "/");
        chromium.waitUntil(d -> "ChooseLanguage".equals(d.findElement(By.id("screen")).getAttribute("data-screen")));
        session.chooseLanguage(lang);
        String htmlLang = lang.equals("ja-easy") ? "ja" : lang;
        chromium.waitUntil(d -> "ChooseType".equals(d.findElement(By.id("screen")).getAttribute("data-screen")) && htmlLang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        save(chromium, out.resolve("language-" + lang + ".png"));
      }
    }
  }

  /** The page has drawn the session's screen as it is now (not an earlier one of the same name). */
  private boolean showsTheSession(org.openqa.selenium.WebDriver d) {
    Object shown = ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return state.lastShown");
    try {
      return shown instanceof String json && !json.isEmpty()
          // as text: a count read back is an int where the screen's record holds a long
          && jp.mynaterm.protocol.codec.MessageCodec.mapper().readTree(json).toString().equals(KioskServer.describe(session.screen(), session.language()).toString());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Each screen by name (its page name, then what it shows) and the steps that reach it. */
  private Map<String, Consumer<IssuanceSession>> screens() {
    Map<String, Consumer<IssuanceSession>> s = new LinkedHashMap<>();
    s.put("ChooseLanguage", x -> {});
    s.put("ChooseType", x -> x.chooseLanguage("ja"));
    s.put("ChooseOptions", x -> toOptions(x));
    s.put("InsertCard", x -> toCard(x));
    s.put("Working-reading", x -> {
      toCard(x);
      held = new CountDownLatch(1);
      x.cardPresent();
    });
    s.put("EnterPin", x -> toPin(x));
    s.put("EnterPin-lastTry", x -> {
      toPin(x);
      x.enterPin("0000".toCharArray());
      x.enterPin("0000".toCharArray());
    });
    s.put("EnterPin-onPad", x -> {
      card.pad = new java.util.concurrent.LinkedBlockingQueue<>(); // nobody types: the reader's pad waits
      toPin(x);
    });
    s.put("Fee", x -> toFee(x));
    s.put("PrintingTakeCard", x -> {
      toFee(x);
      held = new CountDownLatch(1);
      x.pay();
    });
    s.put("TakeCertificate", x -> {
      toFee(x);
      x.pay();
    });
    s.put("Done", x -> {
      toFee(x);
      x.pay();
      x.finish();
    });
    s.put("PaymentFailed", x -> {
      payment.script(SimulatedPaymentTerminal.Behaviour.DECLINE);
      toFee(x);
      x.pay();
    });
    s.put("Refused-weekdaysOnly", x -> {
      hub.refuseChallenge = "weekdays-only";
      toCard(x);
    });
    s.put("PinBlocked", x -> {
      card.tries = 0;
      toPin(x);
    });
    s.put("CardRemoved", x -> {
      toPin(x);
      x.cardRemoved();
    });
    s.put("HubDown", x -> {
      hub.reachableForChallenge = false;
      toPin(x);
    });
    s.put("RequestChoice", x -> {
      hub.reachableForChallenge = false;
      toPin(x);
      x.acceptOfflineRequest();
    });
    s.put("Queued", x -> {
      hub.reachableForChallenge = false;
      toPin(x);
      x.acceptOfflineRequest();
      x.chooseRequest("counter", "");
      x.enterPin("1234".toCharArray());
    });
    s.put("TimeoutWarning", x -> {
      toPin(x);
      clock.advance(Duration.ofSeconds(61));
      x.tick();
    });
    return s;
  }

  private static void toOptions(IssuanceSession x) {
    x.chooseLanguage("ja");
    x.chooseType("juminhyo");
  }

  private static void toCard(IssuanceSession x) {
    toOptions(x);
    x.chooseOptions(Map.of("scope", "self"), 1);
  }

  private static void toPin(IssuanceSession x) {
    toCard(x);
    x.cardPresent();
  }

  private static void toFee(IssuanceSession x) {
    toPin(x);
    x.enterPin("1234".toCharArray());
  }

  private void newSession() {
    held.countDown();
    held = new CountDownLatch(0);
    card = new Fakes.Card();
    hub = new Fakes.Hub();
    clock = new Fakes.MovableClock();
    payment = new SimulatedPaymentTerminal(dir.resolve("ledger-" + System.nanoTime() + ".json"), "paypay");
    session = new IssuanceSession(heldCard, hub, payment, heldPrinter, new Fakes.Recorder(), Fakes.journal(dir), clock, Duration.ofSeconds(60), Duration.ofSeconds(20));
    current.set(session);
  }

  /** The screenshot at a third of its size: enough to see the layout, small enough to commit. */
  private static void save(HeadlessChromium chromium, Path file) throws Exception {
    BufferedImage full = ImageIO.read(new ByteArrayInputStream(((TakesScreenshot) chromium.driver()).getScreenshotAs(OutputType.BYTES)));
    BufferedImage small = new BufferedImage(full.getWidth() / SCALE, full.getHeight() / SCALE, BufferedImage.TYPE_INT_RGB);
    var g = small.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(full, 0, 0, small.getWidth(), small.getHeight(), null);
    g.dispose();
    ImageIO.write(small, "png", file.toFile());
  }
}
