package com.example.keyvalue;

import com.example.keyvalue.api.GetResponseDecoder;
import com.example.keyvalue.api.KeyValueClient;
import com.example.keyvalue.api.KeyValueStub;
import dev.aeronrpc.client.RpcClient;
import dev.aeronrpc.server.RpcServer;

/**
 * {@code server PORT} serves the key-value store on UDP port PORT until stopped (Ctrl-C);
 * {@code client PORT KEY VALUE} puts a value, gets it back and prints it.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length < 2 || ("client".equals(args[0]) && args.length < 4))
        {
            System.err.println("usage: server PORT | client PORT KEY VALUE");
            System.exit(2);
        }
        final String channel = "aeron:udp?endpoint=localhost:" + args[1];
        if ("server".equals(args[0]))
        {
            serve(channel);
        }
        else
        {
            putAndGet(channel, args[2], args[3]);
        }
    }

    private static void serve(final String channel)
    {
        final RpcServer server = RpcServer.launch(new RpcServer.Context()
            .channel(channel)
            .addService(new KeyValueStub(new InMemoryKeyValue())));
        // Closing the server on Ctrl-C (or SIGTERM) also closes its embedded media driver and deletes its directory.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("KeyValue server listening on " + channel);
    }

    private static void putAndGet(final String channel, final String key, final String value)
    {
        try (RpcClient client = RpcClient.connect(new RpcClient.Context().requestChannel(channel)))
        {
            final KeyValueClient kv = new KeyValueClient(client);
            kv.put(kv.putRequest().key(key).value(value));
            final GetResponseDecoder response = kv.get(kv.getRequest().key(key));
            System.out.println(key + " = " + response.value());
        }
    }
}
