package dev.aeronrpc.examples;

import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.examples.api.BalanceDecoder;
import dev.aeronrpc.examples.api.BankClient;
import dev.aeronrpc.client.BidiStream;
import dev.aeronrpc.client.ClientStream;
import dev.aeronrpc.client.ClientStreamCall;
import dev.aeronrpc.examples.api.DepositRequestEncoder;
import dev.aeronrpc.examples.api.EchoClient;
import dev.aeronrpc.examples.api.MarketClient;
import dev.aeronrpc.examples.api.PriceTickDecoder;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The calls the example client and the demo make, printed one line each: a few that succeed, a few that fail on
 * purpose to show statuses, then a burst of echoes to time the round trip.
 */
final class ExampleCalls
{
    static final int TIMED_ECHOES = 2_000;

    private final PrintStream out;
    private final EchoClient echo;
    private final BankClient bank;
    private final MarketClient market;
    private int calls;
    private int succeeded;
    private int failedAsExpected;
    private int failedUnexpectedly;
    private final long[] echoNs = new long[TIMED_ECHOES];

    ExampleCalls(final RpcClient client, final PrintStream out)
    {
        this.out = out;
        this.echo = new EchoClient(client);
        this.bank = new BankClient(client);
        this.market = new MarketClient(client);
    }

    /**
     * Makes every call once and prints it.
     *
     * @param accountId the account the bank calls use.
     * @return this, with its counts.
     */
    ExampleCalls run(final long accountId)
    {
        succeed("Echo.echo(\"hello, aeron\")", () -> "\"" + echo.echo(echo.echoRequest().text("hello, aeron")).text() + "\"");
        succeed("Bank.deposit(" + accountId + ", 100.00)",
            () -> balance(bank.deposit(bank.depositRequest().accountId(accountId).amountCents(100_00))));
        succeed("Bank.deposit(" + accountId + ", 25.50)",
            () -> balance(bank.deposit(bank.depositRequest().accountId(accountId).amountCents(25_50))));
        fail("Bank.withdraw(" + accountId + ", 500.00)", Status.FAILED_PRECONDITION,
            () -> balance(bank.withdraw(bank.withdrawRequest().accountId(accountId).amountCents(500_00))));
        succeed("Bank.withdraw(" + accountId + ", 20.00)",
            () -> balance(bank.withdraw(bank.withdrawRequest().accountId(accountId).amountCents(20_00))));
        fail("Bank.deposit(" + accountId + ", -5.00)", Status.INVALID_ARGUMENT,
            () -> balance(bank.deposit(bank.depositRequest().accountId(accountId).amountCents(-5_00))));
        fail("Bank.balance(999999)", Status.NOT_FOUND,
            () -> balance(bank.balance(bank.balanceRequest().accountId(999999))));
        succeed("Echo.echo(1 MiB of text)", this::echoOneMebibyte);
        fail("Echo.echo(65 MiB of text)", Status.RESOURCE_EXHAUSTED,
            () -> echo.echo(echo.echoRequest().text("x".repeat(65 << 20))).text());
        succeed("Market.history(7, 50)", () -> readHistory(7, 50));
        succeed("Market.ticks(7)", this::readTicksThenCancel);
        succeed("Bank.depositAll(" + accountId + ", 10 x 1.00)", () -> depositAll(accountId));
        succeed("Bank.teller(" + accountId + ", 1.00, 2.00, 3.00)", () -> teller(accountId));
        timeEchoes();
        return this;
    }

    private String echoOneMebibyte()
    {
        final String text = "0123456789abcdef".repeat(1 << 16);
        final String answer = echo.echo(echo.echoRequest().text(text)).text();
        return (answer.equals(text) ? "the same 1 MiB back" : "a different answer") +
            ", carried as chunks both ways";
    }

    private String readHistory(final long instrumentId, final int count)
    {
        long items = 0;
        long lastPrice = 0;
        try (ClientStream<PriceTickDecoder> prices =
            market.history(market.historyRequest().instrumentId(instrumentId).count(count)))
        {
            while (prices.hasNext())
            {
                lastPrice = prices.next().priceCents();
                items++;
            }
        }
        return "finite stream: " + items + " prices, then its end; the last " + Cents.format(lastPrice);
    }

    private String depositAll(final long accountId)
    {
        final ClientStreamCall<DepositRequestEncoder, BalanceDecoder> upload = bank.depositAll();
        for (int i = 0; i < 10; i++)
        {
            upload.item().accountId(accountId).amountCents(1_00);
            upload.send();
        }
        return "client stream: 10 deposits up, one answer: " + balance(upload.complete());
    }

    private String teller(final long accountId)
    {
        final StringBuilder totals = new StringBuilder();
        try (BidiStream<DepositRequestEncoder, BalanceDecoder> teller = bank.teller())
        {
            for (int i = 1; i <= 3; i++)
            {
                teller.item().accountId(accountId).amountCents(i * 1_00);
                teller.send();
                totals.append(Cents.format(teller.next().balanceCents())).append(' ');
            }
            teller.completeSending();
        }
        return "bidirectional stream: running balance " + totals.toString().trim();
    }

    private String readTicksThenCancel()
    {
        final StringBuilder first = new StringBuilder();
        try (ClientStream<PriceTickDecoder> ticks = market.ticks(market.ticksRequest().instrumentId(7)))
        {
            for (int i = 0; i < 20; i++)
            {
                final PriceTickDecoder tick = ticks.next();
                if (i < 3)
                {
                    first.append(Cents.format(tick.priceCents())).append(' ');
                }
            }
        }
        return "infinite stream: 20 prices (" + first + "...), then cancelled";
    }

    private void timeEchoes()
    {
        for (int i = 0; i < TIMED_ECHOES; i++)
        {
            echo.echo(echo.echoRequest().text("warm-up"));
        }
        for (int i = 0; i < TIMED_ECHOES; i++)
        {
            final long startNs = System.nanoTime();
            echo.echo(echo.echoRequest().text("timed"));
            echoNs[i] = System.nanoTime() - startNs;
        }
        calls += 2 * TIMED_ECHOES;
        succeeded += 2 * TIMED_ECHOES;
        Arrays.sort(echoNs);
        out.printf("  %-44s -> all answered; round trip median %s, p99 %s, max %s%n",
            TIMED_ECHOES + " warm-up + " + TIMED_ECHOES + " timed echoes",
            micros(percentile(0.50)), micros(percentile(0.99)), micros(echoNs[TIMED_ECHOES - 1]));
    }

    long percentile(final double fraction)
    {
        return echoNs[Math.min(TIMED_ECHOES - 1, (int)(fraction * TIMED_ECHOES))];
    }

    int calls()
    {
        return calls;
    }

    int succeeded()
    {
        return succeeded;
    }

    int failedAsExpected()
    {
        return failedAsExpected;
    }

    int failedUnexpectedly()
    {
        return failedUnexpectedly;
    }

    static String micros(final long nanos)
    {
        return String.format("%.1f us", nanos / 1000.0);
    }

    private static String balance(final BalanceDecoder balance)
    {
        return "balance " + Cents.format(balance.balanceCents());
    }

    private void succeed(final String call, final Supplier<String> invocation)
    {
        calls++;
        final long startNs = System.nanoTime();
        try
        {
            final String answer = invocation.get();
            succeeded++;
            print(call, answer, startNs);
        }
        catch (final RpcException ex)
        {
            failedUnexpectedly++;
            print(call, ex.getMessage() + "   <-- unexpected", startNs);
        }
    }

    private void fail(final String call, final Status expected, final Supplier<String> invocation)
    {
        calls++;
        final long startNs = System.nanoTime();
        try
        {
            final String answer = invocation.get();
            failedUnexpectedly++;
            print(call, abbreviate(answer) + "   <-- expected " + expected, startNs);
        }
        catch (final RpcException ex)
        {
            if (ex.status() == expected)
            {
                failedAsExpected++;
                print(call, ex.getMessage() + "   (as expected)", startNs);
            }
            else
            {
                failedUnexpectedly++;
                print(call, ex.getMessage() + "   <-- expected " + expected, startNs);
            }
        }
    }

    private static String abbreviate(final String answer)
    {
        return answer.length() <= 80 ? answer : answer.substring(0, 77) + "...";
    }

    private void print(final String call, final String outcome, final long startNs)
    {
        out.printf("  %-44s -> %s  [%s]%n", call, outcome, micros(System.nanoTime() - startNs));
    }
}
