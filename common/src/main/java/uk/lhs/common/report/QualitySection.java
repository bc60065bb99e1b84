package uk.lhs.common.report;

import static uk.lhs.common.report.Html.esc;

import java.util.List;
import java.util.Set;
import uk.lhs.common.report.ReportModel.DataQuality;
import uk.lhs.common.report.ReportModel.FileStatus;
import uk.lhs.common.report.ReportModel.Finding;
import uk.lhs.common.report.ReportModel.Quarantined;

/**
 * The data-quality page: failed checks (reconciliation first), missing months and rejected files, the published values
 * NHS England's re-publications revised, and the quarantine listed by file, row, column and reason only.
 */
final class QualitySection {
    private QualitySection() {}

    /** Checks about files or months that did not arrive as expected. */
    static final Set<String> LATE_OR_MISSING = Set.of("month_missing", "file_rejected");

    static String render(DataQuality q) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<section id=\"quality\" aria-labelledby=\"quality-h\"><h2 id=\"quality-h\">Data quality</h2>")
                .append(
                        "<p>Findings of the ingest checks across all loaded files (not only this system's). Figures on the"
                                + " other pages exclude quarantined rows.</p>");
        List<Finding> failed = q.findings().stream().filter(f -> !f.passed()).toList();
        long passed = q.findings().size() - failed.size();
        sb.append("<p>")
                .append(failed.size())
                .append(" check(s) failed, ")
                .append(passed)
                .append(" passed.</p>");
        findings(
                sb,
                "Reconciliation and mapping failures",
                failed.stream()
                        .filter(f -> !LATE_OR_MISSING.contains(f.checkId()))
                        .toList());
        findings(
                sb,
                "Late or missing months and rejected files",
                failed.stream()
                        .filter(f -> LATE_OR_MISSING.contains(f.checkId()))
                        .toList());
        files(sb, q.files());
        revisions(sb, q);
        quarantine(sb, q);
        return sb.append("</section>").toString();
    }

    private static void findings(StringBuilder sb, String caption, List<Finding> rows) {
        sb.append("<h3>").append(esc(caption)).append("</h3>");
        if (rows.isEmpty()) {
            sb.append("<p>None.</p>");
            return;
        }
        sb.append("<table><caption>")
                .append(esc(caption))
                .append("</caption><thead><tr><th scope=\"col\">Check</th>")
                .append("<th scope=\"col\">Severity</th><th scope=\"col\">Subject</th><th scope=\"col\">Month</th>")
                .append("<th scope=\"col\">File</th><th scope=\"col\">Observed</th><th scope=\"col\">Expected</th>")
                .append("<th scope=\"col\">What it means</th></tr></thead><tbody>");
        for (Finding f : rows) {
            sb.append("<tr><td>")
                    .append(esc(f.checkId()))
                    .append("</td><td class=\"sev-")
                    .append(Html.anchor(f.severity()))
                    .append("\">")
                    .append(esc(f.severity()))
                    .append("</td><td>")
                    .append(esc(f.subject()))
                    .append("</td><td>")
                    .append(f.period() == null ? "" : esc(ValueFormat.month(f.period())))
                    .append("</td><td>")
                    .append(esc(f.sourceFile()))
                    .append("</td><td>")
                    .append(esc(f.observed()))
                    .append("</td><td>")
                    .append(esc(f.expected()))
                    .append("</td><td>")
                    .append(esc(f.message()))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }

    private static void files(StringBuilder sb, List<FileStatus> files) {
        sb.append("<h3>Files received</h3>");
        if (files.isEmpty()) {
            sb.append("<p>No file has been ingested.</p>");
            return;
        }
        sb.append("<table><caption>Landed files and their status</caption><thead><tr><th scope=\"col\">File</th>")
                .append("<th scope=\"col\">Dataset</th><th scope=\"col\">Status</th><th scope=\"col\">Rows</th>")
                .append("<th scope=\"col\">Message</th></tr></thead><tbody>");
        for (FileStatus f : files) {
            sb.append("<tr><td>")
                    .append(esc(f.sourceFile()))
                    .append("</td><td>")
                    .append(esc(f.dataset()))
                    .append("</td><td>")
                    .append(esc(f.status()))
                    .append("</td><td class=\"num\">")
                    .append(f.dataRows() == null ? "–" : ValueFormat.number(f.dataRows()))
                    .append("</td><td>")
                    .append(esc(f.message()))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }

    private static void revisions(StringBuilder sb, DataQuality q) {
        sb.append("<h3>Revised months</h3>");
        if (q.revisions().isEmpty()) {
            sb.append("<p>No published figure has been revised: no month was re-published with different figures.</p>");
            return;
        }
        sb.append("<p>")
                .append(q.revisionsTotal())
                .append(" published value(s) changed when NHS England re-published a month");
        if (q.revisions().size() < q.revisionsTotal()) {
            sb.append("; the latest ")
                    .append(q.revisions().size())
                    .append(" are shown (all are in gold.revisions_published)");
        }
        sb.append(". The pages show the revised figures; values are on the indicator's scale (proportions as"
                        + " fractions), a dash where the value was suppressed or absent.</p>")
                .append("<table><caption>Published values changed by a newer vintage</caption><thead><tr>")
                .append("<th scope=\"col\">Month</th><th scope=\"col\">Organisation</th>")
                .append("<th scope=\"col\">Indicator</th><th scope=\"col\">Stratum</th>")
                .append("<th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Change</th>")
                .append("<th scope=\"col\">Earlier file</th><th scope=\"col\">Newer file</th></tr></thead><tbody>");
        for (ReportModel.Revised r : q.revisions()) {
            sb.append("<tr><td>")
                    .append(esc(ValueFormat.month(r.period())))
                    .append("</td><td>")
                    .append(esc(r.orgLevel() + " " + r.orgCode()))
                    .append("</td><td>")
                    .append(esc(r.indicatorId()))
                    .append("</td><td>")
                    .append(esc(r.stratum()))
                    .append("</td><td class=\"num\">")
                    .append(precise(r.previousValue()))
                    .append("</td><td class=\"num\">")
                    .append(precise(r.value()))
                    .append("</td><td class=\"num\">")
                    .append(
                            r.previousValue() == null || r.value() == null
                                    ? "–"
                                    : String.format(java.util.Locale.UK, "%+.3g", r.value() - r.previousValue()))
                    .append("</td><td>")
                    .append(esc(r.previousFile()))
                    .append("</td><td>")
                    .append(esc(r.file()))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }

    /** Six significant figures: a revision of a 4-hour % by 1e-5 must stay visible. */
    private static String precise(Double v) {
        return v == null || !Double.isFinite(v) ? "–" : String.format(java.util.Locale.UK, "%.6g", v);
    }

    private static void quarantine(StringBuilder sb, DataQuality q) {
        sb.append("<h3>Quarantined rows</h3><p>").append(q.quarantinedTotal()).append(" row finding(s) in quarantine");
        if (q.quarantined().size() < q.quarantinedTotal()) {
            sb.append("; the first ")
                    .append(q.quarantined().size())
                    .append(" are shown (all are in silver.quarantine)");
        }
        sb.append(". Each is listed by file, row, column and reason only: the rows themselves stay in the lakehouse"
                + " (patient-level rows in bronze, never in this report).</p>");
        if (q.quarantined().isEmpty()) {
            return;
        }
        sb.append("<table><caption>Quarantined rows</caption><thead><tr><th scope=\"col\">File</th>")
                .append("<th scope=\"col\">Row</th><th scope=\"col\">Column</th><th scope=\"col\">Reason</th>")
                .append("</tr></thead><tbody>");
        for (Quarantined r : q.quarantined()) {
            sb.append("<tr><td>")
                    .append(esc(r.sourceFile()))
                    .append("</td><td class=\"num\">")
                    .append(r.rowNumber())
                    .append("</td><td>")
                    .append(esc(r.column()))
                    .append("</td><td>")
                    .append(esc(r.reason()))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }
}
