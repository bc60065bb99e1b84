package uk.lhs.common.evaluation.spark;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.programme.ProgrammeInput;
import uk.lhs.common.evaluation.programme.ProgrammeResult;
import uk.lhs.common.evaluation.staggered.ControlGroup;
import uk.lhs.common.evaluation.staggered.StaggeredResult;
import uk.lhs.common.evaluation.staggered.StaggeredRow;
import uk.lhs.common.evaluation.staggered.Twfe;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.tables.EvaluationTables;

/**
 * Rows of {@code gold.programme_effects} ({@link EvaluationTables#PROGRAMME_EFFECTS} column order, without the
 * published stamps) for one programme × indicator: one per row of the staggered result (periods as calendar months),
 * a {@code twfe} row and a {@code summary} row. NaN figures are written as null.
 */
public final class ProgrammeRows {
    private ProgrammeRows() {}

    /** The summary row's and the overall rows' cell. */
    public static final String OVERALL = "overall";

    /** Aggregation name of the two-way fixed-effects row. */
    public static final String TWFE = "twfe";

    /** Aggregation name of the summary row. */
    public static final String SUMMARY = "summary";

    /**
     * Builds the rows.
     *
     * @param r the evaluation
     * @param runId the run writing them
     * @return the rows: the staggered rows (none when not run), twfe (when run), summary
     */
    public static List<Row> of(ProgrammeResult r, String runId) {
        List<Row> out = new ArrayList<>();
        ProgrammeInput in = r.input();
        StaggeredResult s = r.result();
        List<String> rollout = new ArrayList<>();
        r.cohorts().values().forEach(rollout::addAll);
        rollout.sort(null);
        Integer units = s == null ? null : s.units();
        Integer cohorts = s == null ? null : s.cohorts();
        String comparison = in.options().control() == ControlGroup.NEVER_TREATED ? "never_treated" : "not_yet_treated";
        String direction = in.expectedDirection().name().toLowerCase(Locale.ROOT);
        if (s != null) {
            for (StaggeredRow row : s.rows()) {
                YearMonth g = row.group() == null ? null : r.month(row.group());
                YearMonth t = row.time() == null ? null : r.month(row.time());
                String cell = row.isOverall()
                        ? OVERALL
                        : g != null && t != null
                                ? "g=" + g + ",t=" + t
                                : g != null ? "g=" + g : t != null ? "t=" + t : "e=" + row.eventTime();
                List<String> trusts = g != null && t == null ? r.cohorts().get(g) : null;
                out.add(RowFactory.create(
                        in.programmeId(),
                        in.indicatorId(),
                        row.aggregation(),
                        cell,
                        g == null ? null : Date.valueOf(g.atDay(1)),
                        t == null ? null : Date.valueOf(t.atDay(1)),
                        row.eventTime(),
                        orNull(row.estimate()),
                        orNull(row.se()),
                        orNull(row.ciLower()),
                        orNull(row.ciUpper()),
                        orNull(row.bandLower()),
                        orNull(row.bandUpper()),
                        trusts == null ? null : SparkRows.seq(trusts),
                        units,
                        cohorts,
                        comparison,
                        direction,
                        null,
                        null,
                        null,
                        null,
                        null,
                        runId));
            }
            Twfe w = s.twfe();
            if (w != null) {
                out.add(RowFactory.create(
                        in.programmeId(),
                        in.indicatorId(),
                        TWFE,
                        OVERALL,
                        null,
                        null,
                        null,
                        orNull(w.estimate()),
                        orNull(w.se()),
                        orNull(w.ciLower()),
                        orNull(w.ciUpper()),
                        null,
                        null,
                        null,
                        units,
                        cohorts,
                        comparison,
                        direction,
                        null,
                        null,
                        null,
                        null,
                        null,
                        runId));
            }
        }
        StaggeredRow head = s == null ? null : s.overall(StaggeredResult.GROUP);
        out.add(RowFactory.create(
                in.programmeId(),
                in.indicatorId(),
                SUMMARY,
                OVERALL,
                null,
                null,
                null,
                head == null ? null : orNull(head.estimate()),
                head == null ? null : orNull(head.se()),
                head == null ? null : orNull(head.ciLower()),
                head == null ? null : orNull(head.ciUpper()),
                null,
                null,
                SparkRows.seq(rollout),
                units,
                cohorts,
                comparison,
                direction,
                s == null || s.preTest() == null ? null : orNull(s.preTest().pValue()),
                r.attribution().label(),
                SparkRows.seq(r.reasons()),
                SparkRows.seq(caveats(r.caveats())),
                r.statement(),
                runId));
        return out;
    }

    private static List<Row> caveats(List<Caveat> caveats) {
        List<Row> out = new ArrayList<>();
        for (Caveat c : caveats) {
            out.add(RowFactory.create(c.code().name(), c.severity().label(), c.message()));
        }
        return out;
    }

    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
