package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;
import static uk.lhs.common.report.SpcChartSvg.f;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import uk.lhs.common.report.ReportModel.Funnel;
import uk.lhs.common.report.ReportModel.FunnelPoint;

/**
 * A funnel plot as inline SVG: every trust's value against its denominator, the centre line, and the 95% and 99.8%
 * limits from {@code gold.funnel_points} (Spiegelhalter 2005, computed by the indicators stage at each trust's own
 * denominator; the curves are drawn through those points, so they are exact at every trust shown). The trust whose
 * page this is is drawn larger, ringed and labelled.
 */
public final class FunnelSvg {
    private FunnelSvg() {}

    public static final int WIDTH = 720;
    public static final int HEIGHT = 300;
    public static final int LEFT = 64;
    public static final int RIGHT = WIDTH - 16;
    public static final int TOP = 16;
    public static final int BOTTOM = HEIGHT - 40;

    /** x (denominator) and y (value) scales covering every point, limit and the centre. */
    public record Layout(LinearScale x, LinearScale y) {}

    /** The layout of a funnel: x from 0 to the largest denominator, y over values, limits and centre. */
    public static Layout layout(Funnel funnel) {
        double maxX = 0;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (FunnelPoint p : funnel.points()) {
            maxX = Math.max(maxX, p.denominator());
            for (Double v : new Double[] {p.value(), p.lower998(), p.upper998(), p.lower95(), p.upper95()}) {
                if (v != null && Double.isFinite(v)) {
                    minY = Math.min(minY, v);
                    maxY = Math.max(maxY, v);
                }
            }
        }
        if (funnel.centre() != null && Double.isFinite(funnel.centre())) {
            minY = Math.min(minY, funnel.centre());
            maxY = Math.max(maxY, funnel.centre());
        }
        if (minY > maxY) {
            minY = 0;
            maxY = 1;
        }
        return new Layout(
                new LinearScale(0, maxX > 0 ? maxX * 1.05 : 1, LEFT, RIGHT),
                LinearScale.padded(minY, maxY, BOTTOM, TOP));
    }

    /**
     * The funnel plot.
     *
     * @param funnel the points and the trust to highlight
     * @param unit the indicator's unit (for labels)
     * @param improvementDirection increase, decrease or neutral: colours the highlighted trust when outside 99.8%
     * @param title accessible title
     * @param id unique id prefix for the title and description elements
     */
    public static String render(Funnel funnel, String unit, String improvementDirection, String title, String id) {
        Layout lay = layout(funnel);
        List<FunnelPoint> pts = new ArrayList<>(funnel.points());
        pts.sort(Comparator.comparingDouble(FunnelPoint::denominator));
        FunnelPoint me = pts.stream()
                .filter(p -> p.orgCode().equals(funnel.highlightCode()))
                .findFirst()
                .orElse(null);
        String desc = pts.size() + " trusts in " + ValueFormat.month(funnel.period()) + "; centre "
                + ValueFormat.value(funnel.centre(), unit)
                + (me == null
                        ? ""
                        : "; " + me.orgCode() + " " + ValueFormat.value(me.value(), unit) + ", "
                                + position(me.position998()) + " the 99.8% limits")
                + ".";
        StringBuilder sb = new StringBuilder(6144);
        sb.append("<svg class=\"chart funnel\" data-chart=\"funnel\" viewBox=\"0 0 ")
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
        axes(sb, lay, unit);
        if (funnel.centre() != null && Double.isFinite(funnel.centre())) {
            double py = lay.y().map(funnel.centre());
            sb.append("<path class=\"centre\" d=\"M")
                    .append(LEFT)
                    .append(' ')
                    .append(f(py))
                    .append('H')
                    .append(RIGHT)
                    .append("\" stroke=\"")
                    .append(Palette.LIMIT)
                    .append("\" stroke-width=\"1.5\"/>");
        }
        curve(sb, lay, pts, FunnelPoint::upper95, "upper95", "4 3");
        curve(sb, lay, pts, FunnelPoint::lower95, "lower95", "4 3");
        curve(sb, lay, pts, FunnelPoint::upper998, "upper998", null);
        curve(sb, lay, pts, FunnelPoint::lower998, "lower998", null);
        for (FunnelPoint p : pts) {
            if (p == me) {
                continue;
            }
            sb.append("<circle class=\"peer\" cx=\"")
                    .append(f(lay.x().map(p.denominator())))
                    .append("\" cy=\"")
                    .append(f(lay.y().map(p.value())))
                    .append("\" r=\"3.5\" fill=\"#768692\"><title>")
                    .append(esc(label(p, unit)))
                    .append("</title></circle>");
        }
        if (me != null) {
            double cx = lay.x().map(me.denominator());
            double cy = lay.y().map(me.value());
            sb.append("<circle class=\"me\" cx=\"")
                    .append(f(cx))
                    .append("\" cy=\"")
                    .append(f(cy))
                    .append("\" r=\"6\" fill=\"")
                    .append(colour(me.position998(), improvementDirection))
                    .append("\" stroke=\"")
                    .append(Palette.TEXT)
                    .append("\" stroke-width=\"2\"><title>")
                    .append(esc(label(me, unit)))
                    .append("</title></circle><text x=\"")
                    .append(f(cx + 9))
                    .append("\" y=\"")
                    .append(f(cy - 8))
                    .append("\" font-size=\"11\" font-weight=\"bold\" font-family=\"Arial, sans-serif\"" + " fill=\"")
                    .append(Palette.TEXT)
                    .append("\">")
                    .append(esc(me.orgCode()))
                    .append("</text>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static String label(FunnelPoint p, String unit) {
        return p.orgCode() + (p.orgName() == null ? "" : " " + p.orgName()) + ": " + ValueFormat.value(p.value(), unit)
                + " (denominator " + ValueFormat.number(p.denominator()) + ")";
    }

    /** below / within / above in words. */
    static String position(String pos) {
        return pos == null
                ? "unknown against"
                : switch (pos) {
                    case "above" -> "above";
                    case "below" -> "below";
                    default -> "within";
                };
    }

    /** Colour of the highlighted trust: improvement/concern when outside 99.8%, neutral colours otherwise. */
    static String colour(String position998, String direction) {
        if (position998 == null || "within".equals(position998)) {
            return Palette.COMMON;
        }
        boolean high = "above".equals(position998);
        if ("increase".equals(direction)) {
            return high ? Palette.IMPROVEMENT : Palette.CONCERN;
        }
        if ("decrease".equals(direction)) {
            return high ? Palette.CONCERN : Palette.IMPROVEMENT;
        }
        return Palette.NEUTRAL;
    }

    private static void curve(
            StringBuilder sb,
            Layout lay,
            List<FunnelPoint> pts,
            Function<FunnelPoint, Double> limit,
            String role,
            String dash) {
        StringBuilder d = new StringBuilder();
        for (FunnelPoint p : pts) {
            Double v = limit.apply(p);
            if (v == null || !Double.isFinite(v)) {
                continue;
            }
            d.append(d.length() == 0 ? 'M' : 'L')
                    .append(f(lay.x().map(p.denominator())))
                    .append(' ')
                    .append(f(lay.y().map(v)));
        }
        if (d.length() > 0) {
            sb.append("<path class=\"")
                    .append(role)
                    .append("\" d=\"")
                    .append(d)
                    .append("\" stroke=\"")
                    .append(Palette.LIMIT)
                    .append("\" stroke-width=\"1.2\" fill=\"none\"");
            if (dash != null) {
                sb.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            sb.append("/>");
        }
    }

    private static void axes(StringBuilder sb, Layout lay, String unit) {
        sb.append("<g class=\"axis\" font-size=\"11\" font-family=\"Arial, sans-serif\" fill=\"")
                .append(Palette.TEXT)
                .append("\">");
        for (double t : lay.y().ticks(5)) {
            double py = lay.y().map(t);
            sb.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(RIGHT)
                    .append("\" y1=\"")
                    .append(f(py))
                    .append("\" y2=\"")
                    .append(f(py))
                    .append("\" stroke=\"#e8edee\"/><text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(f(py + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(esc(ValueFormat.tick(t, unit)))
                    .append("</text>");
        }
        for (double t : lay.x().ticks(6)) {
            sb.append("<text x=\"")
                    .append(f(lay.x().map(t)))
                    .append("\" y=\"")
                    .append(BOTTOM + 16)
                    .append("\" text-anchor=\"middle\">")
                    .append(esc(ValueFormat.number(t)))
                    .append("</text>");
        }
        sb.append("<text x=\"")
                .append((LEFT + RIGHT) / 2)
                .append("\" y=\"")
                .append(BOTTOM + 32)
                .append(
                        "\" text-anchor=\"middle\">Denominator (size of the trust's population for this indicator)</text>")
                .append("<line x1=\"")
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
}
