package dev.aeronrpc.labs.messaging.lab;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.faults.FaultyNetwork;
import dev.aeronrpc.labs.grading.Await;
import dev.aeronrpc.labs.grading.CheckFailure;
import dev.aeronrpc.labs.grading.Checks;
import dev.aeronrpc.labs.grading.Grader;
import dev.aeronrpc.labs.grading.LabDriver;
import dev.aeronrpc.labs.messaging.api.Telemetry;
import dev.aeronrpc.labs.messaging.api.TelemetryClient;
import dev.aeronrpc.server.RpcServer;
import org.agrona.CloseHelper;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.aeronrpc.labs.grading.CheckFailure.require;
import static dev.aeronrpc.labs.messaging.lab.SendLog.Outcome.ACKED;
import static dev.aeronrpc.labs.messaging.lab.SendLog.Outcome.DROPPED;
import static dev.aeronrpc.labs.messaging.lab.SendLog.Outcome.FAILED;
import static dev.aeronrpc.labs.messaging.lab.SendLog.Outcome.HANDED;
import static dev.aeronrpc.labs.messaging.lab.SendLog.Outcome.NONE;

/**
 * Lab 2's grader. Each scenario runs the submission's Telemetry service on an {@code RpcServer} and its sender on
 * an {@code RpcClient}, over UDP on loopback through a {@link FaultyNetwork} in one embedded driver, and compares
 * what arrived ({@link Arrivals}, and the framework's own counters) with what the sender says it sent
 * ({@link SendLog}).
 */
public final class MessagingGrader extends Grader<MessagingLab>
{
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    public MessagingGrader()
    {
        super("lab2-messaging", MessagingLab.class);
    }

    @Override
    public String mainSubmission()
    {
        return "dev.aeronrpc.labs.messaging.MyLab";
    }

    @Override
    public String referenceSolution()
    {
        return "dev.aeronrpc.labs.messaging.solution.ReferenceLab";
    }

    @Override
    protected void grade(final MessagingLab lab, final Checks checks)
    {
        final FaultyNetwork network = new FaultyNetwork();
        try (LabDriver driver = LabDriver.launchFaulty(network))
        {
            checks.check("one-way-delivered", "without faults, 50 one-way readings are handed over and all arrive",
                "report(...) returns whether Aeron took the message; the handler tells Arrivals",
                () -> clean(lab, driver, true));
            checks.check("request-response-delivered", "without faults, 50 calls are acknowledged, each with its " +
                "own sequence, and all arrive", "record(...) answers with an Ack; the handler tells Arrivals and " +
                "fills the Ack", () -> clean(lab, driver, false));

            final Measured measured = new Measured();
            checks.check("random-loss-repaired", "with 10% of UDP frames lost at random, nothing is lost (100 one-way, 100 calls)",
                "Aeron notices a gap, asks for it again (a NAK) and gets it retransmitted, while the connection lives",
                () -> randomLoss(lab, driver, network, measured));
            checks.check("one-way-blackout", "in a blackout, one-way readings handed to Aeron are lost, and the " +
                "sender's log agrees with the client's counters", "log what report(...) returned: true is handed, " +
                "false is dropped", () -> oneWayBlackout(lab, driver, network, measured));
            checks.check("request-response-blackout", "in a blackout and with lost answers, every acknowledged call " +
                "arrived, every other one failed with a status", "an RpcException carries the status: log it as " +
                "failed", () -> requestResponseBlackout(lab, driver, network, measured));
            checks.check("report", "the report's answers agree with what was measured",
                "look at what the checks above saw: which readings arrived, which the sender thought arrived",
                () -> report(lab, measured));
        }
    }

    private String clean(final MessagingLab lab, final LabDriver driver, final boolean oneWay)
    {
        try (Run run = new Run(lab, driver, 2_000 * MS, false))
        {
            final int count = 50;
            final SendLog log = new SendLog(count);
            if (oneWay)
            {
                lab.sendOneWay(run.client, count, Schedule.NOW, log);
                require(log.count(HANDED) == count, "the log says %d of %d readings were handed over",
                    log.count(HANDED), count);
                run.awaitArrivals(true, count);
                require(run.arrivals.oneWayCount() == count, "%d of %d one-way readings arrived (the server's " +
                    "counters saw %d requests)", run.arrivals.oneWayCount(), count, run.server.counters().requests());
            }
            else
            {
                lab.sendRequestResponse(run.client, count, Schedule.NOW, log);
                require(log.count(ACKED) == count, "the log says %d of %d calls were acknowledged (%d failed, %d " +
                    "not logged)", log.count(ACKED), count, log.count(FAILED), log.count(NONE));
                require(run.arrivals.requestResponseCount() == count, "%d of %d calls arrived at the handler (the " +
                    "server ran %d handlers)", run.arrivals.requestResponseCount(), count,
                    run.server.counters().handlerRuns());
                final TelemetryClient telemetry = new TelemetryClient(run.client);
                final long ackedSequence;
                try
                {
                    ackedSequence = telemetry.record(telemetry.recordRequest().sensorId(2).sequence(1_000).value(5))
                        .sequence();
                }
                catch (final RpcException ex)
                {
                    throw new CheckFailure("the grader's own call of record failed with " + ex.status() + ": " +
                        ex.description());
                }
                require(ackedSequence == 1_000, "record(sequence 1000) was acknowledged with sequence %d",
                    ackedSequence);
            }
            return count + " sent, " + count + " arrived";
        }
    }

    private String randomLoss(
        final MessagingLab lab, final LabDriver driver, final FaultyNetwork network, final Measured measured)
    {
        try (Run run = new Run(lab, driver, 3_000 * MS, false))
        {
            final int count = 100;
            final long droppedBefore = network.dataFramesDropped() + network.controlFramesDropped();
            network.dropFraction(0.1, 0.1);
            final SendLog oneWay = new SendLog(count);
            lab.sendOneWay(run.client, count, Schedule.NOW, oneWay);
            final SendLog calls = new SendLog(count);
            lab.sendRequestResponse(run.client, count, Schedule.NOW, calls);
            run.awaitArrivals(true, count);
            network.heal();
            final long dropped = network.dataFramesDropped() + network.controlFramesDropped() - droppedBefore;
            require(dropped > 0, "no frame was dropped: the grader's fault, not yours");
            final int oneWayArrived = run.arrivals.oneWayCount();
            final int callsArrived = run.arrivals.requestResponseCount();
            measured.randomLossRan = true;
            measured.randomLossLostSome = oneWayArrived < count || callsArrived < count;
            require(oneWay.count(HANDED) == count && oneWayArrived == count, "one-way: %d handed, %d arrived, " +
                "of %d", oneWay.count(HANDED), oneWayArrived, count);
            require(calls.count(ACKED) == count && callsArrived == count, "calls: %d acknowledged, %d arrived, of " +
                "%d", calls.count(ACKED), callsArrived, count);
            return dropped + " frames dropped; " + count + " one-way and " + count + " calls, every one arrived";
        }
    }

    private String oneWayBlackout(
        final MessagingLab lab, final LabDriver driver, final FaultyNetwork network, final Measured measured)
    {
        try (Run run = new Run(lab, driver, 300 * MS, false))
        {
            final int count = 160;
            final SendLog log = new SendLog(count);
            lab.sendOneWay(run.client, count, new BlackoutSchedule(run, network, 60, 100, 110, 10), log);
            Await.within(() -> run.arrivals.hasOneWay(count - 1), 3_000);
            long handedLost = 0;
            for (int seq = 0; seq < count; seq++)
            {
                final boolean arrived = run.arrivals.hasOneWay(seq);
                require(log.outcome(seq) != NONE, "reading %d has no outcome in the log", seq);
                require(!arrived || log.outcome(seq) == HANDED, "reading %d arrived, but the log says %s", seq,
                    log.outcome(seq));
                if (log.outcome(seq) == HANDED && !arrived)
                {
                    handedLost++;
                }
            }
            final var counters = run.client.counters();
            require(log.count(DROPPED) == counters.oneWayDropped() && log.count(HANDED) == counters.oneWaySent(),
                "the log says %d handed and %d dropped; the client counted %d sent and %d dropped",
                log.count(HANDED), log.count(DROPPED), counters.oneWaySent(), counters.oneWayDropped());
            require(handedLost > 0, "no handed reading was lost: the blackout did not bite (the grader's fault)");
            measured.blackoutRan = true;
            measured.handedButLost = handedLost;
            return log.count(HANDED) + " handed (" + handedLost + " of them lost in the blackout), " +
                log.count(DROPPED) + " dropped once the connection was declared lost; " +
                run.arrivals.oneWayCount() + " arrived";
        }
    }

    private String requestResponseBlackout(
        final MessagingLab lab, final LabDriver driver, final FaultyNetwork network, final Measured measured)
    {
        try (Run run = new Run(lab, driver, 200 * MS, true))
        {
            final int count = 42;
            final SendLog log = new SendLog(count);
            lab.sendRequestResponse(run.client, count, new BlackoutSchedule(run, network, 30, 35, 35, 0), log);
            long failedButRan = 0;
            long failedUnavailable = 0;
            for (int seq = 0; seq < count; seq++)
            {
                final boolean arrived = run.arrivals.hasRequestResponse(seq);
                require(log.outcome(seq) == ACKED || log.outcome(seq) == FAILED, "call %d is logged as %s", seq,
                    log.outcome(seq));
                require(log.outcome(seq) != ACKED || arrived, "call %d was acknowledged but never arrived", seq);
                if (log.outcome(seq) == FAILED)
                {
                    require(null != log.status(seq) && log.status(seq) != Status.OK, "call %d failed without " +
                        "a status", seq);
                    failedButRan += arrived ? 1 : 0;
                    failedUnavailable += arrived ? 0 : 1;
                }
            }
            require(run.server.counters().responsesDropped() > 0, "no answer was lost: the grader's fault, not yours");
            require(failedUnavailable > 0, "no call failed in the blackout: the grader's fault, not yours");
            measured.callsRan = true;
            measured.failedButRan = failedButRan;
            measured.ackedAllArrived = true;
            return log.count(ACKED) + " acknowledged, all arrived; " + log.count(FAILED) + " failed: " +
                failedButRan + " of them ran (answer lost), " + failedUnavailable + " never arrived (blackout)";
        }
    }

    private static String report(final MessagingLab lab, final Measured measured)
    {
        final Report report = lab.report();
        require(null != report, "report() returned null");
        require(measured.randomLossRan && measured.blackoutRan && measured.callsRan,
            "the report is judged against the runs above, and some of them failed");
        final StringBuilder wrong = new StringBuilder();
        final Loss loss = measured.randomLossLostSome ? Loss.SOME : Loss.NONE;
        judge(wrong, "lostToRandomFrameLoss", report.lostToRandomFrameLoss(), loss);
        judge(wrong, "oneWaySenderKnowsWhatArrived", report.oneWaySenderKnowsWhatArrived(),
            measured.handedButLost == 0);
        judge(wrong, "failedCallMayHaveRun", report.failedCallMayHaveRun(), measured.failedButRan > 0);
        judge(wrong, "ackedCallArrived", report.ackedCallArrived(), measured.ackedAllArrived);
        require(wrong.length() == 0, "%s", wrong.toString().trim());
        return "4 answers, each as measured";
    }

    private static void judge(final StringBuilder wrong, final String question, final Object answer,
        final Object measured)
    {
        if (null == answer)
        {
            wrong.append(question).append(": not answered. ");
        }
        else if (!answer.equals(measured))
        {
            wrong.append(question).append(": you say ").append(answer).append(", the runs showed otherwise. ");
        }
    }

    /** What the runs showed, for judging the report. */
    private static final class Measured
    {
        boolean randomLossRan;
        boolean randomLossLostSome;
        boolean blackoutRan;
        long handedButLost;
        boolean callsRan;
        long failedButRan;
        boolean ackedAllArrived;
    }

    /**
     * Before {@code blackoutAt}: at once. From it, a blackout, readings paced; at {@code lostAt}, wait until the
     * client has declared the connection lost; at {@code healAt}, heal and wait for the reconnection.
     */
    private static final class BlackoutSchedule implements Schedule
    {
        private final Run run;
        private final FaultyNetwork network;
        private final long blackoutAt;
        private final long lostAt;
        private final long healAt;
        private final long paceMs;

        BlackoutSchedule(final Run run, final FaultyNetwork network, final long blackoutAt, final long lostAt,
            final long healAt, final long paceMs)
        {
            this.run = run;
            this.network = network;
            this.blackoutAt = blackoutAt;
            this.lostAt = lostAt;
            this.healAt = healAt;
            this.paceMs = paceMs;
        }

        @Override
        public void awaitTurn(final long sequence)
        {
            if (sequence == blackoutAt)
            {
                network.blackout();
            }
            if (sequence == lostAt)
            {
                Await.until(() -> !run.client.isConnected(), 10_000, "the client to declare the connection lost");
            }
            if (sequence == healAt)
            {
                network.heal();
                Await.until(run.client::isConnected, 10_000, "the client to reconnect after the blackout");
            }
            if (sequence >= blackoutAt && sequence < lostAt && paceMs > 0)
            {
                try
                {
                    // Pacing is the plan: readings spread over the blackout, before the loss is noticed.
                    Thread.sleep(paceMs);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new CheckFailure("interrupted");
                }
            }
        }
    }

    /** A server with the submission's service, and a client, for one scenario. */
    private static final class Run implements AutoCloseable
    {
        final Arrivals arrivals = new Arrivals();
        final RpcServer server;
        final RpcClient client;

        Run(final MessagingLab lab, final LabDriver driver, final long callTimeoutNs, final boolean loseAnswers)
        {
            final AtomicLong answers = new AtomicLong();
            server = RpcServer.launch(new RpcServer.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .channel("aeron:udp?endpoint=localhost:0")
                .heartbeatIntervalNs(100 * MS)
                .peerTimeoutNs(1_000 * MS)
                .idleStrategySupplier(LabDriver::idleStrategy)
                .errorHandler(LabDriver::ignoreError)
                .responseFilter((serviceId, methodId, requestId, attempt) ->
                    loseAnswers && methodId == Telemetry.RECORD_METHOD_ID && answers.incrementAndGet() % 7 == 3)
                .addService(lab.service(arrivals)));
            RpcClient connected = null;
            try
            {
                connected = RpcClient.connect(new RpcClient.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .requestChannel(server.channel())
                    .heartbeatIntervalNs(100 * MS)
                    .peerTimeoutNs(1_000 * MS)
                    .callTimeoutNs(callTimeoutNs)
                    .idleStrategySupplier(LabDriver::idleStrategy)
                .errorHandler(LabDriver::ignoreError));
            }
            catch (final RuntimeException ex)
            {
                server.close();
                throw ex;
            }
            client = connected;
        }

        void awaitArrivals(final boolean oneWay, final int count)
        {
            Await.within(() -> (oneWay ? arrivals.oneWayCount() : arrivals.requestResponseCount()) >= count, 3_000);
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(client, server);
        }
    }
}
