package dev.aeronrpc.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Draws the latency-by-percentile chart as SVG: percentiles on a log scale of 1/(1-p) across, round-trip time on a
 * log scale up, one line per latency scenario. Colours tell the system, dashes the transport.
 */
public final class LatencyChart
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 260;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final double MAX_NINES = 4.0;
    private static final int POINTS = 120;

    private LatencyChart()
    {
    }

    /**
     * The chart of the latency-mode results as an SVG document.
     *
     * @param results all results; those without a histogram or not in latency mode are left out.
     * @param title   the chart's title.
     * @return the SVG text.
     */
    public static String toSvg(final List<Result> results, final String title)
    {
        final List<Result> lines = results.stream()
            .filter(r -> null != r.histogram() && Mode.LATENCY == r.workload().mode() && r.histogram().getTotalCount() > 0)
            .toList();

        double minUs = Double.MAX_VALUE;
        double maxUs = 1;
        for (final Result r : lines)
        {
            minUs = Math.min(minUs, Math.max(0.1, r.histogram().getMinNonZeroValue() / 1000.0));
            maxUs = Math.max(maxUs, r.histogram().getMaxValue() / 1000.0);
        }
        final double lowDecade = Math.floor(Math.log10(Math.min(minUs, maxUs)));
        final double highDecade = Math.ceil(Math.log10(maxUs));

        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));

        axes(svg, lowDecade, highDecade);

        int row = 0;
        for (final Result r : lines)
        {
            final String colour = colour(r.system());
            final String dash = Transport.IPC == r.transport() ? "" : Transport.UDP == r.transport() ? "6,3" : "2,3";
            final StringBuilder points = new StringBuilder();
            for (int i = 0; i <= POINTS; i++)
            {
                final double nines = MAX_NINES * i / POINTS;
                final double percentile = 100.0 * (1.0 - Math.pow(10, -nines));
                final double us = Math.max(Math.pow(10, lowDecade), r.histogram().getValueAtPercentile(percentile) / 1000.0);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(nines), y(us, lowDecade, highDecade)));
            }
            svg.append(String.format(Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\" points=\"%s\"/>%n",
                colour, dash, points.toString().trim()));

            final int legendY = TOP + 10 + row * 20;
            final int legendX = WIDTH - RIGHT + 15;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>%n",
                legendX, legendY, legendX + 30, legendY, colour, dash));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n",
                legendX + 36, legendY + 4, escape(r.name())));
            row++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axes(final StringBuilder svg, final double lowDecade, final double highDecade)
    {
        final int plotRight = WIDTH - RIGHT;
        final int plotBottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
            LEFT, TOP, plotRight - LEFT, plotBottom - TOP));

        final String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int nines = 0; nines <= (int)MAX_NINES; nines++)
        {
            final double x = x(nines);
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, plotBottom));
            svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, plotBottom + 18, labels[nines]));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
            (LEFT + plotRight) / 2, plotBottom + 40));

        for (double decade = lowDecade; decade <= highDecade; decade++)
        {
            final double us = Math.pow(10, decade);
            final double y = y(us, lowDecade, highDecade);
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, plotRight, y));
            svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, microseconds(us)));
        }
        svg.append(String.format(Locale.ROOT,
            "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">round trip (log scale)</text>%n",
            (TOP + plotBottom) / 2, (TOP + plotBottom) / 2));
    }

    private static double x(final double nines)
    {
        return LEFT + (WIDTH - RIGHT - LEFT) * nines / MAX_NINES;
    }

    private static double y(final double us, final double lowDecade, final double highDecade)
    {
        final double fraction = (Math.log10(us) - lowDecade) / Math.max(1, highDecade - lowDecade);
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * fraction;
    }

    private static String microseconds(final double us)
    {
        if (us >= 1000)
        {
            return Math.round(us / 1000) + " ms";
        }
        return us >= 1 ? Math.round(us) + " us" : String.format(Locale.ROOT, "%.1f us", us);
    }

    private static String colour(final String system)
    {
        return switch (system)
        {
            case "aeron" -> "#1f77b4";
            case "rpc" -> "#2ca02c";
            default -> "#d62728";
        };
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
