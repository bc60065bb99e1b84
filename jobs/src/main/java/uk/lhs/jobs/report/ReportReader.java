package uk.lhs.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static uk.lhs.jobs.report.Cells.bool;
import static uk.lhs.jobs.report.Cells.date;
import static uk.lhs.jobs.report.Cells.dbl;
import static uk.lhs.jobs.report.Cells.integer;
import static uk.lhs.jobs.report.Cells.lng;
import static uk.lhs.jobs.report.Cells.str;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.RunRecorder;
import uk.lhs.common.report.EquitySection;
import uk.lhs.common.report.ReportModel.ChartPoint;
import uk.lhs.common.report.ReportModel.DataQuality;
import uk.lhs.common.report.ReportModel.Effect;
import uk.lhs.common.report.ReportModel.EnglandReport;
import uk.lhs.common.report.ReportModel.FileStatus;
import uk.lhs.common.report.ReportModel.Finding;
import uk.lhs.common.report.ReportModel.Funnel;
import uk.lhs.common.report.ReportModel.FunnelPoint;
import uk.lhs.common.report.ReportModel.IndicatorInfo;
import uk.lhs.common.report.ReportModel.LearningRow;
import uk.lhs.common.report.ReportModel.Marker;
import uk.lhs.common.report.ReportModel.Quarantined;
import uk.lhs.common.report.ReportModel.Revised;
import uk.lhs.common.report.ReportModel.SeriesKey;
import uk.lhs.common.report.ReportModel.SeriesPage;
import uk.lhs.common.report.ReportModel.SeriesSummary;
import uk.lhs.common.report.ReportModel.SystemReport;
import uk.lhs.common.report.ReportModel.ValueRow;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.tables.VintageTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Stratum;

/**
 * Reads the published gold tables and the metadata tables, each pinned at the Delta version current when the reader
 * is made (so every page of one report describes the same data), and fills the dashboard's records for one system at
 * a time. Only the rows of the system, its trusts and the funnel months are collected to the driver.
 *
 * <p>The dashboard leaves the lakehouse (it is e-mailed to boards), so it reads only tables whose
 * {@link Release#leavesLakehouse() release leaves the lakehouse}: the {@code _published} gold tables, built from
 * disclosure-controlled counts, and metadata. The one exception is {@link #PROJECTED}: a table read only through a
 * projection that keeps no figure or field about patients. The constructor refuses any other table, and every read
 * goes through {@link #TABLES}.
 */
public final class ReportReader {
    /** Quarantined rows listed on the data-quality page (the rest are counted). */
    public static final int QUARANTINE_SHOWN = 200;

    /** Revised published values listed on the data-quality page (the rest are counted). */
    public static final int REVISIONS_SHOWN = 200;

    /** The tables a report reads: published or metadata, plus the {@link #PROJECTED} ones. */
    public static final List<TableContract> TABLES = List.of(
            SpcTables.SPC_SUMMARY_PUBLISHED,
            SpcTables.SPC_POINTS_PUBLISHED,
            IndicatorTables.INDICATOR_VALUES_PUBLISHED,
            IndicatorTables.FUNNEL_POINTS_PUBLISHED,
            EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED,
            EvaluationTables.INTERVENTION_EQUITY_PUBLISHED,
            EvaluationTables.PROGRAMME_EFFECTS_PUBLISHED,
            EvaluationTables.INTERVENTIONS,
            IngestTables.ORGANISATIONS,
            IngestTables.DATA_QUALITY,
            IngestTables.QUARANTINE,
            IngestTables.FILES,
            VintageTables.REVISIONS_PUBLISHED,
            Tables.PIPELINE_RUNS);

    /**
     * Tables that do not leave the lakehouse but are read, only through a projection that keeps no figure or field
     * about patients (the data-quality section's quarantine listing: file, row number, column, reason).
     */
    public static final Set<TableContract> PROJECTED = Set.of(IngestTables.QUARANTINE);

    /**
     * The pooled effects across sites (helper LEARN's contract): read when it is declared in {@link Tables} and has
     * been written, otherwise the "what works where" page shows its empty state.
     */
    static final String LEARNING_PUBLISHED = "gold.learning_published";

    /** A system and its trusts. */
    public record SystemInfo(String code, String name, List<String> trusts) {}

    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, Dataset<Row>> frames = new HashMap<>();
    private final TableContract learning;

    /** Pins every table at its current version; tables not yet written read as absent. */
    public ReportReader(Lakehouse lakehouse) {
        learning = Tables.byQualifiedName(LEARNING_PUBLISHED).orElse(null);
        List<TableContract> read = new ArrayList<>(TABLES);
        if (learning != null) {
            read.add(learning);
        }
        requireReadable(read);
        for (TableContract t : read) {
            long v = lakehouse.currentVersion(t);
            versions.put(t.qualifiedName(), v);
            if (v >= 0) {
                frames.put(t.qualifiedName(), lakehouse.readVersion(t, v));
            }
        }
        if (!frames.containsKey(SpcTables.SPC_SUMMARY_PUBLISHED.qualifiedName())) {
            throw new IllegalStateException(SpcTables.SPC_SUMMARY_PUBLISHED.qualifiedName() + " does not exist in "
                    + lakehouse.root() + ": run the pipeline first (lhs run, or lhs demo)");
        }
    }

    /**
     * Refuses tables the dashboard may not show.
     *
     * @throws IllegalArgumentException naming every table that neither leaves the lakehouse nor is {@link #PROJECTED}
     */
    static void requireReadable(List<TableContract> tables) {
        List<String> refused = tables.stream()
                .filter(t -> !t.release().leavesLakehouse() && !PROJECTED.contains(t))
                .map(t -> t.qualifiedName() + " (" + t.release() + ")")
                .toList();
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("the dashboard reads only published and metadata tables, not "
                    + String.join(", ", refused) + "; read the _published form");
        }
    }

    /** Delta version read per table (-1 = the table does not exist yet). */
    public Map<String, Long> versions() {
        return versions;
    }

    /** The table's rows matching {@code filter}, sorted on the driver (the data is small; a Spark sort costs jobs). */
    private List<Row> collect(TableContract t, Column filter, String... order) {
        if (!versions.containsKey(t.qualifiedName()) || PROJECTED.contains(t)) {
            throw new IllegalArgumentException(t.qualifiedName() + " is not read whole by the dashboard (see TABLES)");
        }
        Dataset<Row> df = frames.get(t.qualifiedName());
        if (df == null) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>((filter == null ? df : df.where(filter)).collectAsList());
        if (order.length > 0) {
            rows.sort(byColumns(order));
        }
        return rows;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Row> byColumns(String... columns) {
        return (a, b) -> {
            for (String c : columns) {
                Comparable x = (Comparable) a.getAs(c);
                Comparable y = (Comparable) b.getAs(c);
                int cmp = x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        };
    }

    /** Systems with at least one series in gold.spc_summary_published, with their trusts, ordered by code. */
    public List<SystemInfo> systems() {
        Map<String, SystemInfo> out = new LinkedHashMap<>();
        List<Row> orgs = collect(IngestTables.ORGANISATIONS, null, Cols.ORG_CODE);
        List<Row> systemSeries = collect(
                SpcTables.SPC_SUMMARY_PUBLISHED, col(Cols.ORG_LEVEL).equalTo(OrgLevel.SYSTEM.label()), Cols.ORG_CODE);
        for (Row s : systemSeries) {
            String code = str(s, Cols.ORG_CODE);
            if (out.containsKey(code)) {
                continue;
            }
            String name = str(s, Cols.ORG_NAME);
            List<String> trusts = new ArrayList<>();
            for (Row o : orgs) {
                if (OrgLevel.TRUST.label().equals(str(o, Cols.ORG_LEVEL)) && code.equals(str(o, Cols.SYSTEM_CODE))) {
                    trusts.add(str(o, Cols.ORG_CODE));
                }
                if (code.equals(str(o, Cols.ORG_CODE)) && str(o, Cols.ORG_NAME) != null) {
                    name = str(o, Cols.ORG_NAME);
                }
            }
            out.put(code, new SystemInfo(code, name == null ? code : name, trusts));
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The dashboard records of the given systems. Each table is queried once for all of them (rows of the systems and
     * their trusts only), then split per system on the driver.
     *
     * @param systems the systems, from {@link #systems()}
     * @param generatedAt the report's time stamp (UTC text)
     * @return one report per system, in the given order
     */
    public List<SystemReport> read(List<SystemInfo> systems, String generatedAt) {
        Map<String, String> owner = new HashMap<>();
        for (SystemInfo sys : systems) {
            owner.put("system|" + sys.code(), sys.code());
            for (String t : sys.trusts()) {
                owner.put("trust|" + t, sys.code());
            }
        }
        Column mine = concat_ws("|", col(Cols.ORG_LEVEL), col(Cols.ORG_CODE))
                .isin(owner.keySet().toArray());
        Map<String, String> titles = new HashMap<>();
        Map<String, Integer> order = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        Map<String, List<ValueRow>> valueRows = new HashMap<>();
        for (Row v : collect(IndicatorTables.INDICATOR_VALUES_PUBLISHED, mine, Cols.PERIOD_START)) {
            String ind = str(v, Cols.INDICATOR_ID);
            String title = str(v, "indicator_title") != null ? str(v, "indicator_title") : str(v, "title");
            if (title != null) {
                titles.put(ind, title);
            }
            if (str(v, Cols.UNIT) != null) {
                units.put(ind, str(v, Cols.UNIT));
            }
            if (integer(v, "sort_order") != null) {
                order.put(ind, integer(v, "sort_order"));
            }
            valueRows
                    .computeIfAbsent(seriesId(v), k -> new ArrayList<>())
                    .add(new ValueRow(
                            date(v, Cols.PERIOD_START),
                            dbl(v, Cols.NUMERATOR),
                            dbl(v, Cols.DENOMINATOR),
                            dbl(v, Cols.VALUE),
                            dbl(v, "ci_lower"),
                            dbl(v, "ci_upper"),
                            dbl(v, "target"),
                            str(v, Cols.STATUS),
                            str(v, "value_display")));
        }
        Map<String, List<ChartPoint>> points = new HashMap<>();
        for (Row p : collect(SpcTables.SPC_POINTS_PUBLISHED, mine, Cols.PERIOD_START)) {
            points.computeIfAbsent(seriesId(p), k -> new ArrayList<>())
                    .add(new ChartPoint(
                            date(p, Cols.PERIOD_START),
                            dbl(p, Cols.VALUE),
                            dbl(p, "centre"),
                            dbl(p, "lower_limit"),
                            dbl(p, "upper_limit"),
                            str(p, "point_type"),
                            integer(p, "phase") == null ? 1 : integer(p, "phase")));
        }
        EffectsReader effects = new EffectsReader(
                collect(
                        EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED,
                        mine,
                        Cols.INTERVENTION_ID,
                        Cols.ORG_CODE,
                        Cols.INDICATOR_ID),
                collect(EvaluationTables.INTERVENTIONS, null),
                titles,
                units);
        ProgrammesReader programmes = new ProgrammesReader(
                collect(EvaluationTables.PROGRAMME_EFFECTS_PUBLISHED, null),
                collect(EvaluationTables.INTERVENTIONS, null),
                titles,
                units);
        Map<String, Funnel> funnels = funnels(new ArrayList<>(titles.keySet()));
        Map<String, List<SeriesPage>> pages = new HashMap<>();
        for (Row s : collect(SpcTables.SPC_SUMMARY_PUBLISHED, mine)) {
            SeriesKey key = new SeriesKey(
                    str(s, Cols.ORG_LEVEL), str(s, Cols.ORG_CODE), str(s, Cols.INDICATOR_ID), str(s, Cols.STRATUM));
            String id = seriesId(s);
            SeriesSummary summary = summary(s, titles);
            List<Marker> markers = effects.markers(key.orgLevel(), key.orgCode(), key.indicatorId());
            Funnel funnel = OrgLevel.TRUST.label().equals(key.orgLevel()) && Stratum.ALL.equals(key.stratum())
                    ? withHighlight(funnels.get(key.indicatorId()), key.orgCode())
                    : null;
            pages.computeIfAbsent(owner.get(key.orgLevel() + "|" + key.orgCode()), k -> new ArrayList<>())
                    .add(new SeriesPage(
                            summary,
                            points.getOrDefault(id, List.of()),
                            valueRows.getOrDefault(id, List.of()),
                            markers,
                            funnel));
        }
        Comparator<SeriesPage> display = Comparator.comparing((SeriesPage p) ->
                        OrgLevel.SYSTEM.label().equals(p.summary().key().orgLevel()) ? 0 : 1)
                .thenComparing(p -> p.summary().key().orgCode())
                .thenComparing(p -> order.getOrDefault(p.summary().key().indicatorId(), Integer.MAX_VALUE))
                .thenComparing(p -> p.summary().key().indicatorId())
                .thenComparing(p -> Stratum.ALL.equals(p.summary().key().stratum())
                        ? ""
                        : p.summary().key().stratum());
        DataQuality quality = quality();
        String latestRun = latestRun();
        List<EquitySection.Equity> equity = EquityReader.read(
                collect(
                        EvaluationTables.INTERVENTION_EQUITY_PUBLISHED,
                        mine,
                        Cols.INTERVENTION_ID,
                        Cols.ORG_CODE,
                        Cols.INDICATOR_ID),
                collect(EvaluationTables.INTERVENTIONS, null),
                titles);
        List<SystemReport> out = new ArrayList<>();
        for (SystemInfo sys : systems) {
            List<SeriesPage> mineOnly = new ArrayList<>(pages.getOrDefault(sys.code(), List.of()));
            mineOnly.sort(display);
            List<Effect> effectsOfSystem = effects.effects().stream()
                    .filter(e -> sys.code().equals(owner.get(e.orgLevel() + "|" + e.orgCode())))
                    .toList();
            out.add(new SystemReport(
                    sys.code(),
                    sys.name(),
                    mineOnly,
                    effectsOfSystem,
                    quality,
                    versions,
                    latestRun,
                    generatedAt,
                    equity.stream()
                            .filter(e -> sys.code().equals(owner.get(e.orgLevel() + "|" + e.orgCode())))
                            .toList(),
                    programmes.of(sys.trusts())));
        }
        return out;
    }

    private static SeriesSummary summary(Row s, Map<String, String> titles) {
        SeriesKey key = new SeriesKey(
                str(s, Cols.ORG_LEVEL), str(s, Cols.ORG_CODE), str(s, Cols.INDICATOR_ID), str(s, Cols.STRATUM));
        return new SeriesSummary(
                key,
                str(s, Cols.ORG_NAME),
                titles.getOrDefault(key.indicatorId(), key.indicatorId()),
                str(s, Cols.UNIT),
                str(s, Cols.IMPROVEMENT_DIRECTION),
                str(s, Cols.CHART_TYPE),
                bool(s, "charted"),
                date(s, "latest_period"),
                dbl(s, "latest_value"),
                str(s, "variation_icon"),
                str(s, "assurance_icon"),
                dbl(s, "target"),
                Cells.strings(s, "warnings"));
    }

    /**
     * The national view: every system's system-level series (stratum all) against its peers, where each system's
     * trusts sit in the national funnels, and the pooled effects of gold.learning_published.
     *
     * @param pages system code to the file name of its page written in this run
     * @param generatedAt the report's time stamp (UTC text)
     */
    public EnglandReport england(Map<String, String> pages, String generatedAt) {
        Map<String, String> titles = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        Map<String, Integer> order = new HashMap<>();
        Dataset<Row> values = frames.get(IndicatorTables.INDICATOR_VALUES_PUBLISHED.qualifiedName());
        if (values != null) {
            // One row per indicator (a distinct on the catalog columns), not the values themselves.
            for (Row v : values.select(Cols.INDICATOR_ID, "indicator_title", "title", "sort_order", Cols.UNIT)
                    .distinct()
                    .collectAsList()) {
                String ind = str(v, Cols.INDICATOR_ID);
                String title = str(v, "indicator_title") != null ? str(v, "indicator_title") : str(v, "title");
                if (title != null) {
                    titles.put(ind, title);
                }
                if (str(v, Cols.UNIT) != null) {
                    units.put(ind, str(v, Cols.UNIT));
                }
                if (integer(v, "sort_order") != null) {
                    order.put(ind, integer(v, "sort_order"));
                }
            }
        }
        List<SeriesSummary> summaries = new ArrayList<>();
        for (Row s : collect(
                SpcTables.SPC_SUMMARY_PUBLISHED,
                col(Cols.ORG_LEVEL)
                        .equalTo(OrgLevel.SYSTEM.label())
                        .and(col(Cols.STRATUM).equalTo(Stratum.ALL)),
                Cols.ORG_CODE,
                Cols.INDICATOR_ID)) {
            summaries.add(summary(s, titles));
        }
        List<IndicatorInfo> indicators = EnglandReader.indicators(summaries, order);
        Map<String, Funnel> funnels =
                funnels(indicators.stream().map(IndicatorInfo::id).toList());
        List<LearningRow> learned = learning == null
                ? List.of()
                : EnglandReader.learning(
                        collect(learning, null, "intervention_type", Cols.INDICATOR_ID, "method"), titles, units);
        return new EnglandReport(
                indicators,
                EnglandReader.systems(systems(), pages, summaries, funnels),
                funnels,
                learned,
                versions,
                latestRun(),
                generatedAt);
    }

    private static String seriesId(Row r) {
        return str(r, Cols.ORG_LEVEL) + "|" + str(r, Cols.ORG_CODE) + "|" + str(r, Cols.INDICATOR_ID) + "|"
                + str(r, Cols.STRATUM);
    }

    /**
     * Per indicator, the funnel of its latest month in gold.funnel_points_published (no highlight yet); none while that
     * table does not exist.
     */
    private Map<String, Funnel> funnels(List<String> indicators) {
        Map<String, Funnel> out = new HashMap<>();
        if (indicators.isEmpty()) {
            return out;
        }
        List<Row> rows = collect(
                IndicatorTables.FUNNEL_POINTS_PUBLISHED,
                col(Cols.INDICATOR_ID).isin(indicators.toArray()),
                Cols.INDICATOR_ID,
                Cols.PERIOD_START);
        Map<String, LocalDate> latest = new HashMap<>();
        for (Row r : rows) {
            latest.merge(str(r, Cols.INDICATOR_ID), date(r, Cols.PERIOD_START), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<String, List<FunnelPoint>> pts = new HashMap<>();
        Map<String, Double> centre = new HashMap<>();
        for (Row r : rows) {
            String ind = str(r, Cols.INDICATOR_ID);
            if (!date(r, Cols.PERIOD_START).equals(latest.get(ind))
                    || dbl(r, Cols.VALUE) == null
                    || dbl(r, Cols.DENOMINATOR) == null) {
                continue;
            }
            centre.putIfAbsent(ind, dbl(r, "target"));
            pts.computeIfAbsent(ind, k -> new ArrayList<>())
                    .add(new FunnelPoint(
                            str(r, Cols.ORG_CODE),
                            str(r, Cols.ORG_NAME),
                            dbl(r, Cols.DENOMINATOR),
                            dbl(r, Cols.VALUE),
                            dbl(r, Cols.LOWER_95),
                            dbl(r, Cols.UPPER_95),
                            dbl(r, "lower_998"),
                            dbl(r, "upper_998"),
                            str(r, "position_998")));
        }
        for (Map.Entry<String, List<FunnelPoint>> e : pts.entrySet()) {
            out.put(e.getKey(), new Funnel(latest.get(e.getKey()), centre.get(e.getKey()), null, e.getValue()));
        }
        return out;
    }

    private static Funnel withHighlight(Funnel f, String orgCode) {
        if (f == null || f.points().stream().noneMatch(p -> p.orgCode().equals(orgCode))) {
            return null;
        }
        return new Funnel(f.period(), f.centre(), orgCode, f.points());
    }

    private DataQuality quality() {
        List<Finding> findings = new ArrayList<>();
        for (Row r : collect(IngestTables.DATA_QUALITY, null, "passed", "check_id", "subject")) {
            findings.add(new Finding(
                    str(r, "check_id"),
                    str(r, "severity"),
                    bool(r, "passed"),
                    str(r, "subject"),
                    str(r, Cols.SOURCE_FILE),
                    date(r, Cols.PERIOD_START),
                    str(r, "observed"),
                    str(r, "expected"),
                    str(r, "message")));
        }
        Dataset<Row> q = frames.get(IngestTables.QUARANTINE.qualifiedName());
        long total = q == null ? 0 : q.count();
        List<Quarantined> shown = new ArrayList<>();
        if (q != null) {
            // These four columns only: the row's text and hash are never read into the report.
            for (Row r : q.select(Cols.SOURCE_FILE, "row_number", "column_name", "reason")
                    .orderBy(col(Cols.SOURCE_FILE), col("row_number"))
                    .limit(QUARANTINE_SHOWN)
                    .collectAsList()) {
                shown.add(new Quarantined(
                        str(r, Cols.SOURCE_FILE), integer(r, "row_number"), str(r, "column_name"), str(r, "reason")));
            }
        }
        List<FileStatus> files = new ArrayList<>();
        for (Row r : collect(IngestTables.FILES, null, Cols.SOURCE_FILE)) {
            files.add(new FileStatus(
                    str(r, Cols.SOURCE_FILE),
                    str(r, Cols.DATASET),
                    str(r, Cols.STATUS),
                    lng(r, "data_rows"),
                    str(r, "message")));
        }
        List<Row> revisedRows = collect(VintageTables.REVISIONS_PUBLISHED, null);
        Map<String, String> fileNames = new HashMap<>();
        for (Row r : collect(IngestTables.FILES, null)) {
            fileNames.put(str(r, Cols.SOURCE_SHA256), str(r, Cols.SOURCE_FILE));
        }
        List<Revised> revised = revisedRows.stream()
                .map(r -> new Revised(
                        date(r, Cols.PERIOD_START),
                        str(r, Cols.ORG_LEVEL),
                        str(r, Cols.ORG_CODE),
                        str(r, Cols.INDICATOR_ID),
                        str(r, Cols.STRATUM),
                        dbl(r, VintageTables.PREVIOUS_VALUE),
                        dbl(r, Cols.VALUE),
                        fileName(fileNames, str(r, VintageTables.PREVIOUS_SOURCE_SHA256)),
                        fileName(fileNames, str(r, Cols.SOURCE_SHA256))))
                .sorted(Comparator.comparing(Revised::period)
                        .reversed()
                        .thenComparing(r -> -OrgLevel.fromLabel(r.orgLevel()).ordinal())
                        .thenComparing(Revised::orgCode)
                        .thenComparing(Revised::indicatorId)
                        .thenComparing(Revised::stratum))
                .limit(REVISIONS_SHOWN)
                .toList();
        return new DataQuality(findings, shown, total, files, revised, revisedRows.size());
    }

    /** A file's name from bronze.files, else its sha256. */
    private static String fileName(Map<String, String> names, String sha) {
        return sha == null ? null : names.getOrDefault(sha, sha);
    }

    /** The run id of the latest stage that succeeded, from gold.pipeline_runs. */
    private String latestRun() {
        Dataset<Row> runs = frames.get(Tables.PIPELINE_RUNS.qualifiedName());
        if (runs == null) {
            return null;
        }
        List<Row> last = RunRecorder.latest(runs)
                .where(col(Cols.STATUS).equalTo(lit("succeeded")))
                .orderBy(col("started_at").desc())
                .limit(1)
                .collectAsList();
        return last.isEmpty() ? null : str(last.get(0), Cols.RUN_ID);
    }
}
