package dev.aeronrpc.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Writes results as a JSON array, one object per scenario, with null where a field does not apply.
 */
public final class ResultsJson
{
    private ResultsJson()
    {
    }

    /**
     * The results as JSON text.
     *
     * @param results the scenarios' results.
     * @return a JSON array.
     */
    public static String toJson(final List<Result> results)
    {
        final StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++)
        {
            final Result r = results.get(i);
            json.append("  {")
                .append("\"name\": ").append(string(r.name()))
                .append(", \"system\": ").append(string(r.system()))
                .append(", \"transport\": ").append(string(r.transport().label()))
                .append(", \"mode\": ").append(string(r.workload().mode().label()))
                .append(", \"workload\": ").append(string(r.workload().label()))
                .append(", \"payloadBytes\": ").append(r.payloadBytes())
                .append(", \"p50Us\": ").append(number(r.percentileUs(50)))
                .append(", \"p90Us\": ").append(number(r.percentileUs(90)))
                .append(", \"p99Us\": ").append(number(r.percentileUs(99)))
                .append(", \"p999Us\": ").append(number(r.percentileUs(99.9)))
                .append(", \"maxUs\": ").append(number(r.maxUs()))
                .append(", \"opsPerSec\": ").append(number(r.opsPerSec()))
                .append(", \"allocBytesPerOp\": ").append(number(r.allocBytesPerOp()))
                .append(", \"threads\": ").append(string(r.threads()))
                .append(", \"idleStrategy\": ").append(string(r.idleStrategy()))
                .append(", \"driverThreading\": ").append(string(r.driverThreading()))
                .append(", \"scheduleKept\": ").append(null == r.scheduleKept() ? "null" : r.scheduleKept().toString())
                .append(", \"failures\": ").append(null == r.failures() ? "null" : r.failures().toString())
                .append('}')
                .append(i < results.size() - 1 ? ",\n" : "\n");
        }
        return json.append("]\n").toString();
    }

    private static String number(final Double value)
    {
        return null == value || value.isNaN() || value.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String string(final String value)
    {
        final StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default ->
                {
                    if (c < 0x20)
                    {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
