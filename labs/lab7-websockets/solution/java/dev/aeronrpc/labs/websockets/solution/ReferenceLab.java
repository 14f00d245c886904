package dev.aeronrpc.labs.websockets.solution;

import dev.aeronrpc.labs.websockets.solution.api.WeatherStub;
import dev.aeronrpc.labs.websockets.lab.WebSocketsLab;
import dev.aeronrpc.server.ServiceStub;

/**
 * Lab 7's reference solution.
 */
public final class ReferenceLab implements WebSocketsLab
{
    @Override
    public String schemaResource()
    {
        return "solution-schemas/weather.xml";
    }

    @Override
    public ServiceStub service()
    {
        return new WeatherStub(new WeatherService());
    }

    @Override
    public String staticResources()
    {
        return "solution-web";
    }
}
