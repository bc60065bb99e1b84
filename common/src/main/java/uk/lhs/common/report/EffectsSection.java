package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;
import static uk.lhs.common.report.SpcChartSvg.f;

import java.util.List;
import java.util.Locale;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.report.ReportModel.Effect;
import uk.lhs.common.report.ReportModel.MethodEstimate;

/**
 * One page per intervention evaluation: every method's estimate with its 95% interval (a table and a dot-and-whisker
 * chart), the caveats in plain English and the attribution statement. The wording is always of association ("is
 * associated with"): none of the designs in {@code uk.lhs.common.evaluation} can establish cause.
 */
final class EffectsSection {
    private EffectsSection() {}

    static String render(List<Effect> effects) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<section id=\"interventions\" aria-labelledby=\"interventions-h\"><h2 id=\"interventions-h\">")
                .append("Interventions</h2>");
        if (effects.isEmpty()) {
            sb.append("<p>No intervention in the register concerns this system or its trusts.</p>");
        }
        for (Effect e : effects) {
            effect(sb, e);
        }
        return sb.append("</section>").toString();
    }

    /** The attribution level in words, always phrased as association. */
    static String attribution(Effect e) {
        String subject = e.indicatorTitle() + " at " + e.orgCode();
        String intervention =
                e.interventionId() + (e.interventionTitle() == null ? "" : " (" + e.interventionTitle() + ")");
        String a = e.attribution() == null ? "" : e.attribution();
        return switch (a) {
            case "insufficient_data" ->
                "There is not yet enough data to say whether any change in " + subject + " is associated with "
                        + intervention + ".";
            case "no_change_detected" ->
                "No change in " + subject + " beyond its usual variation, in the intended"
                        + " direction, is associated with " + intervention + ".";
            case "change_attribution_weak" ->
                "A change in " + subject + " is associated with " + intervention
                        + ", but the evidence is weak: other explanations cannot be ruled out.";
            case "change_consistent_with_intervention" ->
                "A change in " + subject + " is associated with " + intervention
                        + " and is consistent with it across the methods used.";
            case "change_strongly_consistent" ->
                "A change in " + subject + " is associated with " + intervention
                        + ", strongly: the comparison organisations and the control chart agree.";
            default -> "The evaluation of " + subject + " has no summary yet.";
        };
    }

    private static void effect(StringBuilder sb, Effect e) {
        String id = Html.anchor("e", e.interventionId(), e.orgLevel(), e.orgCode(), e.indicatorId());
        sb.append("<article class=\"effect\" id=\"")
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
                .append(", ")
                .append(esc(e.orgName() == null ? e.orgCode() : e.orgName()))
                .append(" (")
                .append(esc(e.orgCode()))
                .append(")</h3><p>Started ")
                .append(esc(ValueFormat.month(e.start())))
                .append("; months from ")
                .append(esc(ValueFormat.month(e.firstPostMonth())))
                .append(" count as after.")
                .append(" Expected direction: ")
                .append(esc(e.expectedDirection()))
                .append(".</p>")
                .append("<p class=\"statement\"><strong>")
                .append(esc(attribution(e)))
                .append("</strong>");
        if (e.statement() != null && !e.statement().isBlank()) {
            sb.append("<br>").append(esc(e.statement()));
        }
        sb.append("</p>");
        if (!e.reasons().isEmpty()) {
            sb.append("<p>Why:</p><ul>");
            for (String r : e.reasons()) {
                sb.append("<li>").append(esc(r)).append("</li>");
            }
            sb.append("</ul>");
        }
        if (!e.methods().isEmpty()) {
            sb.append("<figure>")
                    .append(intervalChart(e, id))
                    .append(
                            "<figcaption>Each method's estimate of the change"
                                    + " (dot) and its 95% interval (bar); the vertical line is no change.</figcaption></figure>");
            methodTable(sb, e);
        }
        sb.append("<h4>Caveats</h4>");
        if (e.caveats().isEmpty()) {
            sb.append("<p>None recorded.</p>");
        } else {
            sb.append("<ul>");
            for (CaveatNote c : e.caveats()) {
                String sev = c.severity() == null ? "info" : c.severity().toLowerCase(Locale.ROOT);
                sb.append("<li><span class=\"sev-")
                        .append(Html.anchor(sev))
                        .append("\">")
                        .append(esc(sev))
                        .append("</span>: ")
                        .append(esc(c.message()))
                        .append("</li>");
            }
            sb.append("</ul>");
        }
        sb.append("</article>");
    }

    private static void methodTable(StringBuilder sb, Effect e) {
        sb.append("<table><caption>Estimates by method</caption><thead><tr><th scope=\"col\">Method</th>")
                .append(
                        "<th scope=\"col\">Change</th><th scope=\"col\">95% interval</th><th scope=\"col\">p-value</th>")
                .append("<th scope=\"col\">Months before / after</th></tr></thead><tbody>");
        for (MethodEstimate m : e.methods()) {
            sb.append("<tr><th scope=\"row\">")
                    .append(esc(label(m.method())))
                    .append("</th><td class=\"num\">")
                    .append(esc(ValueFormat.change(m.estimate(), e.unit())))
                    .append("</td><td class=\"num\">")
                    .append(
                            m.ciLower() == null || m.ciUpper() == null
                                    ? "–"
                                    : esc(ValueFormat.change(m.ciLower(), e.unit()) + " to "
                                            + ValueFormat.change(m.ciUpper(), e.unit())))
                    .append("</td><td class=\"num\">")
                    .append(
                            m.pValue() == null
                                    ? "–"
                                    : m.pValue() < 0.001 ? "&lt;0.001" : String.format(Locale.UK, "%.3f", m.pValue()))
                    .append("</td><td>")
                    .append(m.prePeriods() == null ? "–" : m.prePeriods())
                    .append(" / ")
                    .append(m.postPeriods() == null ? "–" : m.postPeriods())
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }

    /** Human label of a method id of {@code gold.intervention_effects}. */
    static String label(String method) {
        return switch (method == null ? "" : method) {
            case "pre_post" -> "Before and after";
            case "spc" -> "Control chart";
            case "its" -> "Interrupted time series";
            case "did" -> "Difference-in-differences";
            case "synthetic_control" -> "Synthetic control";
            default -> method;
        };
    }

    /** Dot-and-whisker chart of the methods' estimates and intervals around a zero line. */
    static String intervalChart(Effect e, String id) {
        List<MethodEstimate> ms = e.methods();
        int rowH = 26;
        int left = 170;
        int right = 700;
        int top = 8;
        int height = top + rowH * ms.size() + 28;
        double lo = 0;
        double hi = 0;
        for (MethodEstimate m : ms) {
            for (Double v : new Double[] {m.estimate(), m.ciLower(), m.ciUpper()}) {
                if (v != null && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        LinearScale x = LinearScale.padded(lo, hi, left, right);
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<svg class=\"chart effects\" data-chart=\"effects\" viewBox=\"0 0 720 ")
                .append(height)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-ct\"><title id=\"")
                .append(id)
                .append("-ct\">")
                .append(esc("Estimated change by method, " + e.indicatorTitle() + " at " + e.orgCode()))
                .append("</title><g font-size=\"11\" font-family=\"Arial, sans-serif\" fill=\"")
                .append(Palette.TEXT)
                .append("\">");
        double zero = x.map(0);
        sb.append("<line x1=\"")
                .append(f(zero))
                .append("\" x2=\"")
                .append(f(zero))
                .append("\" y1=\"")
                .append(top)
                .append("\" y2=\"")
                .append(top + rowH * ms.size())
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
        for (int i = 0; i < ms.size(); i++) {
            MethodEstimate m = ms.get(i);
            double cy = top + rowH * i + rowH / 2.0;
            sb.append("<text x=\"")
                    .append(left - 8)
                    .append("\" y=\"")
                    .append(f(cy + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(esc(label(m.method())))
                    .append("</text>");
            if (m.ciLower() != null
                    && m.ciUpper() != null
                    && Double.isFinite(m.ciLower())
                    && Double.isFinite(m.ciUpper())) {
                sb.append("<line x1=\"")
                        .append(f(x.map(m.ciLower())))
                        .append("\" x2=\"")
                        .append(f(x.map(m.ciUpper())))
                        .append("\" y1=\"")
                        .append(f(cy))
                        .append("\" y2=\"")
                        .append(f(cy))
                        .append("\" stroke=\"")
                        .append(Palette.IMPROVEMENT)
                        .append("\" stroke-width=\"3\"/>");
            }
            if (m.estimate() != null && Double.isFinite(m.estimate())) {
                sb.append("<circle cx=\"")
                        .append(f(x.map(m.estimate())))
                        .append("\" cy=\"")
                        .append(f(cy))
                        .append("\" r=\"5\" fill=\"")
                        .append(Palette.TEXT)
                        .append("\"><title>")
                        .append(esc(label(m.method())))
                        .append(": ")
                        .append(esc(ValueFormat.change(m.estimate(), e.unit())))
                        .append("</title></circle>");
            } else {
                sb.append("<text x=\"")
                        .append(f(zero + 6))
                        .append("\" y=\"")
                        .append(f(cy + 4))
                        .append("\">not run</text>");
            }
        }
        return sb.append("</g></svg>").toString();
    }
}
