package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.struct;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.stats.Inequality;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.vocab.Cols;

/**
 * gold.inequality from gold.indicator_values: for each organisation, month and indicator with IMD quintile strata
 * ({@code imd_q1} most deprived .. {@code imd_q5}), the slope and relative index of inequality with 95% limits,
 * computed by {@link Inequality} (PHE "Technical Guide: Calculating the slope index of inequality";
 * PHEindicatormethods {@code phe_sii}) from each quintile's value, 95% limits and population.
 *
 * <p>The population share a_i of a quintile is its denominator: discharges for readmissions, ordinary spells for
 * length-of-stay measures; for an indirectly standardised ratio it is the expected count, the case-mix-weighted size
 * of the quintile (gold carries no discharges for ratios). Quintile 1 (most deprived) is at rank 0, so a positive SII
 * means the value rises towards the least deprived end. The simulation scale follows the measure type: logit for
 * proportions, log for ratios and rates, none for means (PHE value_type 2, 1, 0). Counts and percentiles are not
 * compared.
 *
 * <p>Skipped, as a row with status and null SII/RII: {@code missing_quintile} when any of the five quintiles has no
 * row, a zero or missing denominator, or no value (status not ok, partial or low_count: a low-count quintile keeps
 * its value and interval, which the simulation carries) — PHE requires every quantile; and
 * {@code not_computable} when a quintile's value or limits are outside the transformation's range (a proportion of
 * 0 or 1, a ratio of 0, a mean from one stay without limits), where PHE's phe_sii stops.
 */
public final class InequalityTransform {
    /** The deprivation dimension written to {@code dimension}. */
    public static final String IMD = "imd";
    /** The strata of IMD quintiles, most deprived first (PHE quantile order). */
    public static final List<String> QUINTILES = List.of("imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5");
    /**
     * Monte Carlo replicates for gold: 10,000 rather than PHE's 100,000, as one run computes thousands of SIIs. The
     * simulated 2.5% quantile then has a standard error of √(0.025·0.975/10⁴)/φ(1.96) ≈ 0.027 sd, about 0.7% of the
     * interval width (0.2% at 100,000), small beside the width itself.
     */
    public static final int GOLD_REPETITIONS = 10_000;

    private InequalityTransform() {}

    /**
     * Computes the table.
     *
     * @param values rows of {@link IndicatorTables#INDICATOR_VALUES}
     * @param repetitions Monte Carlo replicates per SII ({@link #GOLD_REPETITIONS} in the stage)
     * @return rows of {@link IndicatorTables#INEQUALITY}: one per (org_level, org_code, period_start, indicator_id)
     *     with any IMD quintile row, of indicators whose measure type is proportion, ratio, rate or mean
     */
    public static Dataset<Row> inequality(Dataset<Row> values, int repetitions, String runId, Timestamp computedAt) {
        return values.where(col(Cols.STRATUM)
                        .isin(QUINTILES.toArray())
                        .and(col(Cols.MEASURE_TYPE).isin("proportion", "ratio", "rate", "mean")))
                .groupBy(Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.PERIOD_START, Cols.INDICATOR_ID)
                .agg(
                        first(Cols.ORG_NAME, true).as(Cols.ORG_NAME),
                        first(Cols.MEASURE_TYPE).as(Cols.MEASURE_TYPE),
                        first(Cols.UNIT).as(Cols.UNIT),
                        collect_list(struct(
                                        col(Cols.STRATUM),
                                        col(Cols.DENOMINATOR),
                                        col(Cols.VALUE),
                                        col("ci_lower"),
                                        col("ci_upper"),
                                        col(Cols.STATUS)))
                                .as("q"))
                .mapPartitions(
                        new SiiFunction(repetitions, runId, computedAt),
                        Encoders.row(IndicatorTables.INEQUALITY.schema()));
    }

    /** The SII of one group of quintile rows; serialisable, runs on the executors. */
    static final class SiiFunction implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int repetitions;
        private final String runId;
        private final Timestamp computedAt;

        SiiFunction(int repetitions, String runId, Timestamp computedAt) {
            this.repetitions = repetitions;
            this.runId = runId;
            this.computedAt = computedAt;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            List<Row> out = new ArrayList<>();
            while (input.hasNext()) {
                out.add(apply(input.next()));
            }
            return out.iterator();
        }

        Row apply(Row g) {
            String type = g.getAs(Cols.MEASURE_TYPE);
            Inequality.ValueType valueType = switch (type) {
                case "proportion" -> Inequality.ValueType.PROPORTION;
                case "ratio", "rate" -> Inequality.ValueType.RATE;
                default -> Inequality.ValueType.OTHER;
            };
            Map<String, Row> byStratum = new TreeMap<>();
            for (Row q : g.<Row>getList(g.fieldIndex("q"))) {
                byStratum.put(q.getString(0), q);
            }
            List<Inequality.Quantile> quantiles = new ArrayList<>();
            for (String s : QUINTILES) {
                Row q = byStratum.get(s);
                if (q == null
                        || q.isNullAt(1)
                        || q.getDouble(1) <= 0
                        || q.isNullAt(2)
                        || !(IndicatorTables.STATUS_OK.equals(q.getString(5))
                                || IndicatorTables.STATUS_PARTIAL.equals(q.getString(5))
                                || Reliability.LOW_COUNT.equals(q.getString(5)))) {
                    continue;
                }
                quantiles.add(new Inequality.Quantile(
                        q.getDouble(1),
                        q.getDouble(2),
                        q.isNullAt(3) ? Double.NaN : q.getDouble(3),
                        q.isNullAt(4) ? Double.NaN : q.getDouble(4)));
            }
            String status;
            Inequality.Result r = null;
            if (quantiles.size() < QUINTILES.size()) {
                status = IndicatorTables.INEQUALITY_NO_QUINTILE;
            } else {
                try {
                    r = Inequality.compute(
                            quantiles,
                            new Inequality.Options(valueType, 0.95, repetitions, Inequality.DEFAULT_SEED, 1));
                    status = IndicatorTables.STATUS_OK;
                } catch (IllegalArgumentException e) {
                    status = IndicatorTables.INEQUALITY_NOT_COMPUTABLE;
                }
            }
            return RowFactory.create(
                    g.<String>getAs(Cols.ORG_LEVEL),
                    g.<String>getAs(Cols.ORG_CODE),
                    g.<String>getAs(Cols.ORG_NAME),
                    g.<Date>getAs(Cols.PERIOD_START),
                    g.<String>getAs(Cols.INDICATOR_ID),
                    IMD,
                    quantiles.size(),
                    valueType.name().toLowerCase(java.util.Locale.ROOT),
                    r == null ? null : finite(r.sii()),
                    r == null ? null : finite(r.siiLower()),
                    r == null ? null : finite(r.siiUpper()),
                    r == null ? null : finite(r.rii()),
                    r == null ? null : finite(r.riiLower()),
                    r == null ? null : finite(r.riiUpper()),
                    r == null ? null : repetitions,
                    status,
                    g.<String>getAs(Cols.UNIT),
                    runId,
                    computedAt);
        }

        private static Double finite(double x) {
            return Double.isFinite(x) ? x : null;
        }
    }
}
