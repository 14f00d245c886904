package dev.aeronrpc.labs.guarantees.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's durable log of applications: one entry per request applied to the store, written before the answer
 * is sent. A server that starts again with the same file replays it to rebuild its state.
 * <p>
 * Each entry is written with one {@code write} to a file channel and not forced to disk: that survives the death
 * of the server's process (the operating system holds the page), not the loss of the machine's power, which would
 * need {@link FileChannel#force(boolean)} per entry or per batch. The grader reads the file as the ground truth of
 * what ran.
 */
public final class Journal implements AutoCloseable
{
    /** One applied request. */
    public record Entry(long clientId, long requestId, Op op, long key, long value, long result)
    {
    }

    private static final int ENTRY_LENGTH = 6 * Long.BYTES;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * Opens a journal for appending, creating the file if need be.
     *
     * @param file of the journal.
     */
    public Journal(final Path file)
    {
        this.file = file;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Appends one entry.
     *
     * @param entry to append.
     */
    public void append(final Entry entry)
    {
        buffer.clear();
        buffer.putLong(entry.clientId()).putLong(entry.requestId()).putLong(entry.op().ordinal())
            .putLong(entry.key()).putLong(entry.value()).putLong(entry.result()).flip();
        try
        {
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Every entry in the file, oldest first, including those written by earlier runs.
     *
     * @return the entries.
     */
    public List<Entry> entries()
    {
        return read(file);
    }

    /**
     * Reads a journal file.
     *
     * @param file to read; a missing file has no entries.
     * @return its entries, oldest first.
     */
    public static List<Entry> read(final Path file)
    {
        final List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file))
        {
            return entries;
        }
        try
        {
            final ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            while (all.remaining() >= ENTRY_LENGTH)
            {
                entries.add(new Entry(all.getLong(), all.getLong(), Op.of((int)all.getLong()), all.getLong(),
                    all.getLong(), all.getLong()));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return entries;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
