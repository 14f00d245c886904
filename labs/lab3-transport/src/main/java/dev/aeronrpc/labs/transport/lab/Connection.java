package dev.aeronrpc.labs.transport.lab;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;

/**
 * An application's Aeron client, and the embedded media driver it launched, if any.
 *
 * @param aeron  connected to the driver.
 * @param driver the embedded driver the application launched, or null for a standalone one.
 */
public record Connection(Aeron aeron, MediaDriver driver) implements AutoCloseable
{
    /**
     * Closes the client, then the embedded driver if there is one.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
