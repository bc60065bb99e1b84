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
     * One row of {@code gold.revisions_published}: a published value that a newer vintage of NHS England's file
     * changed.
     *
     * @param previousFile the file the previous value came from (bronze.files), or its sha256 when unknown
     * @param file the newer file
     */
    public record Revised(
            LocalDate period,
            String orgLevel,
            String orgCode,
            String indicatorId,
            String stratum,
            Double previousValue,
            Double value,
            String previousFile,
            String file) {}

    /**
     * The data-quality page.
     *
     * @param findings failed findings first
     * @param quarantined the first quarantined rows (at most the reader's limit)
     * @param quarantinedTotal how many rows are in quarantine altogether
     * @param files every landed file and its status
     * @param revisions the latest revised published values (at most the reader's limit), newest month first
     * @param revisionsTotal how many rows gold.revisions_published holds altogether
     */
    public record DataQuality(
            List<Finding> findings,
            List<Quarantined> quarantined,
            long quarantinedTotal,
            List<FileStatus> files,
            List<Revised> revisions,
            long revisionsTotal) {
        public DataQuality {
            findings = List.copyOf(findings);
            quarantined = List.copyOf(quarantined);
            files = List.copyOf(files);
            revisions = revisions == null ? List.of() : List.copyOf(revisions);
        }

        /** A page without revisions. */
        public DataQuality(
                List<Finding> findings, List<Quarantined> quarantined, long quarantinedTotal, List<FileStatus> files) {
            this(findings, quarantined, quarantinedTotal, files, List.of(), 0);
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
     * @param equity equity of the effects on patient-level indicators ({@link EquitySection})
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
            List<EquitySection.Equity> equity,
            List<ProgrammeSection.Programme> programmes) {
        public SystemReport {
            series = List.copyOf(series);
            effects = List.copyOf(effects);
            tableVersions = Map.copyOf(tableVersions);
            equity = equity == null ? List.of() : List.copyOf(equity);
            programmes = programmes == null ? List.of() : List.copyOf(programmes);
        }

        /** A report without equity results or programmes. */
        public SystemReport(
                String systemCode,
                String systemName,
                List<SeriesPage> series,
                List<Effect> effects,
                DataQuality quality,
                Map<String, Long> tableVersions,
                String latestRunId,
                String generatedAt) {
            this(
                    systemCode,
                    systemName,
                    series,
                    effects,
                    quality,
                    tableVersions,
                    latestRunId,
                    generatedAt,
                    List.of(),
                    List.of());
        }
    }

    /**
     * One site's effect pooled in a row of {@code gold.learning_published} ({@code site_estimates}).
     *
     * @param weight the site's weight in the pooled estimate, in percent
     */
    public record SiteEstimate(
            String interventionId,
            String orgCode,
            String orgName,
            Double estimate,
            Double ciLower,
            Double ciUpper,
            Double weight) {}

    /**
     * One intervention type × indicator × method of {@code gold.learning_published}: the sites' effects and their
     * random-effects pooled estimate ({@code i2} in percent; {@code piLower}/{@code piUpper} the 95% prediction
     * interval, null when k &lt; 3).
     */
    public record LearningRow(
            String interventionType,
            String indicatorId,
            String indicatorTitle,
            String unit,
            String method,
            String pooling,
            Integer k,
            List<SiteEstimate> sites,
            Double estimate,
            Double se,
            Double ciLower,
            Double ciUpper,
            Double tau2,
            Double i2,
            Double q,
            Integer qDf,
            Double qP,
            Double piLower,
            Double piUpper,
            boolean hartungKnapp,
            List<CaveatNote> caveats,
            String statement) {
        public LearningRow {
            sites = List.copyOf(sites);
            caveats = List.copyOf(caveats);
        }
    }

    /**
     * Where a system's trusts sit in the national funnel of one indicator in its latest month
     * ({@code gold.funnel_points_published}): {@code above95}/{@code below95} count trusts outside the 95% limits but
     * inside the 99.8% ones.
     */
    public record TrustPositions(int compared, int above998, int above95, int within95, int below95, int below998) {}

    /** An indicator as a column of the England overview. */
    public record IndicatorInfo(String id, String title, String unit, String improvementDirection) {}

    /**
     * One system (ICB) as a row of the England overview.
     *
     * @param page the file name of the system's dashboard, or null when it was not written in this run
     * @param cells the system-level series of stratum "all", by indicator id
     * @param trusts where the system's trusts sit in each indicator's national funnel, by indicator id
     */
    public record SystemRow(
            String code,
            String name,
            String page,
            Map<String, SeriesSummary> cells,
            Map<String, TrustPositions> trusts) {
        public SystemRow {
            cells = Map.copyOf(cells);
            trusts = Map.copyOf(trusts);
        }
    }

    /**
     * The national view: every system against its peers, the national funnels and what works where.
     *
     * @param indicators the overview's columns, in display order
     * @param systems the overview's rows, ordered by code
     * @param funnels per indicator id, the national funnel of trusts in its latest month (no highlight)
     * @param learning the rows of gold.learning_published, ordered by type, indicator and method
     * @param tableVersions Delta version read per table
     * @param latestRunId the run that last wrote the gold tables, may be null
     * @param generatedAt when the report was rendered (UTC, ISO text)
     */
    public record EnglandReport(
            List<IndicatorInfo> indicators,
            List<SystemRow> systems,
            Map<String, Funnel> funnels,
            List<LearningRow> learning,
            Map<String, Long> tableVersions,
            String latestRunId,
            String generatedAt) {
        public EnglandReport {
            indicators = List.copyOf(indicators);
            systems = List.copyOf(systems);
            funnels = Map.copyOf(funnels);
            learning = List.copyOf(learning);
            tableVersions = Map.copyOf(tableVersions);
        }
    }
}
