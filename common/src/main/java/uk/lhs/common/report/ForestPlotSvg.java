package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;
import static uk.lhs.common.report.SpcChartSvg.f;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.lhs.common.report.ReportModel.LearningRow;
import uk.lhs.common.report.ReportModel.SiteEstimate;

/**
 * A forest plot as inline SVG, in the layout of metafor's {@code forest()} with {@code addpred = TRUE} (Viechtbauer
 * 2010, J Stat Softw 36(3); Borenstein et al. 2009, <em>Introduction to Meta-Analysis</em>, ch. 7 and 17): one row per
 * site with its effect as a square whose area is proportional to its weight and its 95% interval as a line; the
 * pooled estimate as a diamond spanning its 95% interval; the 95% prediction interval as a dashed line with end
 * caps through the diamond's row; the line of no change; and an axis in the indicator's unit (proportions in
 * percentage points). Sites are ordered by organisation code.
 */
public final class ForestPlotSvg {
    private ForestPlotSvg() {}

    public static final int WIDTH = 760;
    /** Right edge of the site labels. */
    public static final int LABEL_RIGHT = 196;
    /** The plotting area's horizontal extent. */
    public static final int PLOT_LEFT = 212;

    public static final int PLOT_RIGHT = 470;
    /** Left edge of the estimate column; the weight column ends at {@link #WIDTH} - 8. */
    public static final int TEXT_LEFT = 484;

    public static final int TOP = 26;
    public static final int ROW = 22;
    /** Side of the square of the heaviest site, in pixels; lighter sites scale with the square root of weight. */
    public static final double MAX_SIDE = 16;
    /** Smallest square drawn, so a site of tiny weight stays visible. */
    public static final double MIN_SIDE = 3;
    /** Half-height of the pooled diamond. */
    public static final double DIAMOND_HALF = 7;

    /**
     * Geometry of one plot.
     *
     * @param x the effect scale (data to pixels)
     * @param sites the sites in drawing order
     * @param height the SVG's height
     */
    public record Layout(LinearScale x, List<SiteEstimate> sites, int height) {
        /** Vertical centre of the i-th site's row. */
        public double siteY(int i) {
            return TOP + ROW * (i + 0.5);
        }

        /** Vertical centre of the pooled row (one empty row below the sites). */
        public double pooledY() {
            return TOP + ROW * (sites.size() + 1.5);
        }

        /** The axis line's y. */
        public double axisY() {
            return TOP + ROW * (sites.size() + 2) + 6;
        }
    }

    /** The layout: sites by organisation code; an x scale over every interval, the prediction interval and 0. */
    public static Layout layout(LearningRow r) {
        List<SiteEstimate> sites = new ArrayList<>(r.sites());
        sites.sort(Comparator.comparing((SiteEstimate s) -> s.orgCode() == null ? "" : s.orgCode())
                .thenComparing(s -> s.interventionId() == null ? "" : s.interventionId()));
        double lo = 0;
        double hi = 0;
        List<Double> all = new ArrayList<>();
        for (SiteEstimate s : sites) {
            all.add(s.estimate());
            all.add(s.ciLower());
            all.add(s.ciUpper());
        }
        all.add(r.estimate());
        all.add(r.ciLower());
        all.add(r.ciUpper());
        all.add(r.piLower());
        all.add(r.piUpper());
        for (Double v : all) {
            if (finite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        LinearScale x = LinearScale.padded(lo, hi, PLOT_LEFT, PLOT_RIGHT);
        int height = (int) Math.ceil(TOP + ROW * (sites.size() + 2) + 6 + 40);
        return new Layout(x, List.copyOf(sites), height);
    }

    /**
     * Side of a site's square: area proportional to weight, the heaviest site {@link #MAX_SIDE}, never below
     * {@link #MIN_SIDE}.
     */
    public static double squareSide(Double weight, double maxWeight) {
        if (!finite(weight) || weight <= 0 || !(maxWeight > 0)) {
            return MIN_SIDE;
        }
        return Math.max(MIN_SIDE, MAX_SIDE * Math.sqrt(weight / maxWeight));
    }

    /**
     * The forest plot.
     *
     * @param r the pooled row
     * @param id unique id prefix for the title and description elements
     */
    public static String render(LearningRow r, String id) {
        Layout lay = layout(r);
        LinearScale x = lay.x();
        String unit = r.unit();
        double maxW = 0;
        for (SiteEstimate s : lay.sites()) {
            if (finite(s.weight())) {
                maxW = Math.max(maxW, s.weight());
            }
        }
        String title = "Forest plot: " + r.interventionType() + ", " + r.indicatorTitle() + " ("
                + EffectsSection.label(r.method()) + ")";
        String desc = lay.sites().size() + " sites; pooled change " + ValueFormat.change(r.estimate(), unit)
                + " (95% interval " + interval(r.ciLower(), r.ciUpper(), unit) + ")"
                + (finite(r.piLower()) && finite(r.piUpper())
                        ? "; 95% prediction interval " + interval(r.piLower(), r.piUpper(), unit)
                        : "; no prediction interval (fewer than 3 sites)")
                + ".";
        StringBuilder sb = new StringBuilder(4096 + 600 * lay.sites().size());
        sb.append("<svg class=\"chart forest\" data-chart=\"forest\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(lay.height())
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
                .append("</desc><g font-size=\"11\" font-family=\"Arial, sans-serif\" fill=\"")
                .append(Palette.TEXT)
                .append("\">");
        // Column headings.
        text(sb, LABEL_RIGHT, TOP - 10, "end", "bold", "Site");
        text(sb, TEXT_LEFT, TOP - 10, "start", "bold", "Change (95% interval)");
        text(sb, WIDTH - 8, TOP - 10, "end", "bold", "Weight");
        axis(sb, lay, r);
        for (int i = 0; i < lay.sites().size(); i++) {
            site(sb, lay, lay.sites().get(i), lay.siteY(i), maxW, unit);
        }
        pooled(sb, lay, r);
        return sb.append("</g></svg>").toString();
    }

    private static void axis(StringBuilder sb, Layout lay, LearningRow r) {
        LinearScale x = lay.x();
        double axisY = lay.axisY();
        for (double t : x.ticks(5)) {
            double px = x.map(t);
            sb.append("<line class=\"tick\" x1=\"")
                    .append(f(px))
                    .append("\" x2=\"")
                    .append(f(px))
                    .append("\" y1=\"")
                    .append(f(axisY))
                    .append("\" y2=\"")
                    .append(f(axisY + 4))
                    .append("\" stroke=\"")
                    .append(Palette.LIMIT)
                    .append("\"/>");
            text(sb, px, axisY + 16, "middle", null, tick(t, r.unit()));
        }
        sb.append("<line class=\"axis\" x1=\"")
                .append(PLOT_LEFT)
                .append("\" x2=\"")
                .append(PLOT_RIGHT)
                .append("\" y1=\"")
                .append(f(axisY))
                .append("\" y2=\"")
                .append(f(axisY))
                .append("\" stroke=\"")
                .append(Palette.LIMIT)
                .append("\"/>");
        text(
                sb,
                (PLOT_LEFT + PLOT_RIGHT) / 2.0,
                axisY + 32,
                "middle",
                null,
                "Change in " + r.indicatorTitle() + " (" + unitWords(r.unit()) + ")");
        double zero = x.map(0);
        sb.append("<line class=\"null\" x1=\"")
                .append(f(zero))
                .append("\" x2=\"")
                .append(f(zero))
                .append("\" y1=\"")
                .append(TOP - 4)
                .append("\" y2=\"")
                .append(f(axisY))
                .append("\" stroke=\"")
                .append(Palette.LIMIT)
                .append("\" stroke-width=\"1.2\"><title>No change</title></line>");
    }

    private static void site(StringBuilder sb, Layout lay, SiteEstimate s, double cy, double maxW, String unit) {
        LinearScale x = lay.x();
        String name = (s.orgName() == null ? s.orgCode() : s.orgName()) + " (" + s.orgCode() + ")";
        String shown = name.length() > 32 ? name.substring(0, 30) + "…" : name;
        sb.append("<text x=\"")
                .append(LABEL_RIGHT)
                .append("\" y=\"")
                .append(f(cy + 4))
                .append("\" text-anchor=\"end\"><title>")
                .append(esc(name + (s.interventionId() == null ? "" : ", intervention " + s.interventionId())))
                .append("</title>")
                .append(esc(shown))
                .append("</text>");
        if (finite(s.ciLower()) && finite(s.ciUpper())) {
            sb.append("<line class=\"site-ci\" x1=\"")
                    .append(f(x.map(s.ciLower())))
                    .append("\" x2=\"")
                    .append(f(x.map(s.ciUpper())))
                    .append("\" y1=\"")
                    .append(f(cy))
                    .append("\" y2=\"")
                    .append(f(cy))
                    .append("\" stroke=\"")
                    .append(Palette.TEXT)
                    .append("\" stroke-width=\"1.5\"/>");
        }
        if (finite(s.estimate())) {
            double side = squareSide(s.weight(), maxW);
            double cx = x.map(s.estimate());
            sb.append("<rect class=\"site\" data-org=\"")
                    .append(esc(s.orgCode()))
                    .append("\" x=\"")
                    .append(f(cx - side / 2))
                    .append("\" y=\"")
                    .append(f(cy - side / 2))
                    .append("\" width=\"")
                    .append(f(side))
                    .append("\" height=\"")
                    .append(f(side))
                    .append("\" fill=\"")
                    .append(Palette.IMPROVEMENT)
                    .append("\"><title>")
                    .append(esc(name + ": " + ValueFormat.change(s.estimate(), unit) + " ("
                            + interval(s.ciLower(), s.ciUpper(), unit) + "), weight " + weight(s.weight())))
                    .append("</title></rect>");
            text(
                    sb,
                    TEXT_LEFT,
                    cy + 4,
                    "start",
                    null,
                    ValueFormat.change(s.estimate(), unit) + " (" + interval(s.ciLower(), s.ciUpper(), unit) + ")");
        } else {
            text(sb, TEXT_LEFT, cy + 4, "start", null, "no estimate");
        }
        text(sb, WIDTH - 8, cy + 4, "end", null, weight(s.weight()));
    }

    private static void pooled(StringBuilder sb, Layout lay, LearningRow r) {
        LinearScale x = lay.x();
        double cy = lay.pooledY();
        text(sb, LABEL_RIGHT, cy + 4, "end", "bold", "Pooled (" + (r.pooling() == null ? "" : r.pooling()) + ")");
        if (finite(r.piLower()) && finite(r.piUpper())) {
            double a = x.map(r.piLower());
            double b = x.map(r.piUpper());
            sb.append("<path class=\"pi\" d=\"M")
                    .append(f(a))
                    .append(' ')
                    .append(f(cy - 4))
                    .append('V')
                    .append(f(cy + 4))
                    .append('M')
                    .append(f(a))
                    .append(' ')
                    .append(f(cy))
                    .append('H')
                    .append(f(b))
                    .append('M')
                    .append(f(b))
                    .append(' ')
                    .append(f(cy - 4))
                    .append('V')
                    .append(f(cy + 4))
                    .append("\" stroke=\"")
                    .append(Palette.NEUTRAL)
                    .append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\" fill=\"none\"><title>")
                    .append(esc("95% prediction interval (the change to expect at a new site): "
                            + interval(r.piLower(), r.piUpper(), r.unit())))
                    .append("</title></path>");
        }
        if (finite(r.estimate()) && finite(r.ciLower()) && finite(r.ciUpper())) {
            double c = x.map(r.estimate());
            sb.append("<polygon class=\"pooled\" points=\"")
                    .append(f(x.map(r.ciLower())))
                    .append(',')
                    .append(f(cy))
                    .append(' ')
                    .append(f(c))
                    .append(',')
                    .append(f(cy - DIAMOND_HALF))
                    .append(' ')
                    .append(f(x.map(r.ciUpper())))
                    .append(',')
                    .append(f(cy))
                    .append(' ')
                    .append(f(c))
                    .append(',')
                    .append(f(cy + DIAMOND_HALF))
                    .append("\" fill=\"")
                    .append(Palette.TEXT)
                    .append("\"><title>")
                    .append(esc("Pooled change " + ValueFormat.change(r.estimate(), r.unit()) + " (95% interval "
                            + interval(r.ciLower(), r.ciUpper(), r.unit()) + ")"))
                    .append("</title></polygon>");
            text(
                    sb,
                    TEXT_LEFT,
                    cy + 4,
                    "start",
                    "bold",
                    ValueFormat.change(r.estimate(), r.unit()) + " (" + interval(r.ciLower(), r.ciUpper(), r.unit())
                            + ")");
        } else {
            text(sb, TEXT_LEFT, cy + 4, "start", null, "not pooled");
        }
        text(sb, WIDTH - 8, cy + 4, "end", "bold", "100%");
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, String weight, String s) {
        sb.append("<text x=\"")
                .append(f(x))
                .append("\" y=\"")
                .append(f(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append('"');
        if (weight != null) {
            sb.append(" font-weight=\"").append(weight).append('"');
        }
        sb.append('>').append(esc(s)).append("</text>");
    }

    /** {@code a to b} as changes, or an en dash. */
    static String interval(Double lo, Double hi, String unit) {
        return finite(lo) && finite(hi) ? ValueFormat.change(lo, unit) + " to " + ValueFormat.change(hi, unit) : "–";
    }

    /** An axis tick: a signed change without decimals for percentage points when they are whole. */
    static String tick(double t, String unit) {
        if (ValueFormat.isProportion(unit)) {
            double pp = 100 * t;
            if (Math.abs(pp) < 1e-9) {
                return "0";
            }
            return String.format(java.util.Locale.UK, Math.abs(pp - Math.rint(pp)) < 1e-9 ? "%+.0f" : "%+.1f", pp);
        }
        return t == 0 ? "0" : ValueFormat.change(t, unit);
    }

    /** The axis unit in words. */
    static String unitWords(String unit) {
        if (ValueFormat.isProportion(unit)) {
            return "percentage points";
        }
        return unit == null || unit.isBlank() ? "indicator units" : unit;
    }

    private static String weight(Double w) {
        return finite(w) ? String.format(java.util.Locale.UK, "%.1f%%", w) : "–";
    }

    private static boolean finite(Double v) {
        return v != null && Double.isFinite(v);
    }
}
