package jp.mynaterm.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by its chromium-driver, headless with the flags that work in a container,
 * a fresh profile each time; for the browser tests of every page (counters, kiosk, the hub's
 * console). Screenshots go to {@code target/screenshots}.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SHOTS = Path.of("target/screenshots");
  /** How often a wait looks again (see {@link #waitUntil(Function, Duration)}). */
  private static final Duration POLL = Duration.ofMillis(50);

  private final WebDriver driver;

  private HeadlessChromium(WebDriver driver) {
    this.driver = driver;
  }

  /** Starts Chromium; without the Debian packages the calling test fails, or skips if opted out ({@link RealComponent}). */
  public static HeadlessChromium start(int width, int height) throws IOException {
    RealComponent.CHROMIUM.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no " + CHROMIUM + " or " + DRIVER);
    // Selenium warns about DevTools versions it does not need here; keep the build log readable.
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
    Path profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    Files.createDirectories(SHOTS);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30)); // axe-core over a whole page (assertAccessible)
    return new HeadlessChromium(driver);
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * Polls the page until the condition holds, within 20 s; a node replaced by a re-render is looked up
   * again. Generous, since it costs nothing when the page is right: a kiosk step behind a card read
   * (dozens of APDUs through vpcd) took over 10 s on the 2-core build machine under other load.
   */
  public void waitUntil(Function<WebDriver, Boolean> condition) {
    waitUntil(condition, Duration.ofSeconds(20));
  }

  /**
   * Polls every {@link #POLL}: WebDriverWait's own default, 500 ms, was paid by almost every wait for
   * a screen that re-renders after a click (hundreds of them in the browser tests).
   */
  public void waitUntil(Function<WebDriver, Boolean> condition, Duration within) {
    new WebDriverWait(driver, within, POLL).ignoring(StaleElementReferenceException.class).until(condition);
  }

  /**
   * Clicks what {@code target} finds once it is shown: a control a page's script adds or reveals after
   * the load (e.g. the passkey buttons, shown only where the browser has passkeys) is not there at once.
   */
  public void clickWhenShown(By target) {
    waitUntil(d -> d.findElements(target).stream().anyMatch(WebElement::isDisplayed));
    driver.findElement(target).click();
  }

  /** Keeps a screenshot as test output under {@link #SHOTS}. */
  public void screenshot(String name) {
    try {
      Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * axe-core on the page as it is now: no serious or critical violation. The axe-core that
   * axe-core-maven-html ships (the same script, every rule it runs by default, the whole document), run
   * with axe.run in the page: AxeBuilder's analyze took about 1 s a page here (it injects the 560 kB
   * script twice and opens and closes a second window for axe.finishRun, which only pages with frames
   * need; ours have none), this about 0.15 s. Only violations are worked out in full (resultTypes), the
   * only results read. A failure of axe itself fails the check (AxeBuilder returned it as no violations).
   */
  public void assertAccessible(String where) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    // Once per document: a single-page app keeps it from screen to screen.
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object' && typeof window.axe.run === 'function'"))) {
      js.executeScript(AXE_SCRIPT);
    }
    Object result = js.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']})"
            + ".then((r) => done({violations: r.violations.map((v) => ({id: v.id, impact: v.impact}))}), (e) => done({error: String(e)}));");
    if (!(result instanceof Map<?, ?> answer) || !(answer.get("violations") instanceof List<?> violations)) {
      throw new AssertionError("axe-core did not run on " + where + " (" + driver.getCurrentUrl() + "): " + result);
    }
    List<String> serious =
        violations.stream()
            .map(v -> (Map<?, ?>) v)
            .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
            .map(v -> String.valueOf(v.get("id")))
            .toList();
    assertEquals(List.of(), serious, "serious accessibility violations on " + where + " (" + driver.getCurrentUrl() + ")");
  }

  /** axe-core as axe-core-maven-html's AxeBuilder injects it (its jar's axe.min.js). */
  private static final String AXE_SCRIPT = axeScript();

  private static String axeScript() {
    try {
      return new AxeBuilder().getAxeScriptProvider().getScript();
    } catch (IOException | javax.naming.OperationNotSupportedException e) {
      throw new IllegalStateException("axe-core's script from axe-core-maven-html: " + e, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
