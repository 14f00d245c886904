package dev.aeronrpc.client;

import dev.aeronrpc.core.Status;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Control frames (cancel, end of a client's half, credit an observer granted) that a calling thread offered once and the publication refused:
 * any thread puts them here, the conductor sends them on its next duty cycles, trying each once per cycle, until
 * they go or their connection is gone. So no caller waits on back pressure for a control frame, and none is lost
 * to it.
 * <p>
 * A bounded ring of small records, so it allocates nothing; when it is full the frame is given up (the call it
 * belongs to has already ended at this end, and the server frees it when its session ends).
 */
final class ControlQueue
{
    static final int CANCEL = 1;
    static final int STREAM_END = 2;
    static final int CREDIT = 3;

    private static final int RECORD_LENGTH = 3 * Long.BYTES;
    private static final int CAPACITY = 64 * 1024;

    private final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    private final MessageHandler onRecord = this::onRecord;
    private final long[] retryTypes = new long[256];
    private final long[] retryIds = new long[256];
    private final long[] retryValues = new long[256];
    private final long[] retryEpochs = new long[256];
    private int retryCount;
    private Connection drainConnection;
    private ClientProxy drainProxy;

    /**
     * Whether nothing waits, in the ring or for a retry. Any thread; exact on the conductor.
     *
     * @return true when empty.
     */
    boolean isEmpty()
    {
        return 0 == retryCount && 0 == ring.size();
    }

    /**
     * Queues a frame for the conductor. Any thread.
     *
     * @param type      {@link #CANCEL}, {@link #STREAM_END} or {@link #CREDIT}.
     * @param requestId the call.
     * @param value     the item count of a stream end, or the items a credit grants.
     * @param epoch     the connection the frame belongs to.
     * @return false when the queue is full.
     */
    boolean offer(final int type, final long requestId, final long value, final long epoch)
    {
        final int index = ring.tryClaim(type, RECORD_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, requestId);
        buffer.putLong(index + Long.BYTES, value);
        buffer.putLong(index + 2 * Long.BYTES, epoch);
        ring.commit(index);
        return true;
    }

    /**
     * Sends what is queued, each frame once; keeps what is refused for the next cycle. Runs on the conductor.
     *
     * @param connection the current connection; frames of an earlier one are dropped.
     * @param proxy      the conductor's sender.
     * @return how many frames were handled.
     */
    int drain(final Connection connection, final ClientProxy proxy)
    {
        int workCount = 0;
        if (retryCount > 0)
        {
            int kept = 0;
            for (int i = 0; i < retryCount; i++)
            {
                if (!send((int)retryTypes[i], retryIds[i], retryValues[i], retryEpochs[i], connection, proxy))
                {
                    retryTypes[kept] = retryTypes[i];
                    retryIds[kept] = retryIds[i];
                    retryValues[kept] = retryValues[i];
                    retryEpochs[kept] = retryEpochs[i];
                    kept++;
                }
                else
                {
                    workCount++;
                }
            }
            retryCount = kept;
        }
        drainConnection = connection;
        drainProxy = proxy;
        workCount += ring.read(onRecord);
        return workCount;
    }

    private void onRecord(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long requestId = buffer.getLong(index);
        final long value = buffer.getLong(index + Long.BYTES);
        final long epoch = buffer.getLong(index + 2 * Long.BYTES);
        if (!send(msgTypeId, requestId, value, epoch, drainConnection, drainProxy) && retryCount < retryIds.length)
        {
            retryTypes[retryCount] = msgTypeId;
            retryIds[retryCount] = requestId;
            retryValues[retryCount] = value;
            retryEpochs[retryCount] = epoch;
            retryCount++;
        }
    }

    private static boolean send(
        final int type,
        final long requestId,
        final long value,
        final long epoch,
        final Connection connection,
        final ClientProxy proxy)
    {
        if (!connection.isUp() || connection.epoch != epoch)
        {
            return true;
        }
        final Status sent = switch (type)
        {
            case CANCEL -> proxy.cancel(connection, requestId);
            case STREAM_END -> proxy.streamEnd(connection, requestId, value);
            default -> proxy.credit(connection, requestId, (int)value);
        };
        return Status.RESOURCE_EXHAUSTED != sent;
    }
}
