package uk.lhs.common.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The values a system's dashboard shows, as plain records (filled from the gold tables by
 * {@code uk.lhs.jobs.report.ReportReader}, or by hand in tests). Nullable fields are boxed; lists are never null.
 */
public final class ReportModel {
    private ReportModel() {}

    /** One series: {@code (org_level, org_code, indicator_id, stratum)} as in {@code gold.spc_summary}. */
    public record SeriesKey(String orgLevel, String orgCode, String indicatorId, String stratum) {
        /** The series' fragment id in the page. */
        public String anchor() {
            return Html.anchor("s", orgLevel, orgCode, indicatorId, stratum);
        }
    }

    /** One row of {@code gold.spc_summary} with the indicator's display title. */
    public record SeriesSummary(
            SeriesKey key,
            String orgName,
            String indicatorTitle,
            String unit,
            String improvementDirection,
            String chartType,
            boolean charted,
            LocalDate latestPeriod,
            Double latestValue,
            String variationIcon,
            String assuranceIcon,
            Double target,
            List<String> warnings) {
        public SeriesSummary {
            warnings = List.copyOf(warnings);
        }
    }

    /** One point of {@code gold.spc_points}. */
    public record ChartPoint(
            LocalDate period, Double value, Double centre, Double lower, Double upper, String pointType, int phase) {}

    /** A vertical marker on a chart: an intervention's start. */
    public record Marker(LocalDate date, String label) {}

    /** One month of {@code gold.indicator_values} for the data table. */
    public record ValueRow(
            LocalDate period,
            Double numerator,
            Double denominator,
            Double value,
            Double ciLower,
            Double ciUpper,
            Double target,
            String status,
            String display) {}

    /** One trust on a funnel plot ({@code gold.funnel_points}). */
    public record FunnelPoint(
            String orgCode,
            String orgName,
            double denominator,
            double value,
            Double lower95,
            Double upper95,
            Double lower998,
            Double upper998,
            String position998) {}

    /** The funnel plot of one indicator and month, with the trust to highlight. */
    public record Funnel(LocalDate period, Double centre, String highlightCode, List<FunnelPoint> points) {
        public Funnel {
            points = List.copyOf(points);
        }
    }

    /** Everything on a series' page. {@code funnel} is null when the series has no funnel (not a trust, or no data). */
    public record SeriesPage(
            SeriesSummary summary,
            List<ChartPoint> points,
            List<ValueRow> values,
            List<Marker> markers,
            Funnel funnel) {
        public SeriesPage {
            points = List.copyOf(points);
            values = List.copyOf(values);
            markers = List.copyOf(markers);
        }
    }

    /** A caveat: code, severity (info, warning, critical) and message. */
    public record CaveatNote(String code, String severity, String message) {}

    /** One method row of {@code gold.intervention_effects}. */
    public record MethodEstimate(
            String method,
            Double estimate,
            Double ciLower,
            Double ciUpper,
            Double pValue,
            Integer prePeriods,
            Integer postPeriods,
            String statement) {}

    /** One intervention × organisation × indicator: the method rows and the summary row. */
    public record Effect(
            String interventionId,
            String interventionTitle,
            String orgLevel,
            String orgCode,
            String orgName,
            String indicatorId,
            String indicatorTitle,
            String unit,
            LocalDate start,
            LocalDate firstPostMonth,
            String expectedDirection,
            List<MethodEstimate> methods,
            String attribution,
            List<String> reasons,
            List<CaveatNote> caveats,
            String statement) {
        public Effect {
            methods = List.copyOf(methods);
            reasons = List.copyOf(reasons);
            caveats = List.copyOf(caveats);
        }
    }

    /** One finding of {@code gold.data_quality}. */
    public record Finding(
            String checkId,
            String severity,
            boolean passed,
            String subject,
            String sourceFile,
            LocalDate period,
            String observed,
            String expected,
            String message) {}

    /**
     * One row of {@code silver.quarantine} as the dashboard lists it: file, row, column and reason only (never the
     * row's text or hash, for any dataset).
     */
    public record Quarantined(String sourceFile, int rowNumber, String column, String reason) {}

    /** One row of {@code bronze.files}. */
    public record FileStatus(String sourceFile, String dataset, String status, Long dataRows, String message) {}

    /**
     * The data-quality page.
     *
     * @param findings failed findings first
     * @param quarantined the first quarantined rows (at most the reader's limit)
     * @param quarantinedTotal how many rows are in quarantine altogether
     * @param files every landed file and its status
     */
    public record DataQuality(
            List<Finding> findings, List<Quarantined> quarantined, long quarantinedTotal, List<FileStatus> files) {
        public DataQuality {
            findings = List.copyOf(findings);
            quarantined = List.copyOf(quarantined);
            files = List.copyOf(files);
        }
    }

    /**
     * One system's dashboard.
     *
     * @param systemCode ICB code
     * @param systemName ICB name
     * @param series every series of the system and its trusts, in display order
     * @param effects intervention effects for the system and its trusts
     * @param quality data-quality page
     * @param tableVersions Delta version read per table, e.g. {@code gold.spc_summary -> 4}
     * @param latestRunId the run that last wrote the gold tables (from gold.pipeline_runs), may be null
     * @param generatedAt when the report was rendered (UTC, ISO text)
     * @param programmes staggered programmes with a rollout trust in the system
     */
    public record SystemReport(
            String systemCode,
            String systemName,
            List<SeriesPage> series,
            List<Effect> effects,
            DataQuality quality,
            Map<String, Long> tableVersions,
            String latestRunId,
            String generatedAt,
            List<ProgrammeSection.Programme> programmes) {
        public SystemReport {
            series = List.copyOf(series);
            effects = List.copyOf(effects);
            tableVersions = Map.copyOf(tableVersions);
            programmes = programmes == null ? List.of() : List.copyOf(programmes);
        }

        /** A report without programmes. */
        public SystemReport(
                String systemCode,
                String systemName,
                List<SeriesPage> series,
                List<Effect> effects,
                DataQuality quality,
                Map<String, Long> tableVersions,
                String latestRunId,
                String generatedAt) {
            this(systemCode, systemName, series, effects, quality, tableVersions, latestRunId, generatedAt, List.of());
        }
    }
}
