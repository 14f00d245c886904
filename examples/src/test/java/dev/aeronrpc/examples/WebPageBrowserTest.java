package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.gateway.WebSocketGateway;
import dev.aeronrpc.server.RpcServer;
import dev.aeronrpc.test.TestRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web page end to end, in headless Chromium from the Debian packages: it loads from the gateway, shows Market
 * ticks as they stream, makes an Echo call and a Bank deposit, and reconnects and resubscribes when its connection
 * drops. Leaves a screenshot in docs/web-page.png.
 * <p>
 * Without Chromium and chromedriver the test is skipped, except on CI (CI=true), where it fails: CI installs them.
 */
@Timeout(120)
class WebPageBrowserTest
{
    // The Debian packages' paths; Selenium is never left to look for (or download) a browser or driver itself.
    private static final File CHROMIUM = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final File CHROMEDRIVER =
        new File(System.getProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver"));
    private static final Path SCREENSHOT = Path.of("..", "docs", "web-page.png");

    private TestRig rig;
    private WebDemo demo;
    private ChromeDriverService driverService;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void setUp() throws Exception
    {
        final boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed && "true".equals(System.getenv("CI")))
        {
            fail("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        assumeTrue(installed, "skipped: no " + CHROMIUM + " or " + CHROMEDRIVER +
            " (apt-get install chromium chromium-driver to run the browser test)");

        rig = new TestRig();
        demo = rig.add(WebDemo.launch(
            new RpcServer.Context()
                .aeronDirectoryName(rig.driver().aeronDirectoryName())
                .channel("aeron:ipc")
                .idleStrategySupplier(TestRig::idleStrategy),
            new RpcClient.Context().idleStrategySupplier(TestRig::idleStrategy),
            new WebSocketGateway.Context().host("localhost").port(0)));

        profile = Files.createTempDirectory("chromium-profile");
        driverService = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
        final ChromeOptions options = new ChromeOptions()
            .setBinary(CHROMIUM)
            .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void tearDown() throws Exception
    {
        if (null != browser)
        {
            browser.quit();
        }
        if (null != driverService)
        {
            driverService.stop();
        }
        if (null != rig)
        {
            rig.close();
        }
        if (null != profile)
        {
            try (var paths = Files.walk(profile))
            {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void shouldShowStreamingTicksAndAnswerAUnaryCall() throws Exception
    {
        browser.get(demo.gateway().httpUri().toString());
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        wait.until(page -> "open".equals(page.findElement(By.id("state")).getText()));
        wait.until(page -> page.findElements(By.cssSelector("#ticks-body tr")).size() >= 5);

        browser.findElement(By.id("echo-text")).clear();
        browser.findElement(By.id("echo-text")).sendKeys("hello from Chromium");
        browser.findElement(By.id("echo-send")).click();
        wait.until(page -> page.findElement(By.id("echo-answer")).getText().contains("hello from Chromium"));

        browser.findElement(By.id("bank-deposit")).click();
        wait.until(page -> page.findElement(By.id("bank-answer")).getText().contains("\"balanceCents\": 250"));

        // The connection drops: the page reconnects by itself and follows the ticks again, from a new stream.
        ((JavascriptExecutor)browser).executeScript("socket.close()");
        wait.until(page -> "2".equals(page.findElement(By.id("state")).getDomAttribute("data-connections")) &&
            "open".equals(page.findElement(By.id("state")).getText()));
        final String lastTick = browser.findElement(By.cssSelector("#ticks-body tr td")).getText();
        wait.until(page -> !lastTick.equals(page.findElement(By.cssSelector("#ticks-body tr td")).getText()));
        assertTrue(demo.gateway().counters().framesSent() > 5);

        final byte[] png = ((ChromeDriver)browser).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
    }
}
