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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example page end to end, in headless Chromium: it loads from the gateway, shows Market ticks as they stream
 * (the placeholder gone, the chart drawn), refuses an empty amount before sending, makes an Echo call and a Bank
 * deposit, and when its connection drops reconnects, follows a new stream with a break in the table, and clears
 * the error the lost connection left. Leaves a screenshot, web-page.png (see {@link HeadlessChromium}).
 */
@Timeout(120)
class WebPageBrowserTest
{
    private TestRig rig;
    private WebDemo demo;
    private HeadlessChromium chromium;

    @BeforeEach
    void setUp() throws Exception
    {
        chromium = new HeadlessChromium(1280, 900);
        rig = new TestRig();
        demo = rig.add(WebDemo.launch(
            new RpcServer.Context()
                .aeronDirectoryName(rig.driver().aeronDirectoryName())
                .channel("aeron:ipc")
                .idleStrategySupplier(TestRig::idleStrategy),
            new RpcClient.Context().idleStrategySupplier(TestRig::idleStrategy),
            new WebSocketGateway.Context().host("localhost").port(0)));
    }

    @AfterEach
    void tearDown() throws Exception
    {
        if (null != chromium)
        {
            chromium.close();
        }
        if (null != rig)
        {
            rig.close();
        }
    }

    @Test
    void shouldShowStreamingTicksAndAnswerUnaryCalls() throws Exception
    {
        final WebDriver browser = chromium.driver();
        browser.get(demo.gateway().httpUri().toString());
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        wait.until(page -> "connected".equals(page.findElement(By.id("state")).getText()));
        wait.until(page -> page.findElements(By.cssSelector("#ticks-body tr:not(.placeholder)")).size() >= 5);
        assertTrue(browser.findElements(By.cssSelector("#ticks-body tr.placeholder")).isEmpty());
        assertTrue(!browser.findElement(By.id("chart-empty")).isDisplayed(), "the chart's placeholder is gone");

        browser.findElement(By.id("echo-text")).clear();
        browser.findElement(By.id("echo-text")).sendKeys("hello from Chromium");
        browser.findElement(By.id("echo-send")).click();
        wait.until(page -> page.findElement(By.id("echo-answer")).getText().contains("hello from Chromium"));

        // An empty amount is refused beside its field, and nothing is sent.
        browser.findElement(By.id("bank-amount")).clear();
        final long requestsBefore = demo.server().counters().requests();
        browser.findElement(By.id("bank-deposit")).click();
        assertEquals("Enter an amount in cents", browser.findElement(By.id("bank-amount-problem")).getText());
        assertEquals("true", browser.findElement(By.id("bank-amount")).getDomAttribute("aria-invalid"));
        assertEquals(requestsBefore, demo.server().counters().requests());
        assertEquals("No call yet.", browser.findElement(By.id("bank-answer")).getText());

        browser.findElement(By.id("bank-amount")).sendKeys("250");
        browser.findElement(By.id("bank-deposit")).click();
        wait.until(page -> page.findElement(By.id("bank-answer")).getText().contains("balanceCents\n250"));

        // The connection drops: the page reconnects by itself and follows the ticks again, from a new stream,
        // marked by a break in the table.
        ((org.openqa.selenium.JavascriptExecutor)browser).executeScript("gateway.disconnect()");
        wait.until(page -> "2".equals(page.findElement(By.id("state")).getDomAttribute("data-connections")) &&
            "connected".equals(page.findElement(By.id("state")).getText()));
        wait.until(page -> !page.findElements(By.cssSelector("#ticks-body tr.break")).isEmpty());
        wait.until(page -> "2".equals(page.findElement(By.id("stream-count")).getText()) &&
            page.findElement(By.cssSelector("#ticks-body tr")).getText().matches("[0-9]+ .*"));
        assertTrue(demo.gateway().counters().framesSent() > 5);

        chromium.screenshot("web-page");
    }
}
