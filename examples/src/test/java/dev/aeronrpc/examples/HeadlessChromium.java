package dev.aeronrpc.examples;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from the Debian packages, driven by Selenium, for the browser tests: its own profile
 * directory (deleted on close) and a window of a given size. Selenium is never left to look for, or download, a
 * browser or driver itself.
 * <p>
 * Without Chromium and chromedriver a test is skipped, except on CI (CI=true), where it fails: CI installs them.
 * <p>
 * Screenshots go to {@code target/screenshots/}; with {@code -Dscreenshots.update=true} to {@code docs/} instead,
 * where the README shows them, so that a test run leaves the committed pictures alone unless asked.
 */
final class HeadlessChromium implements AutoCloseable
{
    private static final File CHROMIUM = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final File CHROMEDRIVER =
        new File(System.getProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriverService driverService;
    private final ChromeDriver browser;

    /**
     * Starts a browser, or skips the test when none is installed (fails it on CI).
     *
     * @param width  the window's width in CSS pixels.
     * @param height the window's height.
     */
    HeadlessChromium(final int width, final int height) throws IOException
    {
        final boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed && "true".equals(System.getenv("CI")))
        {
            fail("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        assumeTrue(installed, "skipped: no " + CHROMIUM + " or " + CHROMEDRIVER +
            " (apt-get install chromium chromium-driver to run the browser tests)");

        profile = Files.createTempDirectory("chromium-profile");
        driverService = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
        final ChromeOptions options = new ChromeOptions()
            .setBinary(CHROMIUM)
            .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        browser = new ChromeDriver(driverService, options);
    }

    ChromeDriver driver()
    {
        return browser;
    }

    void resize(final int width, final int height)
    {
        browser.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Saves what the window shows as {@code name.png}.
     *
     * @return where it was written.
     */
    Path screenshot(final String name) throws IOException
    {
        final boolean update = Boolean.getBoolean("screenshots.update");
        final Path file = (update ? Path.of("..", "docs") : Path.of("target", "screenshots")).resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            browser.quit();
        }
        finally
        {
            driverService.stop();
            try (var paths = Files.walk(profile))
            {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
