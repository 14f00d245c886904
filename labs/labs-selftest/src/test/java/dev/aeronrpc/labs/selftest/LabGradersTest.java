package dev.aeronrpc.labs.selftest;

import dev.aeronrpc.labs.fanout.lab.FanOutGrader;
import dev.aeronrpc.labs.messaging.lab.MessagingGrader;
import dev.aeronrpc.labs.streaming.lab.StreamingGrader;
import dev.aeronrpc.labs.stubs.lab.StubsGrader;
import dev.aeronrpc.labs.transport.lab.TransportGrader;
import dev.aeronrpc.labs.websockets.lab.WebSocketsGrader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Set;

import static dev.aeronrpc.labs.selftest.GraderOutcomes.passes;
import static dev.aeronrpc.labs.selftest.GraderOutcomes.skeletonFails;

/**
 * Every lab's grader, graded: it passes the reference solution, and fails the untouched skeleton on exactly the
 * checks the skeleton's TODOs leave undone. (Lab 4, whose grader must also catch planted wrong solutions, is in
 * {@link GuaranteesGraderTest}.)
 */
@Timeout(180)
class LabGradersTest
{
    @Test
    void lab1StubsGraderPassesTheSolutionAndFailsTheSkeleton()
    {
        passes(new StubsGrader());
        skeletonFails(new StubsGrader(),
            Set.of("schema", "add", "subtract", "divide", "divide-by-zero", "left-out", "client-calls"));
    }

    @Test
    void lab2MessagingGraderPassesTheSolutionAndFailsTheSkeleton()
    {
        passes(new MessagingGrader());
        skeletonFails(new MessagingGrader(),
            Set.of("request-response-delivered", "random-loss-repaired", "request-response-blackout", "report"));
    }

    @Test
    void lab3TransportGraderPassesTheSolutionAndFailsTheSkeleton()
    {
        passes(new TransportGrader());
        skeletonFails(new TransportGrader(),
            Set.of("udp-embedded", "udp-standalone", "measurements-real", "explanation"));
    }

    @Test
    void lab5StreamingGraderPassesTheSolutionAndFailsTheSkeleton()
    {
        passes(new StreamingGrader());
        skeletonFails(new StreamingGrader(),
            Set.of("producer-respects-credit", "bounded-memory", "no-stall", "cancel"));
    }

    @Test
    void lab6FanOutGraderPassesTheSolutionAndFailsTheSkeleton()
    {
        passes(new FanOutGrader());
        skeletonFails(new FanOutGrader(), Set.of("ipc-fan-out", "ipc-one-copy", "join-late", "leave",
            "slow-subscriber", "mdc-fan-out", "mdc-per-item-cost"));
    }

    @Test
    void lab7WebSocketsGraderPassesTheSolutionAndFailsTheSkeleton()
    {
        passes(new WebSocketsGrader());
        skeletonFails(new WebSocketsGrader(), Set.of("schema", "stream-method", "panel-live", "panel-reconnect"));
    }
}
