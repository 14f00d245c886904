package dev.aeronrpc.labs.selftest;

import dev.aeronrpc.labs.guarantees.lab.GuaranteesGrader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Set;

import static dev.aeronrpc.labs.selftest.GraderOutcomes.fails;
import static dev.aeronrpc.labs.selftest.GraderOutcomes.passes;
import static dev.aeronrpc.labs.selftest.GraderOutcomes.skeletonFails;

/**
 * Lab 4's grader, graded: the reference solution passes, the skeleton (at-most-once) fails what it leaves undone,
 * and two planted wrong solutions are caught: retries without deduplication, and deduplication that forgets on a
 * restart.
 */
@Timeout(180)
class GuaranteesGraderTest
{
    @Test
    void shouldPassTheReferenceSolution()
    {
        passes(new GuaranteesGrader());
    }

    @Test
    void shouldFailTheSkeletonWhichNeverRetries()
    {
        skeletonFails(new GuaranteesGrader(),
            Set.of("backoff", "retry-budget", "retries-finish-calls", "survives-restart", "budget-in-outage"));
    }

    @Test
    void shouldCatchRetriesWithoutDeduplication()
    {
        fails(new GuaranteesGrader(), RetriesWithoutDeduplication.class.getName(),
            Set.of("no-duplicates", "survives-restart", "linearizable"), false);
    }

    @Test
    void shouldCatchDeduplicationThatForgetsOnRestart()
    {
        fails(new GuaranteesGrader(), ForgetfulDeduplication.class.getName(),
            Set.of("survives-restart", "linearizable"), false);
    }
}
