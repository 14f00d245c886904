package dev.aeronrpc.labs.guarantees.lab;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that a history of key/value calls is linearizable: that there is one order of all the operations which
 * respects real time (an operation that ended before another began comes first) and in which every answer is what
 * a single copy of the store, applying the operations one at a time, would have answered.
 * <p>
 * Linearizability is local: a history is linearizable exactly when its operations on each key are, so each key is
 * checked alone. The search is Wing and Gong's, with Lowe's memo of (operations placed, value) states, as in
 * Knossos and Porcupine: place next any operation that began before the earliest end of those not yet placed, and
 * backtrack. A failed call's outcome is unknown: it may be placed anywhere after it began, or left out.
 */
public final class LinearizabilityChecker
{
    /**
     * The verdict.
     *
     * @param linearizable whether an order was found for every key.
     * @param inconclusive whether the search gave up (too many unknown outcomes); then linearizable is false.
     * @param explanation  for a history that is not: which key, and the operation that no order explains.
     */
    public record Verdict(boolean linearizable, boolean inconclusive, String explanation)
    {
    }

    private final int maxStatesPerKey;

    /**
     * @param maxStatesPerKey states to explore per key before giving up as inconclusive.
     */
    public LinearizabilityChecker(final int maxStatesPerKey)
    {
        this.maxStatesPerKey = maxStatesPerKey;
    }

    /**
     * @param history every call, in any order.
     * @return the verdict.
     */
    public Verdict check(final List<Operation> history)
    {
        final Map<Long, List<Operation>> byKey = new TreeMap<>();
        for (final Operation operation : history)
        {
            byKey.computeIfAbsent(operation.key(), k -> new ArrayList<>()).add(operation);
        }
        for (final Map.Entry<Long, List<Operation>> entry : byKey.entrySet())
        {
            final Verdict verdict = new KeySearch(entry.getValue()).run();
            if (!verdict.linearizable())
            {
                return new Verdict(false, verdict.inconclusive(), "key " + entry.getKey() + ": " +
                    verdict.explanation());
            }
        }
        return new Verdict(true, false, byKey.size() + " keys, " + history.size() + " operations");
    }

    private final class KeySearch
    {
        private final Operation[] ops;
        private final int okCount;
        private final Set<State> seen = new HashSet<>();
        private int deepest = -1;
        private BitSet deepestPlaced = new BitSet();

        KeySearch(final List<Operation> operations)
        {
            ops = operations.stream().sorted(Comparator.comparingLong(Operation::invokeNs)).toArray(Operation[]::new);
            okCount = (int)operations.stream().filter(Operation::ok).count();
        }

        Verdict run()
        {
            try
            {
                if (search(new BitSet(), 0, 0, 0))
                {
                    return new Verdict(true, false, "");
                }
            }
            catch (final SearchTooLarge ex)
            {
                return new Verdict(false, true, "gave up after " + maxStatesPerKey + " states of " + ops.length +
                    " operations: too many calls of unknown outcome to check");
            }
            return new Verdict(false, false, explain());
        }

        private boolean search(final BitSet placed, final int placedOk, final long value, final int depth)
        {
            if (placedOk == okCount)
            {
                return true;
            }
            if (depth > deepest)
            {
                deepest = depth;
                deepestPlaced = (BitSet)placed.clone();
            }
            long earliestEnd = Long.MAX_VALUE;
            for (int i = placed.nextClearBit(0); i < ops.length; i = placed.nextClearBit(i + 1))
            {
                if (ops[i].ok())
                {
                    earliestEnd = Math.min(earliestEnd, ops[i].completeNs());
                }
            }
            for (int i = placed.nextClearBit(0); i < ops.length; i = placed.nextClearBit(i + 1))
            {
                final Operation op = ops[i];
                if (op.invokeNs() > earliestEnd)
                {
                    break;
                }
                final long after = KeyValueStore.valueAfter(op.op(), value, op.value());
                if (op.ok() && op.result() != after)
                {
                    continue;
                }
                placed.set(i);
                if (seen.add(new State((BitSet)placed.clone(), after)))
                {
                    if (seen.size() > maxStatesPerKey)
                    {
                        throw new SearchTooLarge();
                    }
                    if (search(placed, placedOk + (op.ok() ? 1 : 0), after, depth + 1))
                    {
                        return true;
                    }
                }
                placed.clear(i);
            }
            return false;
        }

        private String explain()
        {
            Operation stuck = null;
            for (int i = deepestPlaced.nextClearBit(0); i < ops.length; i = deepestPlaced.nextClearBit(i + 1))
            {
                if (ops[i].ok() && (null == stuck || ops[i].completeNs() < stuck.completeNs()))
                {
                    stuck = ops[i];
                }
            }
            return "no order of its " + ops.length + " operations explains every answer; at best " +
                deepest + " fit, and then " + stuck + " cannot be explained (a write applied twice, or one " +
                "that was lost, shows up like this)";
        }
    }

    private record State(BitSet placed, long value)
    {
    }

    private static final class SearchTooLarge extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        SearchTooLarge()
        {
            super(null, null, false, false);
        }
    }
}
