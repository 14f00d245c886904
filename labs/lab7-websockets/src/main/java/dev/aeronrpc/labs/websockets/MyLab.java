package dev.aeronrpc.labs.websockets;

import dev.aeronrpc.labs.websockets.api.WeatherStub;
import dev.aeronrpc.labs.websockets.lab.WebSocketsLab;
import dev.aeronrpc.server.ServiceStub;

/**
 * Your submission: your schema, service and page.
 */
public final class MyLab implements WebSocketsLab
{
    @Override
    public String schemaResource()
    {
        return "schemas/weather.xml";
    }

    @Override
    public ServiceStub service()
    {
        return new WeatherStub(new WeatherService());
    }

    @Override
    public String staticResources()
    {
        return "web";
    }
}
