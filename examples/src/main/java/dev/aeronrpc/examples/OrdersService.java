package dev.aeronrpc.examples;

import dev.aeronrpc.core.RpcException;
import dev.aeronrpc.core.Status;
import dev.aeronrpc.examples.api.NoteDecoder;
import dev.aeronrpc.examples.api.OrderAckEncoder;
import dev.aeronrpc.examples.api.OrderRequestDecoder;
import dev.aeronrpc.examples.api.OrderState;
import dev.aeronrpc.examples.api.Orders;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An order desk whose request has a field of every kind SBE offers (an enum, a set, a composite, a repeating group
 * with variable-length data in it, text and bytes), so that the console's generated form has something of each to
 * show. It keeps the last notes it was sent, for the one-way method.
 * <p>
 * Registered without an executor, its handlers run on the server's poll thread, one at a time: no lock is needed
 * for its own state, only for the notes read from other threads.
 */
public final class OrdersService implements Orders
{
    /** Notes kept: the desk's log is a window, not a store. */
    static final int MAX_NOTES = 100;

    private final ArrayDeque<String> notes = new ArrayDeque<>();
    private long nextOrderId = 1;

    @Override
    public void place(final OrderRequestDecoder request, final OrderAckEncoder response)
    {
        final long accountId = request.accountId();
        final var side = request.side();
        final boolean urgent = request.flags().urgent();
        final long priceCents = request.limitPrice().cents();
        final String currency = request.limitPrice().currency().trim();
        long totalQuantity = 0;
        int legCount = 0;
        final StringBuilder summary = new StringBuilder();
        // SBE reads in schema order: the group's elements, each with its note, then the message's data fields.
        for (final OrderRequestDecoder.LegsDecoder leg : request.legs())
        {
            totalQuantity += leg.quantity();
            legCount++;
            final String note = leg.note();
            summary.append(legCount > 1 ? "; " : "").append(leg.quantity()).append(" of ").append(leg.instrumentId());
            if (!note.isEmpty())
            {
                summary.append(" (").append(note).append(')');
            }
        }
        final String comment = request.comment();
        final int attachmentBytes = request.attachmentLength();
        request.skipAttachment();
        if (0 == legCount)
        {
            throw new RpcException(Status.INVALID_ARGUMENT, "an order needs at least one leg");
        }

        response.orderId(nextOrderId++)
            .state(OrderState.ACCEPTED)
            .side(side)
            .legCount(legCount)
            .totalQuantity(totalQuantity)
            .totalCents(totalQuantity * priceCents)
            .attachmentBytes(attachmentBytes);
        response.summary(side + " for account " + accountId + ": " + summary + " at " + Cents.format(priceCents) +
            (currency.isEmpty() ? "" : " " + currency) + (urgent ? ", urgent" : "") +
            (comment.isEmpty() ? "" : " - " + comment));
    }

    @Override
    public void note(final NoteDecoder request)
    {
        final String text = request.text();
        synchronized (notes)
        {
            if (notes.size() == MAX_NOTES)
            {
                notes.removeFirst();
            }
            notes.addLast(text);
        }
    }

    /**
     * The notes received, oldest first.
     *
     * @return a copy of the last {@value #MAX_NOTES}.
     */
    public List<String> notes()
    {
        synchronized (notes)
        {
            return new ArrayList<>(notes);
        }
    }
}
