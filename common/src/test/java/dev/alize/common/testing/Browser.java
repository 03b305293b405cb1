package dev.alize.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver: never a browser downloaded by a test
 * tool. {@code .ci/run} installs both when they are missing; a test fails, rather than skips, when
 * they are not there.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where screenshots of the main pages are kept for the guides. */
  public static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final ChromeDriver driver;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  /** A new browser, with no cookie, for pages under {@code base} (as http://127.0.0.1:8480). */
  public static Browser open(String base, Path profile) {
    return open(base, profile, null);
  }

  /**
   * A new browser, with no cookie, for pages under {@code base} (as https://127.0.0.1:8443) served
   * with {@code certificate}: that certificate's key, and no other untrusted one, is accepted, as a
   * client that pins a self-signed certificate does.
   */
  public static Browser open(String base, Path profile, X509Certificate certificate) {
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
    if (certificate != null) {
      options.addArguments("--ignore-certificate-errors-spki-list=" + spkiHash(certificate));
    }
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, base);
  }

  /** The SHA-256 of the certificate's public key, in base64, as Chromium names keys it trusts. */
  private static String spkiHash(X509Certificate certificate) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Goes to {@code path} of the server. */
  public Browser go(String path) {
    driver.get(base + path);
    return this;
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> all(String css) {
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
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> isGone(clicked));
    return this;
  }

  /**
   * Whether {@code element} left the page. Chromium sometimes says so with an inspector error
   * rather than as a stale element, when the page was replaced while it was asked.
   */
  private static boolean isGone(WebElement element) {
    try {
      return ExpectedConditions.stalenessOf(element).apply(null);
    } catch (WebDriverException e) {
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
