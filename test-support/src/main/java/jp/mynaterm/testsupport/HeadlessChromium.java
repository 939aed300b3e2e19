package jp.mynaterm.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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
    return new HeadlessChromium(new ChromeDriver(service, options));
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

  public void waitUntil(Function<WebDriver, Boolean> condition, Duration within) {
    new WebDriverWait(driver, within).ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** Keeps a screenshot as test output under {@link #SHOTS}. */
  public void screenshot(String name) {
    try {
      Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** axe-core on the page as it is now: no serious or critical violation. */
  public void assertAccessible(String where) {
    List<String> serious =
        new AxeBuilder().analyze(driver).getViolations().stream()
            .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
            .map(Rule::getId)
            .toList();
    assertEquals(List.of(), serious, "serious accessibility violations on " + where + " (" + driver.getCurrentUrl() + ")");
  }

  @Override
  public void close() {
    driver.quit();
  }
}
