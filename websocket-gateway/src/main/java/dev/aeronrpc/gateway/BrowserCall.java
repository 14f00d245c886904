package dev.aeronrpc.gateway;

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
}
