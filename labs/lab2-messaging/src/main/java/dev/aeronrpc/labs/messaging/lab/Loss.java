package dev.aeronrpc.labs.messaging.lab;

/**
 * How many readings were lost.
 */
public enum Loss
{
    NONE,
    SOME,
    ALL
}
