package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcMediaDriver;
import dev.aeronrpc.examples.api.EchoClient;

/**
 * A client that connects, makes one call, says so, and stays connected until it is killed. Its embedded driver
 * lives in the directory named by {@code test.driver.dir}, so the test can clean up after the kill.
 */
public final class LingeringClientMain
{
    public static void main(final String[] args) throws InterruptedException
    {
        final RpcMediaDriver driver = RpcMediaDriver.launch(
            RpcMediaDriver.defaultContext().aeronDirectoryName(System.getProperty("test.driver.dir")));
        final RpcClient client = RpcClient.connect(
            new RpcClient.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final EchoClient echo = new EchoClient(client);
        System.out.println("connected as client " + client.clientId() + ": " +
            echo.echo(echo.echoRequest().text("hello")).text());
        Thread.sleep(Long.MAX_VALUE);
    }
}
