package uk.lhs.common.evaluation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.Serializable;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.equity.Subgroups;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.indicators.Indicator;
import uk.lhs.common.indicators.IndicatorCatalog;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.OrgLevel;

/**
 * Turns {@code gold.indicator_values} (or its published twin) and the interventions register into rows of
 * {@code gold.intervention_equity}: for every unit of the main evaluation (intervention × indicator × exposed
 * organisation: each scope trust; for a system scope the system aggregate and every trust of the system open at the
 * start), the organisation's IMD quintile series ({@code imd_q1}..{@code imd_q5}) are grouped by unit and evaluated by
 * {@link uk.lhs.common.evaluation.equity.EquityEvaluator} on an executor. Units whose indicator has no quintile strata
 * (the published A&amp;E and RTT indicators) give no rows. A month whose quintile row has no numerator or denominator,
 * or is suppressed, is a gap.
 *
 * <p>Input columns used: {@code gold.indicator_values} — indicator_id, org_level, org_code, org_name, period_start,
 * stratum, numerator, denominator, status, unit, and {@link EvaluationTransform#REVISED_BY} when present
 * ({@link EvaluationTransform#withRevisions}: REVISED_DATA); {@code silver.organisations} — org_code, org_level, system_code,
 * close_date.
 */
public final class EquityTransform {
    private EquityTransform() {}

    /**
     * What the equity evaluation needs from the catalog for one indicator.
     *
     * @param multiplier value = numerator / denominator × multiplier
     * @param minDenominator reliability minimum (min_denominator; min_expected for ratios); 0 = none
     */
    public record IndicatorSettings(double multiplier, double minDenominator) implements Serializable {}

    /** The settings of every catalog indicator. */
    public static Map<String, IndicatorSettings> settings(IndicatorCatalog catalog) {
        Map<String, IndicatorSettings> out = new HashMap<>();
        for (Indicator i : catalog.indicators()) {
            out.put(i.id(), new IndicatorSettings(i.multiplier(), i.reliabilityMinimum()));
        }
        return out;
    }

    /**
     * Evaluates the equity of every unit of the register.
     *
     * @param indicatorValues rows shaped like gold.indicator_values
     * @param organisations rows shaped like silver.organisations
     * @param register the (validated) register
     * @param settings catalog settings by indicator id; an indicator missing here is taken as multiplier 1, no minimum
     * @param options the evaluation's tuning (baseline, follow-up, HAC lag and form, alpha)
     * @param runId run id stamped on every row
     * @return rows of {@link EvaluationTables#INTERVENTION_EQUITY}: seven per unit with quintile data
     */
    public static Dataset<Row> equity(
            Dataset<Row> indicatorValues,
            Dataset<Row> organisations,
            InterventionRegister register,
            Map<String, IndicatorSettings> settings,
            EvaluationOptions options,
            String runId) {
        var spark = indicatorValues.sparkSession();
        Map<String, List<Row>> trustsOfSystem = new HashMap<>();
        for (Row o : organisations
                .filter(col(Cols.ORG_LEVEL).equalTo(OrgLevel.TRUST.label()))
                .select(Cols.ORG_CODE, Cols.SYSTEM_CODE, "close_date")
                .collectAsList()) {
            trustsOfSystem
                    .computeIfAbsent(o.getString(1), s -> new ArrayList<>())
                    .add(o);
        }
        List<Row> units = new ArrayList<>();
        Set<String> indicators = new LinkedHashSet<>();
        for (Intervention i : register.entries()) {
            for (String ind : i.indicators()) {
                indicators.add(ind);
                if (i.systemScope()) {
                    units.add(RowFactory.create(i.id(), ind, OrgLevel.SYSTEM.label(), i.scopeSystem()));
                    for (Row t : trustsOfSystem.getOrDefault(i.scopeSystem(), List.of())) {
                        Date close = t.getDate(2);
                        if (close == null || close.toLocalDate().isAfter(i.startDate())) {
                            units.add(RowFactory.create(i.id(), ind, OrgLevel.TRUST.label(), t.getString(0)));
                        }
                    }
                } else {
                    for (String t : i.scopeTrusts()) {
                        units.add(RowFactory.create(i.id(), ind, OrgLevel.TRUST.label(), t));
                    }
                }
            }
        }
        Dataset<Row> unitRows = spark.createDataFrame(
                        units,
                        new StructType()
                                .add(Cols.INTERVENTION_ID, StringType)
                                .add("u_ind", StringType)
                                .add("u_level", StringType)
                                .add("u_code", StringType))
                .dropDuplicates();
        Dataset<Row> quintiles = indicatorValues
                .filter(col(Cols.STRATUM)
                        .isin(Subgroups.QUINTILES.toArray())
                        .and(col(Cols.INDICATOR_ID).isin(indicators.toArray())))
                .select(
                        col(Cols.INDICATOR_ID),
                        col(Cols.ORG_LEVEL),
                        col(Cols.ORG_CODE),
                        col(Cols.ORG_NAME),
                        col(Cols.PERIOD_START).cast(DateType).as(Cols.PERIOD_START),
                        col(Cols.STRATUM),
                        suppressedIsNull(Cols.NUMERATOR),
                        suppressedIsNull(Cols.DENOMINATOR),
                        col(Cols.UNIT),
                        EvaluationTransform.revisedBy(indicatorValues));
        Dataset<Row> tagged = unitRows.join(
                        quintiles,
                        col("u_ind")
                                .equalTo(col(Cols.INDICATOR_ID))
                                .and(col("u_level").equalTo(col(Cols.ORG_LEVEL)))
                                .and(col("u_code").equalTo(col(Cols.ORG_CODE))))
                .withColumn(
                        "unit_key",
                        concat_ws(
                                EvaluationTransform.KEY_SEPARATOR,
                                col(Cols.INTERVENTION_ID),
                                col(Cols.INDICATOR_ID),
                                col(Cols.ORG_LEVEL),
                                col(Cols.ORG_CODE)));
        HashMap<String, Intervention> byId = new HashMap<>();
        register.entries().forEach(i -> byId.put(i.id(), i));
        Broadcast<HashMap<String, Intervention>> shared =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(byId);
        return tagged.groupByKey((MapFunction<Row, String>) r -> r.getAs("unit_key"), Encoders.STRING())
                .flatMapGroups(
                        new EquityUnit(shared, new HashMap<>(settings), options, runId),
                        Encoders.row(EvaluationTables.INTERVENTION_EQUITY.schema()));
    }

    /** The count as a double, null when the row is suppressed (published input) or has none. */
    private static org.apache.spark.sql.Column suppressedIsNull(String column) {
        return when(
                        col(Cols.STATUS).isNull().or(col(Cols.STATUS).notEqual(IndicatorTables.STATUS_SUPPRESSED)),
                        col(column).cast("double"))
                .as(column);
    }
}
