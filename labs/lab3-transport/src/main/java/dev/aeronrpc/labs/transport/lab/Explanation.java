package dev.aeronrpc.labs.transport.lab;

/**
 * Your explanation of what you measured, as answers to multiple-choice questions. Return null for a question not
 * answered yet.
 */
public interface Explanation
{
    /** Who does a piece of the work. */
    enum Party
    {
        /** The application's own threads (the pinger, the ponger). */
        APPLICATION,
        /** The media driver's threads (conductor, sender, receiver). */
        MEDIA_DRIVER,
        /** Nobody: the bytes are simply there in shared memory for the reader. */
        NOBODY
    }

    /**
     * @return over UDP, who calls the socket to send a publication's datagrams?
     */
    Party sendsUdpDatagrams();

    /**
     * @return over IPC, who moves a message from the publisher's log buffer to the subscriber?
     */
    Party movesIpcMessages();

    /**
     * @return with the driver in a process of its own, how does the application hand it a message to send?
     * APPLICATION: it sends the message to the driver's process over a socket; MEDIA_DRIVER: the driver copies
     * it out of the application's memory; NOBODY: the application writes it into a log buffer that is a
     * memory-mapped file both processes map, and nothing is handed over at all.
     */
    Party handsMessagesToStandaloneDriver();

    /**
     * @return which setup had the lowest median round trip in your runs? "IPC", "UDP" or "UDP_STANDALONE".
     */
    String fastestMedian();
}
