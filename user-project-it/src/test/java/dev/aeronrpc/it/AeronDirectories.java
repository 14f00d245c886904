package dev.aeronrpc.it;

import io.aeron.CommonContext;
import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The media driver directories that given processes made, told apart from any other process's by the driver's pid
 * in its {@code cnc.dat}, so that a test removes what its own processes left and nothing else.
 */
final class AeronDirectories
{
    private AeronDirectories()
    {
    }

    /**
     * The driver directories, where Aeron puts them by default, whose driver ran in one of the processes.
     *
     * @param pids the processes.
     * @return their directories that still exist.
     * @throws IOException when the parent directory cannot be listed.
     */
    static List<Path> ownedBy(final Collection<Long> pids) throws IOException
    {
        // An embedded driver's directory is the default one with a suffix: /dev/shm/aeron-USER-rpc-UUID on Linux.
        final Path defaultDir = Path.of(CommonContext.getAeronDirectoryName());
        final String prefix = defaultDir.getFileName().toString();
        final List<Path> owned = new ArrayList<>();
        try (Stream<Path> entries = Files.list(defaultDir.getParent()))
        {
            for (final Path dir : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList())
            {
                final long pid = driverPid(dir.resolve(CncFileDescriptor.CNC_FILE));
                if (pids.contains(pid))
                {
                    owned.add(dir);
                }
            }
        }
        return owned;
    }

    /**
     * Removes directories.
     *
     * @param dirs the directories.
     */
    static void delete(final Collection<Path> dirs)
    {
        dirs.forEach(dir -> IoUtil.delete(dir.toFile(), true));
    }

    private static long driverPid(final Path cncFile)
    {
        final File file = cncFile.toFile();
        if (!file.isFile() || file.length() < CncFileDescriptor.META_DATA_LENGTH)
        {
            return -1;
        }
        try (FileChannel channel = FileChannel.open(cncFile, StandardOpenOption.READ))
        {
            final ByteBuffer metaData = ByteBuffer.allocateDirect(CncFileDescriptor.META_DATA_LENGTH);
            while (metaData.hasRemaining() && channel.read(metaData) >= 0)
            {
                // read the whole header
            }
            return CncFileDescriptor.pid(new UnsafeBuffer(metaData));
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}
