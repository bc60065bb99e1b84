package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;
import static uk.lhs.common.report.SpcChartSvg.f;

import java.util.List;
import java.util.Locale;
import uk.lhs.common.report.ReportModel.CaveatNote;

/**
 * The equity of each intervention's effect (from {@code gold.intervention_equity_published} only): the change in each
 * IMD quintile with its 95% interval as a dot-and-whisker chart, the change in the gap between the most and least
 * deprived (Q1 − Q5) and in the slope index of inequality with their intervals and plain-English lines, and the
 * caveats. Wording is always of association, never cause.
 */
public final class EquitySection {
    private EquitySection() {}

    /** Subgroup ids of the gap and the SII (as in {@code gold.intervention_equity.subgroup}). */
    static final String GAP = "gap_q1_q5";

    static final String SII = "sii";

    /**
     * One subgroup row of {@code gold.intervention_equity_published}.
     *
     * @param subgroup imd_q1..imd_q5, gap_q1_q5 or sii
     */
    public record Subgroup(
            String subgroup,
            Double estimate,
            Double ciLower,
            Double ciUpper,
            Double pValue,
            Integer prePeriods,
            Integer postPeriods,
            List<CaveatNote> caveats,
            String statement) {
        public Subgroup {
            caveats = List.copyOf(caveats);
        }
    }

    /** The equity evaluation of one intervention × organisation × indicator. */
    public record Equity(
            String interventionId,
            String interventionTitle,
            String orgLevel,
            String orgCode,
            String orgName,
            String indicatorId,
            String indicatorTitle,
            String unit,
            List<Subgroup> subgroups) {
        public Equity {
            subgroups = List.copyOf(subgroups);
        }

        /** The subgroup's row, or null. */
        public Subgroup get(String subgroup) {
            return subgroups.stream()
                    .filter(s -> subgroup.equals(s.subgroup()))
                    .findFirst()
                    .orElse(null);
        }
    }

    static String render(List<Equity> equity) {
        StringBuilder sb = new StringBuilder(8_192);
        sb.append("<section id=\"equity\" aria-labelledby=\"equity-h\"><h2 id=\"equity-h\">Equity of effects</h2>")
                .append("<p>For patient-level indicators, each intervention's estimated change in each fifth of the")
                .append(" population by deprivation (IMD quintile 1 most deprived, 5 least), and the change in the gap")
                .append(" between the most and least deprived. Published (rounded) counts; associations, not proof of")
                .append(" effect.</p>");
        if (equity.isEmpty()) {
            sb.append("<p>No intervention in the register concerns a patient-level indicator of this system or its"
                    + " trusts.</p>");
        }
        for (Equity e : equity) {
            article(sb, e);
        }
        return sb.append("</section>").toString();
    }

    private static void article(StringBuilder sb, Equity e) {
        String id = Html.anchor("q", e.interventionId(), e.orgLevel(), e.orgCode(), e.indicatorId());
        sb.append("<article class=\"equity\" id=\"")
                .append(id)
                .append("\" aria-labelledby=\"")
                .append(id)
                .append("-h\"><h3 id=\"")
                .append(id)
                .append("-h\">")
                .append(esc(e.interventionId()))
                .append(e.interventionTitle() == null ? "" : ": " + esc(e.interventionTitle()))
                .append(" — ")
                .append(esc(e.indicatorTitle()))
                .append(" by deprivation, ")
                .append(esc(e.orgName() == null ? e.orgCode() : e.orgName()))
                .append(" (")
                .append(esc(e.orgCode()))
                .append(")</h3>");
        for (String s : List.of(GAP, SII)) {
            Subgroup g = e.get(s);
            if (g != null && g.statement() != null) {
                sb.append("<p class=\"statement\">")
                        .append(s.equals(GAP) ? "<strong>" : "")
                        .append(esc(g.statement()))
                        .append(s.equals(GAP) ? "</strong>" : "")
                        .append("</p>");
            }
        }
        sb.append("<figure>")
                .append(chart(e, id))
                .append("<figcaption>Estimated change in each IMD quintile (dot) with its 95% interval (bar); the")
                .append(" vertical line is no change.</figcaption></figure>");
        table(sb, e);
        sb.append("<h4>Caveats</h4>");
        StringBuilder items = new StringBuilder();
        for (Subgroup g : e.subgroups()) {
            for (CaveatNote c : g.caveats()) {
                String sev = c.severity() == null ? "info" : c.severity().toLowerCase(Locale.ROOT);
                items.append("<li><span class=\"sev-")
                        .append(Html.anchor(sev))
                        .append("\">")
                        .append(esc(sev))
                        .append("</span> (")
                        .append(esc(label(g.subgroup())))
                        .append(", ")
                        .append(esc(c.code()))
                        .append("): ")
                        .append(esc(c.message()))
                        .append("</li>");
            }
        }
        sb.append(items.length() == 0 ? "<p>None recorded.</p>" : "<ul>" + items + "</ul>");
        sb.append("</article>");
    }

    private static void table(StringBuilder sb, Equity e) {
        sb.append("<table><caption>Change by subgroup (interrupted time series)</caption><thead><tr>")
                .append(
                        "<th scope=\"col\">Subgroup</th><th scope=\"col\">Change</th><th scope=\"col\">95% interval</th>")
                .append(
                        "<th scope=\"col\">p-value</th><th scope=\"col\">Months before / after</th></tr></thead><tbody>");
        for (Subgroup g : e.subgroups()) {
            sb.append("<tr><th scope=\"row\">")
                    .append(esc(label(g.subgroup())))
                    .append("</th><td class=\"num\">")
                    .append(esc(ValueFormat.change(g.estimate(), e.unit())))
                    .append("</td><td class=\"num\">")
                    .append(
                            g.ciLower() == null || g.ciUpper() == null
                                    ? "–"
                                    : esc(ValueFormat.change(g.ciLower(), e.unit()) + " to "
                                            + ValueFormat.change(g.ciUpper(), e.unit())))
                    .append("</td><td class=\"num\">")
                    .append(
                            g.pValue() == null
                                    ? "–"
                                    : g.pValue() < 0.001 ? "&lt;0.001" : String.format(Locale.UK, "%.3f", g.pValue()))
                    .append("</td><td>")
                    .append(g.prePeriods() == null ? "–" : g.prePeriods())
                    .append(" / ")
                    .append(g.postPeriods() == null ? "–" : g.postPeriods())
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }

    /** Human label of a subgroup id. */
    static String label(String subgroup) {
        return switch (subgroup == null ? "" : subgroup) {
            case "imd_q1" -> "Q1 (most deprived)";
            case "imd_q5" -> "Q5 (least deprived)";
            case GAP -> "Gap Q1 − Q5";
            case SII -> "Slope index of inequality";
            default -> subgroup.startsWith("imd_q") ? "Q" + subgroup.substring(5) : subgroup;
        };
    }

    /** Dot-and-whisker chart of the five quintiles' changes and intervals around a zero line. */
    static String chart(Equity e, String id) {
        List<Subgroup> qs = e.subgroups().stream()
                .filter(s -> s.subgroup() != null && s.subgroup().startsWith("imd_q"))
                .toList();
        int rowH = 24;
        int left = 160;
        int right = 700;
        int top = 8;
        int height = top + rowH * qs.size() + 28;
        double lo = 0;
        double hi = 0;
        for (Subgroup s : qs) {
            for (Double v : new Double[] {s.estimate(), s.ciLower(), s.ciUpper()}) {
                if (v != null && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        LinearScale x = LinearScale.padded(lo, hi, left, right);
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<svg class=\"chart equity\" data-chart=\"equity\" viewBox=\"0 0 720 ")
                .append(height)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-ct\"><title id=\"")
                .append(id)
                .append("-ct\">")
                .append(esc("Estimated change by IMD quintile, " + e.indicatorTitle() + " at " + e.orgCode()))
                .append("</title><g font-size=\"11\" font-family=\"Arial, sans-serif\" fill=\"")
                .append(Palette.TEXT)
                .append("\">");
        double zero = x.map(0);
        sb.append("<line class=\"zero\" x1=\"")
                .append(f(zero))
                .append("\" x2=\"")
                .append(f(zero))
                .append("\" y1=\"")
                .append(top)
                .append("\" y2=\"")
                .append(top + rowH * qs.size())
                .append("\" stroke=\"")
                .append(Palette.LIMIT)
                .append("\"/>");
        for (double t : x.ticks(5)) {
            sb.append("<text x=\"")
                    .append(f(x.map(t)))
                    .append("\" y=\"")
                    .append(height - 8)
                    .append("\" text-anchor=\"middle\">")
                    .append(esc(ValueFormat.change(t, e.unit())))
                    .append("</text>");
        }
        for (int i = 0; i < qs.size(); i++) {
            Subgroup s = qs.get(i);
            double cy = top + rowH * i + rowH / 2.0;
            sb.append("<text x=\"")
                    .append(left - 8)
                    .append("\" y=\"")
                    .append(f(cy + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(esc(label(s.subgroup())))
                    .append("</text>");
            if (s.ciLower() != null && s.ciUpper() != null) {
                sb.append("<line class=\"ci\" x1=\"")
                        .append(f(x.map(s.ciLower())))
                        .append("\" x2=\"")
                        .append(f(x.map(s.ciUpper())))
                        .append("\" y1=\"")
                        .append(f(cy))
                        .append("\" y2=\"")
                        .append(f(cy))
                        .append("\" stroke=\"")
                        .append(Palette.IMPROVEMENT)
                        .append("\" stroke-width=\"3\"/>");
            }
            if (s.estimate() != null && Double.isFinite(s.estimate())) {
                sb.append("<circle cx=\"")
                        .append(f(x.map(s.estimate())))
                        .append("\" cy=\"")
                        .append(f(cy))
                        .append("\" r=\"5\" fill=\"")
                        .append(Palette.TEXT)
                        .append("\"><title>")
                        .append(esc(label(s.subgroup())))
                        .append(": ")
                        .append(esc(ValueFormat.change(s.estimate(), e.unit())))
                        .append("</title></circle>");
            } else {
                sb.append("<text x=\"")
                        .append(f(zero + 6))
                        .append("\" y=\"")
                        .append(f(cy + 4))
                        .append("\">not enough data</text>");
            }
        }
        return sb.append("</g></svg>").toString();
    }
}
