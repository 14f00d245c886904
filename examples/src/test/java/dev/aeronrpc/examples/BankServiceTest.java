package dev.aeronrpc.examples;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.examples.api.BalanceDecoder;
import dev.aeronrpc.examples.api.BalanceEncoder;
import dev.aeronrpc.examples.api.DepositRequestDecoder;
import dev.aeronrpc.examples.api.DepositRequestEncoder;
import dev.aeronrpc.examples.api.WithdrawRequestDecoder;
import dev.aeronrpc.examples.api.WithdrawRequestEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The bank's rules, called directly on codecs: a service implementation is plain code, testable without Aeron.
 */
class BankServiceTest
{
    private final BankService bank = new BankService();
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(64);
    private final ExpandableArrayBuffer responseBuffer = new ExpandableArrayBuffer(64);

    private long deposit(final long accountId, final long cents)
    {
        new DepositRequestEncoder().wrap(requestBuffer, 0).accountId(accountId).amountCents(cents);
        final DepositRequestDecoder request = new DepositRequestDecoder()
            .wrap(requestBuffer, 0, DepositRequestDecoder.BLOCK_LENGTH, DepositRequestDecoder.SCHEMA_VERSION);
        bank.deposit(request, new BalanceEncoder().wrap(responseBuffer, 0));
        return balance();
    }

    private long withdraw(final long accountId, final long cents)
    {
        new WithdrawRequestEncoder().wrap(requestBuffer, 0).accountId(accountId).amountCents(cents);
        final WithdrawRequestDecoder request = new WithdrawRequestDecoder()
            .wrap(requestBuffer, 0, WithdrawRequestDecoder.BLOCK_LENGTH, WithdrawRequestDecoder.SCHEMA_VERSION);
        bank.withdraw(request, new BalanceEncoder().wrap(responseBuffer, 0));
        return balance();
    }

    private long balance()
    {
        return new BalanceDecoder()
            .wrap(responseBuffer, 0, BalanceDecoder.BLOCK_LENGTH, BalanceDecoder.SCHEMA_VERSION)
            .balanceCents();
    }

    @Test
    void shouldPayTwiceWhenADepositRunsTwice()
    {
        assertEquals(100, deposit(1, 100));
        assertEquals(200, deposit(1, 100));
        assertEquals(2, bank.depositsExecuted());
    }

    @Test
    void shouldRefuseToOverdraw()
    {
        deposit(2, 50);
        final RpcException ex = assertThrows(RpcException.class, () -> withdraw(2, 80));
        assertEquals(Status.FAILED_PRECONDITION, ex.status());
        assertEquals("balance 0.50 is less than 0.80", ex.description());
        assertEquals(30, withdraw(2, 20));
    }

    @Test
    void shouldRefuseANegativeDeposit()
    {
        assertEquals(Status.INVALID_ARGUMENT, assertThrows(RpcException.class, () -> deposit(3, -1)).status());
    }
}
