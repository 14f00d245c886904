package dev.aeronrpc.labs.websockets.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.codegen.model.MethodKind;
import dev.aeronrpc.core.RawMessageDecoder;
import dev.aeronrpc.core.RawMessageEncoder;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.gateway.WebSocketGateway;
import dev.aeronrpc.gateway.json.JsonMethod;
import dev.aeronrpc.gateway.json.SchemaCatalog;
import dev.aeronrpc.labs.grading.CheckFailure;
import dev.aeronrpc.labs.grading.Checks;
import dev.aeronrpc.labs.grading.FreePorts;
import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.LabDriver;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.aeronrpc.labs.grading.CheckFailure.require;

/**
 * Lab 7's grader. It runs the submission's Weather service on a server over IPC, puts the WebSocket gateway in
 * front of it with the submission's schema and page, checks the new method from Java, then loads the page in
 * headless Chromium: the readings panel must show live data, and come back by itself when the gateway restarts.
 * <p>
 * Without Chromium and chromedriver the browser checks are skipped, except on CI (CI=true), where they fail.
 */
public final class WebSocketsGrader extends Grader<WebSocketsLab>
{
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long STATION = 3;

    public WebSocketsGrader()
    {
        super("lab7-websockets", WebSocketsLab.class);
    }

    @Override
    public String mainSubmission()
    {
        return "dev.aeronrpc.labs.websockets.MyLab";
    }

    @Override
    public String referenceSolution()
    {
        return "dev.aeronrpc.labs.websockets.solution.ReferenceLab";
    }

    @Override
    protected void grade(final WebSocketsLab lab, final Checks checks) throws Exception
    {
        final SchemaCatalog[] catalog = new SchemaCatalog[1];
        checks.check("schema", "the schema declares Weather/readings: a server stream of Reading for a " +
            "StationRequest", "kind=\"server-stream\", with request and response naming the item types",
            () -> checkSchema(lab, catalog));

        try (LabDriver driver = LabDriver.launch();
            Site site = new Site(lab, driver, null == catalog[0] ? loadQuietly(lab) : catalog[0]))
        {
            checks.check("stream-method", "readings streams readings 0, 1, 2, ... of the station, within the " +
                "reader's credit", "produce while stream.credit() > 0, then return; StreamSink.onReady(...) " +
                "runs when more credit comes", site::streamFromJava);

            if (!Browser.isInstalled())
            {
                final String reason = "no " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER +
                    ": apt-get install chromium chromium-driver";
                if ("true".equals(System.getenv("CI")))
                {
                    final String hint = "CI installs them in .ci/run";
                    checks.check("panel-live", "the page's readings panel shows live data", hint,
                        () -> { throw new CheckFailure("CI needs Chromium: " + reason); });
                    checks.check("panel-reconnect", "the panel comes back by itself after the gateway restarts",
                        hint, () -> { throw new CheckFailure("CI needs Chromium: " + reason); });
                }
                else
                {
                    checks.skip("panel-live", "the page's readings panel shows live data", reason);
                    checks.skip("panel-reconnect", "the panel comes back by itself after the gateway restarts",
                        reason);
                }
                return;
            }

            try (Browser browser = new Browser())
            {
                final WebDriver page = browser.driver();
                final boolean[] live = new boolean[1];
                checks.check("panel-live", "the page's readings panel shows live data",
                    "on open, call Weather/readings with some credit; for each item add a row to #readings-body " +
                    "(its first cell the reading's number) and grant one more", () ->
                    {
                        final String seen = site.panelLive(page);
                        live[0] = true;
                        return seen;
                    });
                checks.check("panel-reconnect", "the panel comes back by itself after the gateway restarts",
                    "a closed WebSocket stays closed: on close, connect again after a pause that grows, and " +
                    "follow the readings again on open", () ->
                    {
                        require(live[0], "the panel never showed live data (see panel-live)");
                        return site.panelReconnect(page);
                    });
            }
        }
    }

    private static SchemaCatalog loadQuietly(final WebSocketsLab lab)
    {
        try
        {
            return SchemaCatalog.loadResource(lab.schemaResource());
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    private static String checkSchema(final WebSocketsLab lab, final SchemaCatalog[] catalog)
    {
        catalog[0] = SchemaCatalog.loadResource(lab.schemaResource());
        final JsonMethod readings = catalog[0].method("Weather", "readings");
        require(null != readings, "the schema has no Weather/readings");
        require(readings.kind() == MethodKind.SERVER_STREAM, "readings is %s, not server-stream",
            readings.kind().xmlName());
        require("StationRequest".equals(readings.request().name()) && null != readings.response() &&
            "Reading".equals(readings.response().name()), "readings must take StationRequest and stream Reading");
        return "Weather/readings: StationRequest -> stream of Reading";
    }

    /** The server, its client and the gateway serving the submission's page. */
    private static final class Site implements AutoCloseable
    {
        private final WebSocketsLab lab;
        private final SchemaCatalog catalog;
        private final RpcServer server;
        private final RpcClient client;
        private final int port = FreePorts.tcp();
        private WebSocketGateway gateway;

        Site(final WebSocketsLab lab, final LabDriver driver, final SchemaCatalog catalog)
        {
            this.lab = lab;
            this.catalog = catalog;
            server = RpcServer.launch(new RpcServer.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .channel("aeron:ipc")
                .idleStrategySupplier(LabDriver::idleStrategy)
                .errorHandler(LabDriver::ignoreError)
                .addService(lab.service()));
            RpcClient connected = null;
            try
            {
                connected = RpcClient.connect(new RpcClient.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .requestChannel(server.channel())
                    .idleStrategySupplier(LabDriver::idleStrategy)
                    .errorHandler(LabDriver::ignoreError));
                client = connected;
                if (null != catalog)
                {
                    gateway = launchGateway();
                }
            }
            catch (final RuntimeException ex)
            {
                CloseHelper.closeAll(connected, server);
                throw ex;
            }
        }

        private WebSocketGateway launchGateway()
        {
            return WebSocketGateway.launch(new WebSocketGateway.Context()
                .host("localhost")
                .port(port)
                .client(client)
                .catalog(catalog)
                .staticResources(lab.staticResources()));
        }

        String streamFromJava() throws Exception
        {
            require(null != catalog, "the schema did not load: see the schema check");
            final JsonMethod method = catalog.method("Weather", "readings");
            require(null != method && method.kind() == MethodKind.SERVER_STREAM, "no Weather/readings stream to call");
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
            final RawMessageEncoder request = method.request().newEncoder();
            request.wrap(buffer, 0, method.request().encode(JSON.readTree("{\"stationId\": " + STATION + "}"),
                buffer, 0));
            final int items = 20;
            try (ClientStream<RawMessageDecoder> stream = client.serverStream(method.rpcMethod(), request, null,
                dev.aeronrpc.client.CallOptions.DEFAULT.withWindow(4).withTimeoutNs(TimeUnit.SECONDS.toNanos(5))))
            {
                for (long n = 0; n < items; n++)
                {
                    require(stream.hasNext(), "the stream ended after %d readings; it is infinite", n);
                    final JsonNode reading = method.response().decode(stream.next());
                    require(reading.path("number").asLong(-1) == n && reading.path("stationId").asLong(-1) == STATION,
                        "reading %d of station %d came as %s", n, STATION, reading);
                }
            }
            catch (final RpcException ex)
            {
                throw new CheckFailure("the stream failed with " + ex.status() + ": " + ex.description());
            }
            return items + " readings in order with a window of 4, then cancelled";
        }

        String panelLive(final WebDriver page)
        {
            require(null != gateway, "the gateway did not start: the schema did not load");
            page.get(gateway.httpUri().toString());
            final WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(15));
            waitFor(wait, p -> "open".equals(p.findElement(By.id("state")).getText()), "the page to connect");
            // At about ten readings a second, five rows take half a second: six seconds is plenty.
            waitFor(new WebDriverWait(page, Duration.ofSeconds(6)), p -> rows(p).size() >= 5,
                "5 rows in #readings-body");
            final long first = topNumber(page);
            waitFor(wait, p -> topNumber(p) >= first + 3, "the newest reading's number to grow");
            return rows(page).size() + " rows, newest reading #" + topNumber(page);
        }

        String panelReconnect(final WebDriver page)
        {
            final long before = topNumber(page);
            final long framesBefore = gateway.counters().framesSent();
            gateway.close();
            gateway = launchGateway();
            final WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            waitFor(wait, p -> "open".equals(p.findElement(By.id("state")).getText()) && gateway.counters()
                .framesSent() >= 3, "the page to reconnect to the restarted gateway and readings to flow again");
            waitFor(wait, p -> topNumber(p) < before, "rows of the new stream (numbered from 0 again) in the panel");
            final long restarted = topNumber(page);
            waitFor(wait, p -> topNumber(p) >= restarted + 3, "the new stream's readings to keep coming");
            return "reading #" + before + " before the restart (" + framesBefore + " frames), then a new stream up " +
                "to #" + topNumber(page);
        }

        private static void waitFor(final WebDriverWait wait,
            final java.util.function.Function<WebDriver, Boolean> condition, final String what)
        {
            try
            {
                wait.until(p ->
                {
                    try
                    {
                        return condition.apply(p);
                    }
                    catch (final RuntimeException ex)
                    {
                        return false;
                    }
                });
            }
            catch (final org.openqa.selenium.TimeoutException ex)
            {
                throw new CheckFailure("waited in vain for " + what);
            }
        }

        private static List<WebElement> rows(final WebDriver page)
        {
            return page.findElements(By.cssSelector("#readings-body tr"));
        }

        private static long topNumber(final WebDriver page)
        {
            final List<WebElement> rows = rows(page);
            if (rows.isEmpty())
            {
                return -1;
            }
            return Long.parseLong(rows.get(0).findElement(By.cssSelector("td")).getText().trim());
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(gateway, client, server);
        }
    }
}
