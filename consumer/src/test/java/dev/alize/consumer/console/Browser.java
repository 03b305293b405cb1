package dev.alize.consumer.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver: never a browser downloaded by a test
 * tool. {@code .ci/run} installs both when they are missing; a test fails, rather than skips, when
 * they are not there.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where screenshots of the main pages are kept for the guides. */
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final ChromeDriver driver;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  /** A new browser, with no cookie, for pages under {@code base} (as http://127.0.0.1:8480). */
  public static Browser open(String base, Path profile) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "): apt-get install chromium chromium-driver, as .ci/run does");
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, base);
  }

  /** Goes to {@code path} of the console's server. */
  public Browser go(String path) {
    driver.get(base + path);
    return this;
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public java.util.List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public Browser type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /** Clicks what {@code css} finds and waits for the page it leads to. */
  public Browser click(String css) {
    WebElement clicked = find(css);
    clicked.click();
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> left(clicked));
    return this;
  }

  /** Whether {@code element} belongs to a page the browser has left. */
  private static boolean left(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      // Chromium tells it so in these words, rather than as a stale element, while it swaps pages.
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** The path of the page shown now, with its query. */
  public String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(base) ? url.substring(base.length()) : url;
  }

  public String title() {
    return driver.getTitle();
  }

  public String text(String css) {
    return find(css).getText();
  }

  /** The whole page's visible text. */
  public String pageText() {
    return find("body").getText();
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Keeps a picture of the page as {@code target/screenshots/NAME.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = SCREENSHOTS.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          shot,
          StandardCopyOption.REPLACE_EXISTING);
      return shot;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
