package dev.aeronrpc.gateway;

import dev.aeronrpc.core.Status;

/**
 * A call a browser has open through the gateway, as its connection sees it.
 */
interface BrowserCall
{
    /**
     * The browser asked for more stream items.
     *
     * @param items how many more.
     */
    void credit(long items);

    /**
     * The browser cancelled the call, or went away.
     */
    void cancel();

    /**
     * Ends the call with an error frame, and cancels it where it can be stopped.
     *
     * @param status  why.
     * @param message what went wrong.
     */
    void fail(Status status, String message);

    /**
     * The half of the call on which the browser sends items: a client or bidirectional stream's.
     *
     * @return the upload, or null when the browser sends nothing after the call frame.
     */
    default Upload upload()
    {
        return null;
    }
}
