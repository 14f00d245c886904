package dev.aeronrpc.labs.websockets.lab;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Headless Chromium from the Debian packages, driven by Selenium through chromedriver, as the examples' browser
 * test does. Selenium is never left to look for, or download, a browser or driver of its own.
 */
final class Browser implements AutoCloseable
{
    static final File CHROMIUM = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final File CHROMEDRIVER =
        new File(System.getProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver"));

    // Held, so the setting outlives garbage collection: Selenium's notes on CDP versions are not the student's concern.
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static
    {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final Path profile;

    Browser() throws IOException
    {
        profile = Files.createTempDirectory("lab7-chromium-profile");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        final ChromeOptions options = new ChromeOptions()
            .setBinary(CHROMIUM)
            .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        WebDriver started = null;
        try
        {
            started = new ChromeDriver(service, options);
        }
        finally
        {
            if (null == started)
            {
                service.stop();
                delete(profile);
            }
        }
        driver = started;
    }

    static boolean isInstalled()
    {
        return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    }

    WebDriver driver()
    {
        return driver;
    }

    @Override
    public void close()
    {
        try
        {
            driver.quit();
        }
        finally
        {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(final Path dir)
    {
        try (var paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        catch (final IOException ignore)
        {
            // A temporary profile left behind is harmless.
        }
    }
}
