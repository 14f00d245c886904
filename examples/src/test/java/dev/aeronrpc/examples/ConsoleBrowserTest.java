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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console end to end, in headless Chromium against the web demo: it lists every service, refuses a form with
 * a mistake before sending anything, and makes each kind of call through forms generated from the schema: a
 * unary call whose request has an enum, a set, a composite, a repeating group and variable-length data, a server
 * stream followed and cancelled, a client stream, a bidirectional stream and a one-way message; and its counters
 * move. Leaves screenshots at 1280 and 390 px, console-1280.png and console-390.png (see {@link HeadlessChromium}).
 */
@Timeout(120)
class ConsoleBrowserTest
{
    private TestRig rig;
    private WebDemo demo;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void setUp() throws Exception
    {
        chromium = new HeadlessChromium(1280, 1700);
        rig = new TestRig();
        demo = rig.add(WebDemo.launch(
            new RpcServer.Context()
                .aeronDirectoryName(rig.driver().aeronDirectoryName())
                .channel("aeron:ipc")
                .idleStrategySupplier(TestRig::idleStrategy),
            new RpcClient.Context().idleStrategySupplier(TestRig::idleStrategy),
            new WebSocketGateway.Context().host("localhost").port(0)));
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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
    void shouldCallEveryKindOfMethodThroughGeneratedForms() throws Exception
    {
        browser.get(demo.gateway().consoleUri().toString());
        wait.until(page -> "connected".equals(page.findElement(By.id("state")).getText()));
        wait.until(page -> !page.findElements(By.cssSelector("[data-method='Orders/place']")).isEmpty());
        final String services = browser.findElement(By.id("services")).getText();
        for (final String name : List.of("Echo", "Bank", "Market", "Tally", "Orders"))
        {
            assertTrue(services.contains(name), services);
        }
        assertEquals(13, browser.findElements(By.cssSelector(".method-link")).size());

        // A mistake is shown beside its field, and nothing is sent.
        method("Orders/place");
        field("accountId").sendKeys("12x");
        final long framesBefore = demo.gateway().counters().framesReceived();
        browser.findElement(By.id("call-button")).click();
        assertTrue(browser.findElement(By.id("form-summary")).getText().contains("need attention"));
        assertEquals("true", field("accountId").getDomAttribute("aria-invalid"));
        assertTrue(field("limitPrice.cents").getDomAttribute("aria-invalid") != null, "an empty number is refused");
        assertEquals(framesBefore, demo.gateway().counters().framesReceived());

        serverStreamFollowedThenCancelled();
        clientStream();
        bidiStream();
        oneWay();
        unaryCallWithEveryKindOfField();

        wait.until(page -> counter("client.calls") >= 4 && counter("server.handlerRuns") >= 4);
        final JavascriptExecutor script = (JavascriptExecutor)browser;
        script.executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        chromium.screenshot("console-1280");
        chromium.resize(390, 1600);
        wait.until(page -> page.findElement(By.id("method")).getRect().getWidth() < 390);
        script.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot("console-390");
    }

    private void serverStreamFollowedThenCancelled()
    {
        method("Market/ticks");
        field("instrumentId").sendKeys("7");
        browser.findElement(By.id("call-button")).click();
        wait.until(page -> page.findElements(By.cssSelector("#items tr:not(.placeholder)")).size() >= 3);
        browser.findElement(By.id("cancel-call")).click();
        wait.until(page -> page.findElement(By.id("call-status")).getText().startsWith("CANCELLED"));
        assertTrue(browser.findElement(By.id("call-button")).isDisplayed());
    }

    private void clientStream()
    {
        method("Bank/depositAll");
        browser.findElement(By.id("call-button")).click();
        wait.until(page -> !"0".equals(page.findElement(By.id("upload-credit")).getText()));
        field("accountId").sendKeys("5");
        field("amountCents").sendKeys("100");
        for (int i = 0; i < 3; i++)
        {
            browser.findElement(By.id("send-item")).click();
        }
        browser.findElement(By.id("end-sending")).click();
        wait.until(page -> "OK".equals(page.findElement(By.id("call-status")).getText()));
        assertTrue(response().contains("\"balanceCents\": 300"), response());
    }

    private void bidiStream()
    {
        method("Bank/teller");
        browser.findElement(By.id("call-button")).click();
        wait.until(page -> !"0".equals(page.findElement(By.id("upload-credit")).getText()));
        field("accountId").sendKeys("6");
        field("amountCents").sendKeys("50");
        browser.findElement(By.id("send-item")).click();
        browser.findElement(By.id("send-item")).click();
        wait.until(page -> page.findElements(By.cssSelector("#items tr:not(.placeholder)")).size() == 2);
        assertTrue(browser.findElement(By.id("items")).getText().contains("\"balanceCents\":100"));
        browser.findElement(By.id("end-sending")).click();
        wait.until(page -> "OK".equals(page.findElement(By.id("call-status")).getText()));
    }

    private void oneWay()
    {
        method("Orders/note");
        field("text").sendKeys("a line for the log");
        browser.findElement(By.id("call-button")).click();
        wait.until(page -> "SENT".equals(page.findElement(By.id("call-status")).getText()));
    }

    private void unaryCallWithEveryKindOfField()
    {
        method("Orders/place");
        field("accountId").sendKeys("42");
        new Select(field("side")).selectByVisibleText("SELL");
        browser.findElement(By.cssSelector("[data-path='flags.urgent']")).click();
        field("limitPrice.cents").sendKeys("1250");
        field("limitPrice.currency").sendKeys("EUR");
        browser.findElement(By.cssSelector("[data-add='legs']")).click();
        browser.findElement(By.cssSelector("[data-add='legs']")).click();
        field("legs[0].instrumentId").sendKeys("7");
        field("legs[0].quantity").sendKeys("3");
        field("legs[0].note").sendKeys("first");
        field("legs[1].instrumentId").sendKeys("8");
        field("legs[1].quantity").sendKeys("2");
        field("comment").sendKeys("from the console");
        field("attachment").sendKeys("AAEC/w==");
        browser.findElement(By.id("call-button")).click();
        wait.until(page -> "OK".equals(page.findElement(By.id("call-status")).getText()));
        final String response = response();
        assertTrue(response.contains("\"legCount\": 2"), response);
        assertTrue(response.contains("\"totalQuantity\": 5"), response);
        assertTrue(response.contains("\"totalCents\": 6250"), response);
        assertTrue(response.contains("\"attachmentBytes\": 4"), response);
        assertTrue(response.contains("SELL for account 42: 3 of 7 (first); 2 of 8 at 12.50 EUR, urgent - from the console"),
            response);
        assertEquals("none", browser.findElement(By.cssSelector("#metadata dd")).getText());
    }

    private void method(final String name)
    {
        browser.findElement(By.cssSelector("[data-method='" + name + "']")).click();
        wait.until(page -> name.equals(page.findElement(By.id("method-title")).getText()));
    }

    private WebElement field(final String path)
    {
        return browser.findElement(By.cssSelector("#form-fields [data-path='" + path + "']"));
    }

    private String response()
    {
        return browser.findElement(By.id("response")).getText();
    }

    private long counter(final String name)
    {
        final String text = browser.findElement(By.cssSelector("dd[data-counter='" + name + "']")).getText();
        final String[] parts = text.trim().split("\\s+");
        return Long.parseLong(parts[parts.length - 1]);
    }
}
