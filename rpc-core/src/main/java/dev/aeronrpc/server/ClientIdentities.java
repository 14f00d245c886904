package dev.aeronrpc.server;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.Iterator;

/**
 * Who holds each client id: the secret the client proved when it first connected with that id. A client id keys
 * the exactly-once outcomes of a client's calls, so a Connect naming a known id is granted only with the same
 * secret; otherwise another process could replay a client's outcomes, or run calls under its next request ids.
 * <p>
 * An id is forgotten once none of its sessions is open and it has been idle for as long as its outcomes are kept
 * (then nothing of the client's is left to take over). Bounded: at most {@code maxIdentities} ids are known. What a
 * server restart loses: everything here, as with the outcomes themselves. Poll thread only.
 */
final class ClientIdentities
{
    /** The id was unknown, or is held with this secret: granted. */
    static final int GRANTED = 0;
    /** The id is held with another secret: refused. */
    static final int WRONG_SECRET = 1;
    /** The server knows as many ids as it may: refused. */
    static final int FULL = 2;

    private static final class Identity
    {
        final long secret;
        int openSessions;
        long idleSinceNs;

        Identity(final long secret)
        {
            this.secret = secret;
        }
    }

    private final Long2ObjectHashMap<Identity> byClientId = new Long2ObjectHashMap<>();
    private final int maxIdentities;
    private final long idleExpiryNs;

    ClientIdentities(final int maxIdentities, final long idleExpiryNs)
    {
        this.maxIdentities = maxIdentities;
        this.idleExpiryNs = idleExpiryNs;
    }

    /**
     * A client asks to open a session under an id.
     *
     * @param clientId the id.
     * @param secret   the secret it proves.
     * @return {@link #GRANTED}, {@link #WRONG_SECRET} or {@link #FULL}.
     */
    int check(final long clientId, final long secret)
    {
        final Identity identity = byClientId.get(clientId);
        if (null == identity)
        {
            return byClientId.size() >= maxIdentities ? FULL : GRANTED;
        }
        return identity.secret == secret ? GRANTED : WRONG_SECRET;
    }

    /**
     * A session opened under an id that {@link #check} granted.
     *
     * @param clientId the id.
     * @param secret   its secret.
     */
    void opened(final long clientId, final long secret)
    {
        Identity identity = byClientId.get(clientId);
        if (null == identity)
        {
            identity = new Identity(secret);
            byClientId.put(clientId, identity);
        }
        identity.openSessions++;
    }

    /**
     * A session under an id ended.
     *
     * @param clientId the id.
     * @param nowNs    the time now.
     */
    void closed(final long clientId, final long nowNs)
    {
        final Identity identity = byClientId.get(clientId);
        if (null != identity && --identity.openSessions <= 0)
        {
            identity.openSessions = 0;
            identity.idleSinceNs = nowNs;
        }
    }

    /**
     * Forgets ids idle for longer than their outcomes are kept.
     *
     * @param nowNs the time now.
     * @return how many were forgotten.
     */
    int evict(final long nowNs)
    {
        int evicted = 0;
        for (final Iterator<Identity> it = byClientId.values().iterator(); it.hasNext(); )
        {
            final Identity identity = it.next();
            if (0 == identity.openSessions && nowNs - identity.idleSinceNs > idleExpiryNs)
            {
                it.remove();
                evicted++;
            }
        }
        return evicted;
    }

    int size()
    {
        return byClientId.size();
    }
}
