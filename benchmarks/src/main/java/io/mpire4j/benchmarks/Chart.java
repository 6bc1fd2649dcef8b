package io.mpire4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * An SVG line chart of one workload: median time against workers, one line per peer, the min–max
 * spread as error bars, the serial loop as a dashed reference line. The time axis is logarithmic
 * when the medians span more than a factor of 30 (the overhead workloads), linear from 0 otherwise.
 */
final class Chart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 610;
    private static final int TOP = 60;
    private static final int BOTTOM = 420;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd", "#e6550d",
        "#31a354", "#756bb1"};

    private Chart() {}

    static String svg(String workload, List<Report.Row> rows, Mode mode) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return svg(workload + ": time against workers (" + mode.name() + " run, " + cpus + " CPUs)",
                rows.get(0).size().replaceAll(" popular=\\d+", "") + "; lower is better; bars show min–max of the trials",
                "workers", "median time per run (s", rows, w -> w + (w > cpus ? " (oversubscribed)" : ""));
    }

    /**
     * The same chart for any x: {@code rows}' {@link Report.Row#workers()} is the x value (placed
     * evenly, in order, labelled by {@code xLabel}), their seconds the y values ({@code yName} names
     * them, without its closing parenthesis).
     */
    static String svg(String title, String subtitle, String xName, String yName, List<Report.Row> rows,
            java.util.function.IntFunction<String> xLabel) {
        List<Integer> workers = new ArrayList<>(new TreeSet<>(rows.stream().map(Report.Row::workers).toList()));
        Map<String, List<Report.Row>> byPeer = new LinkedHashMap<>();
        for (Report.Row r : rows) {
            byPeer.computeIfAbsent(r.peer(), p -> new ArrayList<>()).add(r);
        }
        double lo = rows.stream().mapToDouble(Report.Row::min).min().orElse(1);
        double hi = rows.stream().mapToDouble(Report.Row::max).max().orElse(1);
        Axis axis = hi / lo > 30 ? Axis.log(lo, hi) : Axis.linear(hi);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, LEFT, 24, "start", 16, "bold", title);
        text(svg, LEFT, 42, "start", 11, "normal", subtitle);

        // Axes, grid and ticks.
        for (double tick : axis.ticks()) {
            double y = axis.y(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n",
                    LEFT, y, RIGHT, y));
            text(svg, LEFT - 6, y + 4, "end", 11, "normal", axis.label(tick));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, BOTTOM, RIGHT, BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP, LEFT, BOTTOM));
        for (int w : workers) {
            double x = x(workers, w);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                    x, BOTTOM, x, BOTTOM + 5));
            text(svg, x, BOTTOM + 18, "middle", 11, "normal", xLabel.apply(w));
        }
        text(svg, (LEFT + RIGHT) / 2.0, BOTTOM + 40, "middle", 13, "normal", xName);
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" "
                + "transform=\"rotate(-90 18 %d)\">%s%s)</text>%n", (TOP + BOTTOM) / 2,
                (TOP + BOTTOM) / 2, yName, axis.logarithmic ? ", log scale" : ""));

        // One line per peer, and the legend.
        int index = 0;
        for (Map.Entry<String, List<Report.Row>> e : byPeer.entrySet()) {
            String peer = e.getKey();
            String color = switch (peer) {
                case "mpire4j-threads" -> "#d62728";
                case "mpire4j-virtual" -> "#1f3a93";
                case "mpire4j-processes" -> "#e6550d";
                default -> COLORS[index % COLORS.length];
            };
            boolean mpire4j = peer.startsWith("mpire4j-");
            String dash = peer.contains("-chunk1") || peer.endsWith("-unordered") || peer.endsWith("-progress")
                    || peer.endsWith("-batching") ? " stroke-dasharray=\"6 3\"" : "";
            double width = mpire4j ? 2.5 : 1.5;
            List<Report.Row> points = e.getValue();
            points.sort((a, b) -> Integer.compare(a.workers(), b.workers()));
            if (peer.equals("serial")) {
                double y = axis.y(points.get(0).median());
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\" "
                        + "stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/>%n", LEFT, y, RIGHT, y));
                color = "black";
            } else {
                StringBuilder path = new StringBuilder();
                for (Report.Row r : points) {
                    path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(workers, r.workers()), axis.y(r.median())));
                }
                svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                        + "stroke-width=\"%.1f\"%s/>%n", path.toString().trim(), color, width, dash));
            }
            for (Report.Row r : points) {
                double x = x(workers, r.workers()) + (index - byPeer.size() / 2.0) * 1.5; // keep error bars apart
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                        x, axis.y(r.min()), x, axis.y(r.max()), color));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        x(workers, r.workers()), axis.y(r.median()), color));
            }
            double ly = TOP + 4 + index * 19;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"%.1f\"%s/>%n", RIGHT + 20, ly, RIGHT + 50, ly, color, width,
                    peer.equals("serial") ? " stroke-dasharray=\"2 4\"" : dash));
            text(svg, RIGHT + 56, ly + 4, "start", 12, mpire4j ? "bold" : "normal",
                    peer.equals("serial") ? "serial (1 thread)" : peer);
            index++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(List<Integer> workers, int w) {
        double step = (RIGHT - LEFT) / (double) workers.size();
        return LEFT + step * (workers.indexOf(w) + 0.5);
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String weight, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" "
                + "font-weight=\"%s\">%s</text>%n", x, y, anchor, size, weight,
                text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
    }

    /** Maps seconds to a y coordinate, linear from 0 or logarithmic over whole decades. */
    private record Axis(boolean logarithmic, double from, double to) {
        static Axis linear(double max) {
            double step = niceStep(max / 5);
            return new Axis(false, 0, Math.ceil(max * 1.05 / step) * step);
        }

        static Axis log(double min, double max) {
            return new Axis(true, Math.floor(Math.log10(min)), Math.ceil(Math.log10(max)));
        }

        double y(double seconds) {
            double f = logarithmic ? (Math.log10(seconds) - from) / (to - from) : (seconds - from) / (to - from);
            return BOTTOM - f * (BOTTOM - TOP);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (logarithmic) {
                for (double d = from; d <= to + 1e-9; d++) {
                    for (int m : new int[] {1, 2, 5}) {
                        double t = m * Math.pow(10, d);
                        if (Math.log10(t) <= to + 1e-9) {
                            ticks.add(t);
                        }
                    }
                }
            } else {
                double step = niceStep(to / 5);
                for (double t = 0; t <= to + step / 1000; t += step) {
                    ticks.add(t);
                }
            }
            return ticks;
        }

        String label(double seconds) {
            return new java.math.BigDecimal(seconds).round(new java.math.MathContext(3)).stripTrailingZeros()
                    .toPlainString();
        }

        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * magnitude >= raw) {
                    return m * magnitude;
                }
            }
            return 10 * magnitude;
        }
    }
}
