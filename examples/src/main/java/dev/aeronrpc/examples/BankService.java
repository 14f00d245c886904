package dev.aeronrpc.examples;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.core.StreamObserver;
import dev.aeronrpc.server.InboundStream;
import dev.aeronrpc.server.Responder;
import dev.aeronrpc.server.StreamSink;
import dev.aeronrpc.examples.api.Bank;
import dev.aeronrpc.examples.api.BalanceEncoder;
import dev.aeronrpc.examples.api.BalanceRequestDecoder;
import dev.aeronrpc.examples.api.DepositRequestDecoder;
import dev.aeronrpc.examples.api.WithdrawRequestDecoder;
import org.agrona.collections.Long2LongHashMap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts holding money, kept in memory.
 * <p>
 * A deposit is not idempotent: run twice, it pays twice. That is why a bank cannot simply re-send a call whose
 * answer was lost, and why request ids and delivery guarantees exist. {@link #depositsExecuted()} counts how many
 * times the deposit handler really ran, to compare with how many deposits the clients asked for.
 * <p>
 * Registered without an executor, its handlers all run on the server's poll thread, one at a time, so the map
 * needs no lock.
 */
public final class BankService implements Bank
{
    private final Long2LongHashMap balances = new Long2LongHashMap(Long.MIN_VALUE);
    private final AtomicLong depositsExecuted = new AtomicLong();

    @Override
    public void deposit(final DepositRequestDecoder request, final BalanceEncoder response)
    {
        final long accountId = request.accountId();
        final long amountCents = request.amountCents();
        if (amountCents <= 0)
        {
            throw new RpcException(Status.INVALID_ARGUMENT, "a deposit must be positive, not " + Cents.format(amountCents));
        }

        depositsExecuted.incrementAndGet();
        final long balance = balanceOf(accountId) + amountCents;
        balances.put(accountId, balance);
        response.accountId(accountId).balanceCents(balance);
    }

    @Override
    public void withdraw(final WithdrawRequestDecoder request, final BalanceEncoder response)
    {
        final long accountId = request.accountId();
        final long amountCents = request.amountCents();
        final long balance = balanceOf(accountId);
        if (amountCents > balance)
        {
            throw new RpcException(Status.FAILED_PRECONDITION,
                "balance " + Cents.format(balance) + " is less than " + Cents.format(amountCents));
        }

        balances.put(accountId, balance - amountCents);
        response.accountId(accountId).balanceCents(balance - amountCents);
    }

    @Override
    public void balance(final BalanceRequestDecoder request, final BalanceEncoder response)
    {
        final long accountId = request.accountId();
        if (!balances.containsKey(accountId))
        {
            throw new RpcException(Status.NOT_FOUND, "no account " + accountId);
        }
        response.accountId(accountId).balanceCents(balances.get(accountId));
    }

    @Override
    public void depositAll(final InboundStream<DepositRequestDecoder> items, final Responder<BalanceEncoder> responder)
    {
        items.subscribe(new StreamObserver<>()
        {
            private long accountId;

            public void onNext(final DepositRequestDecoder item, final long sequence)
            {
                accountId = item.accountId();
                if (item.amountCents() > 0)
                {
                    depositsExecuted.incrementAndGet();
                    balances.put(accountId, balanceOf(accountId) + item.amountCents());
                }
            }

            public void onCompleted()
            {
                responder.response().accountId(accountId).balanceCents(balanceOf(accountId));
                responder.send();
            }

            public void onError(final Status status, final String message)
            {
                // The client cancelled or went away: the deposits made so far stand, and nobody waits for an answer.
            }
        });
    }

    @Override
    public void teller(final InboundStream<DepositRequestDecoder> items, final StreamSink<BalanceEncoder> stream)
    {
        items.subscribe(new StreamObserver<>()
        {
            public void onNext(final DepositRequestDecoder item, final long sequence)
            {
                final long accountId = item.accountId();
                if (item.amountCents() > 0)
                {
                    depositsExecuted.incrementAndGet();
                    balances.put(accountId, balanceOf(accountId) + item.amountCents());
                }
                stream.item().accountId(accountId).balanceCents(balanceOf(accountId));
                if (!stream.send())
                {
                    // The client asked for one answer per deposit but is not reading them: stop both halves.
                    stream.fail(Status.RESOURCE_EXHAUSTED, "the client stopped reading its running balance");
                    items.cancel();
                }
            }

            public void onCompleted()
            {
                stream.complete();
            }

            public void onError(final Status status, final String message)
            {
                stream.fail(status, message);
            }
        });
    }

    /**
     * How many times the deposit handler has run.
     *
     * @return deposits executed.
     */
    public long depositsExecuted()
    {
        return depositsExecuted.get();
    }

    private long balanceOf(final long accountId)
    {
        final long balance = balances.get(accountId);
        return Long.MIN_VALUE == balance ? 0 : balance;
    }
}
