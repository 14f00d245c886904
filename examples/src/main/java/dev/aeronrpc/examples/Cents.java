package dev.aeronrpc.examples;

/**
 * Money as a whole number of cents, the way a careful bank stores it, printed as units and cents.
 */
final class Cents
{
    private Cents()
    {
    }

    static String format(final long cents)
    {
        final String sign = cents < 0 ? "-" : "";
        final long abs = Math.abs(cents);
        return sign + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }
}
