package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.List;
import java.util.Locale;
import uk.lhs.common.report.ReportModel.ChartPoint;
import uk.lhs.common.report.ReportModel.Marker;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.vocab.Stratum;

/**
 * An SPC (Making Data Count) chart as inline SVG: the data line, each phase's centre line and process limits as
 * steps, special-cause points coloured by meaning (NHS England MDC colours, see {@link Palette}), phase boundaries,
 * the target line and intervention start markers. Months are equally spaced on the x axis.
 */
public final class SpcChartSvg {
    private SpcChartSvg() {}

    /** Chart width in SVG units. */
    public static final int WIDTH = 720;
    /** Chart height in SVG units. */
    public static final int HEIGHT = 300;
    /** Plot area edges. */
    public static final int LEFT = 64;

    public static final int RIGHT = WIDTH - 16;
    public static final int TOP = 16;
    public static final int BOTTOM = HEIGHT - 44;

    /**
     * Where the chart's values go: the x position of point i and the y scale.
     *
     * @param count number of points
     * @param y value to pixel
     */
    public record Layout(int count, LinearScale y) {
        /** The x pixel of the i-th point (points equally spaced; one point sits in the middle). */
        public double x(int i) {
            return count <= 1 ? (LEFT + RIGHT) / 2.0 : LEFT + i * (double) (RIGHT - LEFT) / (count - 1);
        }
    }

    /** The layout: y domain covers every value, limit, centre and the target, padded 5%. */
    public static Layout layout(List<ChartPoint> points, Double target) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ChartPoint p : points) {
            for (Double v : new Double[] {p.value(), p.centre(), p.lower(), p.upper()}) {
                if (v != null && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (target != null && Double.isFinite(target)) {
            min = Math.min(min, target);
            max = Math.max(max, target);
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        return new Layout(points.size(), LinearScale.padded(min, max, BOTTOM, TOP));
    }

    /** The colour of a point type ({@code gold.spc_points.point_type}). */
    public static String colour(String pointType) {
        String t = pointType == null ? "" : pointType;
        return switch (t) {
            case "special_cause_improvement" -> Palette.IMPROVEMENT;
            case "special_cause_concern" -> Palette.CONCERN;
            case "special_cause_neutral_high", "special_cause_neutral_low" -> Palette.NEUTRAL;
            default -> Palette.COMMON;
        };
    }

    /** Words for a point type, for the point's tooltip and the table. */
    public static String words(String pointType) {
        String t = pointType == null ? "" : pointType;
        return switch (t) {
            case "special_cause_improvement" -> "special cause: improvement";
            case "special_cause_concern" -> "special cause: concern";
            case "special_cause_neutral_high" -> "special cause: high";
            case "special_cause_neutral_low" -> "special cause: low";
            default -> "common cause";
        };
    }

    /** The chart of one series page. */
    public static String render(SeriesPage page) {
        var s = page.summary();
        List<ChartPoint> pts = page.points();
        String unit = s.unit();
        Layout lay = layout(pts, s.target());
        LinearScale y = lay.y();
        String title = "SPC chart of " + s.indicatorTitle() + ", " + s.orgName() + " ("
                + s.key().orgCode() + ")"
                + (Stratum.ALL.equals(s.key().stratum()) ? "" : ", " + s.key().stratum());
        long special = pts.stream()
                .filter(p -> p.pointType() != null && !"common_cause".equals(p.pointType()))
                .count();
        String desc = pts.isEmpty()
                ? "No points."
                : pts.size() + " months from "
                        + ValueFormat.month(pts.get(0).period()) + " to "
                        + ValueFormat.month(pts.get(pts.size() - 1).period())
                        + "; latest value " + ValueFormat.value(s.latestValue(), unit) + "; " + special
                        + " special-cause point(s)"
                        + (s.target() == null ? "" : "; target " + ValueFormat.value(s.target(), unit))
                        + ".";
        String id = s.key().anchor();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<svg class=\"chart spc\" data-chart=\"spc\" data-series=\"")
                .append(id)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-t ")
                .append(id)
                .append("-d\"><title id=\"")
                .append(id)
                .append("-t\">")
                .append(esc(title))
                .append("</title><desc id=\"")
                .append(id)
                .append("-d\">")
                .append(esc(desc))
                .append("</desc>");
        axes(sb, lay, pts, unit);
        phases(sb, lay, pts);
        target(sb, lay, s.target(), unit);
        markers(sb, lay, pts, page.markers());
        dataLine(sb, lay, pts);
        for (int i = 0; i < pts.size(); i++) {
            ChartPoint p = pts.get(i);
            if (p.value() == null || !Double.isFinite(p.value())) {
                continue;
            }
            sb.append("<circle class=\"pt\" data-type=\"")
                    .append(esc(p.pointType()))
                    .append("\" cx=\"")
                    .append(f(lay.x(i)))
                    .append("\" cy=\"")
                    .append(f(y.map(p.value())))
                    .append("\" r=\"")
                    .append("common_cause".equals(p.pointType()) ? "3.5" : "5")
                    .append("\" fill=\"")
                    .append(colour(p.pointType()))
                    .append("\"><title>")
                    .append(esc(ValueFormat.month(p.period())))
                    .append(": ")
                    .append(esc(ValueFormat.value(p.value(), unit)))
                    .append(" (")
                    .append(words(p.pointType()))
                    .append(")</title></circle>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static void axes(StringBuilder sb, Layout lay, List<ChartPoint> pts, String unit) {
        LinearScale y = lay.y();
        sb.append("<g class=\"axis\" font-size=\"11\" font-family=\"Arial, sans-serif\" fill=\"")
                .append(Palette.TEXT)
                .append("\">");
        for (double t : y.ticks(5)) {
            double py = y.map(t);
            sb.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(RIGHT)
                    .append("\" y1=\"")
                    .append(f(py))
                    .append("\" y2=\"")
                    .append(f(py))
                    .append("\" stroke=\"#e8edee\"/>")
                    .append("<text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(f(py + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(esc(ValueFormat.tick(t, unit)))
                    .append("</text>");
        }
        int step = Math.max(1, (int) Math.ceil(pts.size() / 12.0));
        for (int i = 0; i < pts.size(); i += step) {
            // The last label ends at its point so it is not cut off at the right edge.
            sb.append("<text x=\"")
                    .append(f(lay.x(i)))
                    .append("\" y=\"")
                    .append(BOTTOM + 16)
                    .append("\" text-anchor=\"")
                    .append(i > 0 && i == pts.size() - 1 ? "end" : "middle")
                    .append("\">")
                    .append(esc(ValueFormat.shortMonth(pts.get(i).period())))
                    .append("</text>");
        }
        sb.append("<line x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(RIGHT)
                .append("\" y1=\"")
                .append(BOTTOM)
                .append("\" y2=\"")
                .append(BOTTOM)
                .append("\" stroke=\"")
                .append(Palette.LIMIT)
                .append("\"/></g>");
    }

    /** Centre line and limits of each phase, as horizontal segments spanning the phase's points. */
    private static void phases(StringBuilder sb, Layout lay, List<ChartPoint> pts) {
        int i = 0;
        while (i < pts.size()) {
            int phase = pts.get(i).phase();
            int j = i;
            while (j + 1 < pts.size() && pts.get(j + 1).phase() == phase) {
                j++;
            }
            double half = pts.size() <= 1 ? 0 : (RIGHT - LEFT) / (2.0 * (pts.size() - 1));
            double x1 = Math.max(LEFT, lay.x(i) - (i == 0 ? 0 : half));
            double x2 = Math.min(RIGHT, lay.x(j) + (j == pts.size() - 1 ? 0 : half));
            if (pts.size() == 1) {
                x1 = LEFT;
                x2 = RIGHT;
            }
            ChartPoint first = pts.get(i);
            line(sb, "centre", first.centre(), x1, x2, lay, Palette.LIMIT, null);
            line(sb, "upper", first.upper(), x1, x2, lay, Palette.LIMIT, "6 4");
            line(sb, "lower", first.lower(), x1, x2, lay, Palette.LIMIT, "6 4");
            if (i > 0) {
                sb.append("<line class=\"phase\" x1=\"")
                        .append(f(x1))
                        .append("\" x2=\"")
                        .append(f(x1))
                        .append("\" y1=\"")
                        .append(TOP)
                        .append("\" y2=\"")
                        .append(BOTTOM)
                        .append("\" stroke=\"")
                        .append(Palette.TEXT)
                        .append("\" stroke-dasharray=\"2 3\"/><text x=\"")
                        .append(f(x1 + 3))
                        .append("\" y=\"")
                        .append(TOP + 10)
                        .append("\" font-size=\"10\" font-family=\"Arial, sans-serif\" fill=\"")
                        .append(Palette.TEXT)
                        .append("\">Phase ")
                        .append(phase)
                        .append("</text>");
            }
            i = j + 1;
        }
    }

    private static void line(
            StringBuilder sb, String role, Double v, double x1, double x2, Layout lay, String colour, String dash) {
        if (v == null || !Double.isFinite(v)) {
            return;
        }
        double py = lay.y().map(v);
        sb.append("<path class=\"")
                .append(role)
                .append("\" d=\"M")
                .append(f(x1))
                .append(' ')
                .append(f(py))
                .append('H')
                .append(f(x2))
                .append("\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"1.5\" fill=\"none\"");
        if (dash != null) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        sb.append("/>");
    }

    private static void target(StringBuilder sb, Layout lay, Double target, String unit) {
        if (target == null || !Double.isFinite(target)) {
            return;
        }
        double py = lay.y().map(target);
        sb.append("<path class=\"target\" d=\"M")
                .append(LEFT)
                .append(' ')
                .append(f(py))
                .append('H')
                .append(RIGHT)
                .append("\" stroke=\"")
                .append(Palette.TARGET)
                .append("\" stroke-width=\"2\" stroke-dasharray=\"10 3 2 3\"" + " fill=\"none\"><title>Target ")
                .append(esc(ValueFormat.value(target, unit)))
                .append("</title></path>")
                .append("<text x=\"")
                .append(RIGHT - 2)
                .append("\" y=\"")
                .append(f(py - 4))
                .append("\" text-anchor=\"end\"" + " font-size=\"10\" font-family=\"Arial, sans-serif\" fill=\"")
                .append(Palette.TARGET)
                .append("\">Target</text>");
    }

    private static void markers(StringBuilder sb, Layout lay, List<ChartPoint> pts, List<Marker> markers) {
        for (Marker m : markers) {
            int idx = -1;
            for (int i = 0; i < pts.size(); i++) {
                if (!pts.get(i).period().isAfter(m.date())) {
                    idx = i;
                }
            }
            if (idx < 0 || pts.get(pts.size() - 1).period().isBefore(m.date())) {
                continue; // the start is outside the charted months
            }
            double px = lay.x(idx);
            sb.append("<g class=\"marker\"><title>")
                    .append(esc(m.label()))
                    .append(" starts ")
                    .append(esc(ValueFormat.month(m.date())))
                    .append("</title><line x1=\"")
                    .append(f(px))
                    .append("\" x2=\"")
                    .append(f(px))
                    .append("\" y1=\"")
                    .append(TOP)
                    .append("\" y2=\"")
                    .append(BOTTOM)
                    .append("\" stroke=\"")
                    .append(Palette.TEXT)
                    .append("\" stroke-width=\"1.5\"/><path d=\"M")
                    .append(f(px))
                    .append(' ')
                    .append(BOTTOM)
                    .append("l-6 10h12z\" fill=\"")
                    .append(Palette.TEXT)
                    .append("\"/><text x=\"")
                    .append(f(px + 8))
                    .append("\" y=\"")
                    .append(BOTTOM + 30)
                    .append("\" font-size=\"10\"" + " font-family=\"Arial, sans-serif\" fill=\"")
                    .append(Palette.TEXT)
                    .append("\">")
                    .append(esc(m.label()))
                    .append("</text></g>");
        }
    }

    private static void dataLine(StringBuilder sb, Layout lay, List<ChartPoint> pts) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < pts.size(); i++) {
            Double v = pts.get(i).value();
            if (v == null || !Double.isFinite(v)) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M')
                    .append(f(lay.x(i)))
                    .append(' ')
                    .append(f(lay.y().map(v)));
            pen = true;
        }
        if (d.length() > 0) {
            sb.append("<path class=\"data\" d=\"")
                    .append(d)
                    .append("\" stroke=\"#768692\" stroke-width=\"1.5\"" + " fill=\"none\"/>");
        }
    }

    /** A coordinate with one decimal, always with a dot. */
    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
