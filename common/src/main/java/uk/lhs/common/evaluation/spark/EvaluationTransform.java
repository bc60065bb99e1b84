package uk.lhs.common.evaluation.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.register.ComparatorMode;
import uk.lhs.common.evaluation.register.DataCoverage;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.ingest.SparkRows;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.England;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Stratum;

/**
 * Turns {@code gold.indicator_values} and the interventions register into rows of {@code gold.intervention_effects},
 * distributed by unit (intervention × indicator × exposed organisation).
 *
 * <p>Units: each scope trust; for a system scope, every open trust of the system plus the system aggregate. For each
 * unit the series it needs are tagged in Spark joins (never collected to the driver): its own series; comparators —
 * for {@code auto} every organisation of the same level with data for the indicator, for {@code same_region} only
 * those in the same region, minus every organisation exposed to ANY intervention on that indicator — whatever its
 * dates, which is conservative — and every system containing an exposed trust, whose aggregate includes it; or the
 * register's explicit list as given; the region's series
 * and England's (the region's is used when present, with the exposed organisation's own counts taken out by
 * {@link EvaluateUnit#withoutExposed}: for a trust exposed through a system-wide intervention, the whole system's). Other interventions on the same organisation and indicator
 * (for a system, also on its trusts) and merger or closure dates (silver.organisations) are joined on as well. The
 * tagged rows are grouped by unit and evaluated by {@link EvaluateUnit}. The register is small and broadcast.
 *
 * <p>Input columns used: {@code gold.indicator_values} — indicator_id, org_level, org_code, org_name, period_start,
 * stratum (only 'all'), value (kept when status is ok, partial or low_count; otherwise a gap), numerator, denominator, unit,
 * improvement_direction; {@code silver.organisations} — org_code, org_level, system_code, region_code, close_date,
 * successor_code.
 */
public final class EvaluationTransform {
    private EvaluationTransform() {}

    /** Role of the exposed organisation's own series. */
    public static final String ROLE_EXPOSED = "exposed";
    /** Role of a comparator's series. */
    public static final String ROLE_COMPARATOR = "comparator";
    /** Role of the exposed organisation's region series. */
    public static final String ROLE_REGION = "region";
    /** Role of England's series (used when the region has none). */
    public static final String ROLE_ENGLAND = "england";
    /** Role of the system aggregate for a trust exposed through a system-wide intervention. */
    public static final String ROLE_SCOPE = "scope";
    /** Separator of the unit key: intervention, indicator, level, code. */
    static final String KEY_SEPARATOR = "\t";

    private static final String[] UNIT = {Cols.INTERVENTION_ID, Cols.INDICATOR_ID, "unit_level", "unit_code"};

    /**
     * What the data cover, for {@link uk.lhs.common.evaluation.register.RegisterValidator}: the level of every organisation
     * and the first and last month with a value of every indicator (small aggregates).
     */
    public static DataCoverage coverage(Dataset<Row> indicatorValues, Dataset<Row> organisations) {
        Map<String, String> levels = new HashMap<>();
        for (Row r : organisations.select(Cols.ORG_CODE, Cols.ORG_LEVEL).collectAsList()) {
            levels.put(r.getString(0), r.getString(1));
        }
        Map<String, YearMonth[]> months = new HashMap<>();
        for (Row r : usable(indicatorValues)
                .filter(col(Cols.VALUE).isNotNull())
                .groupBy(Cols.INDICATOR_ID)
                .agg(min(Cols.PERIOD_START), max(Cols.PERIOD_START))
                .collectAsList()) {
            months.put(r.getString(0), new YearMonth[] {
                YearMonth.from(r.getDate(1).toLocalDate()),
                YearMonth.from(r.getDate(2).toLocalDate())
            });
        }
        return new DataCoverage(levels, months);
    }

    /**
     * Evaluates every unit of the register.
     *
     * @param indicatorValues rows shaped like gold.indicator_values
     * @param organisations rows shaped like silver.organisations
     * @param register the (validated) register
     * @param options evaluation tuning
     * @param runId run id stamped on every row
     * @return rows conforming to {@link EvaluationTables#INTERVENTION_EFFECTS}: six per unit
     */
    public static Dataset<Row> effects(
            Dataset<Row> indicatorValues,
            Dataset<Row> organisations,
            InterventionRegister register,
            EvaluationOptions options,
            String runId) {
        SparkSession spark = indicatorValues.sparkSession();
        Dataset<Row> values = usable(indicatorValues);
        Dataset<Row> orgs = organisations.select(
                col(Cols.ORG_CODE).as("o_code"),
                col(Cols.ORG_LEVEL).as("o_level"),
                col(Cols.SYSTEM_CODE).as("o_system"),
                col(Cols.REGION_CODE).as("o_region"),
                col("close_date").as("o_close"),
                col("successor_code").as("o_successor"));

        Dataset<Row> units = units(spark, register, orgs);
        Dataset<Row> unitsFull = withAttributes(units, orgs);
        Dataset<Row> exposures = unitsFull.select(
                col(Cols.INTERVENTION_ID).as("e_id"),
                col(Cols.INDICATOR_ID).as("e_ind"),
                col("unit_code").as("e_code"),
                col(Cols.SYSTEM_CODE).as("e_system"));
        Dataset<Row> others = unitsFull
                .join(
                        exposures,
                        col("e_ind")
                                .equalTo(col(Cols.INDICATOR_ID))
                                .and(col("e_id").notEqual(col(Cols.INTERVENTION_ID)))
                                .and(col("e_code")
                                        .equalTo(col("unit_code"))
                                        .or(col("unit_level")
                                                .equalTo(OrgLevel.SYSTEM.label())
                                                .and(col("e_system").equalTo(col("unit_code"))))))
                .groupBy(cols(UNIT))
                .agg(array_sort(collect_set("e_id")).as("other_ids"));
        unitsFull = unitsFull
                .join(others, SparkRows.seq(List.of(UNIT)), "left")
                .withColumn(
                        "other_ids", coalesce(col("other_ids"), array().cast(DataTypes.createArrayType(StringType))));

        Dataset<Row> roles = roles(spark, register, unitsFull, values, orgs, exposures);
        Dataset<Row> attributes = unitsFull.select(
                col(Cols.INTERVENTION_ID).as("a_id"),
                col(Cols.INDICATOR_ID).as("a_ind"),
                col("unit_level").as("a_level"),
                col("unit_code").as("a_code"),
                col("other_ids"),
                col("has_successor"),
                col("undated_predecessor"),
                col("own_close_date"),
                col("predecessor_close_dates"));
        Dataset<Row> tagged = roles.join(
                        attributes,
                        col("a_id")
                                .equalTo(col(Cols.INTERVENTION_ID))
                                .and(col("a_ind").equalTo(col(Cols.INDICATOR_ID)))
                                .and(col("a_level").equalTo(col("unit_level")))
                                .and(col("a_code").equalTo(col("unit_code")))
                                .and(col("role").equalTo(ROLE_EXPOSED)),
                        "left")
                .join(
                        values.select(
                                col(Cols.INDICATOR_ID).as("v_ind"),
                                col(Cols.ORG_LEVEL).as("v_level"),
                                col(Cols.ORG_CODE).as("v_code"),
                                col(Cols.PERIOD_START),
                                col(Cols.VALUE),
                                col(Cols.NUMERATOR),
                                col(Cols.DENOMINATOR),
                                col(Cols.ORG_NAME),
                                col(Cols.UNIT),
                                col(Cols.IMPROVEMENT_DIRECTION),
                                col(REVISED_BY)),
                        col("v_ind")
                                .equalTo(col(Cols.INDICATOR_ID))
                                .and(col("v_level").equalTo(col("member_level")))
                                .and(col("v_code").equalTo(col("member_code"))),
                        "left")
                .select(
                        col(Cols.INTERVENTION_ID),
                        col(Cols.INDICATOR_ID),
                        col("unit_level"),
                        col("unit_code"),
                        col("role"),
                        col("member_code"),
                        col(Cols.PERIOD_START),
                        col(Cols.VALUE),
                        col(Cols.NUMERATOR),
                        col(Cols.DENOMINATOR),
                        col(Cols.ORG_NAME),
                        col(Cols.UNIT),
                        col(Cols.IMPROVEMENT_DIRECTION),
                        col(REVISED_BY),
                        col("other_ids"),
                        col("has_successor"),
                        col("undated_predecessor"),
                        col("own_close_date"),
                        col("predecessor_close_dates"),
                        concat_ws(KEY_SEPARATOR, cols(UNIT)).as("unit_key"));

        HashMap<String, Intervention> byId = new HashMap<>();
        register.entries().forEach(i -> byId.put(i.id(), i));
        Broadcast<HashMap<String, Intervention>> shared =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(byId);
        return tagged.groupByKey((MapFunction<Row, String>) r -> r.getAs("unit_key"), Encoders.STRING())
                .flatMapGroups(
                        new EvaluateUnit(shared, options, runId),
                        Encoders.row(EvaluationTables.INTERVENTION_EFFECTS.schema()));
    }

    /** indicator_values rows of the 'all' stratum, value nulled unless the status is ok, partial or low_count. */
    private static Dataset<Row> usable(Dataset<Row> iv) {
        return iv.filter(col(Cols.STRATUM).equalTo(Stratum.ALL))
                .select(
                        col(Cols.INDICATOR_ID),
                        col(Cols.ORG_LEVEL),
                        col(Cols.ORG_CODE),
                        col(Cols.ORG_NAME),
                        col(Cols.PERIOD_START).cast(DateType).as(Cols.PERIOD_START),
                        when(
                                        col(Cols.STATUS)
                                                .isNull()
                                                .or(col(Cols.STATUS).isin("ok", "partial", "low_count")),
                                        col(Cols.VALUE).cast("double"))
                                .as(Cols.VALUE),
                        col(Cols.NUMERATOR).cast("double").as(Cols.NUMERATOR),
                        col(Cols.DENOMINATOR).cast("double").as(Cols.DENOMINATOR),
                        col(Cols.UNIT),
                        col(Cols.IMPROVEMENT_DIRECTION),
                        revisedBy(iv));
    }

    /** {@link #REVISED_BY} of {@code iv}'s rows: the column {@link #withRevisions} added, else null (never revised). */
    static Column revisedBy(Dataset<Row> iv) {
        return Arrays.asList(iv.columns()).contains(REVISED_BY)
                ? col(REVISED_BY)
                : lit(null).cast("double").as(REVISED_BY);
    }

    /**
     * The revision of {@code month} that a row's {@link #REVISED_BY} records, or null when the month was never revised.
     */
    static Revision revision(Row r, LocalDate month) {
        Object by = r.getAs(REVISED_BY);
        return by == null ? null : new Revision(month, ((Number) by).doubleValue());
    }

    /**
     * Column added by {@link #withRevisions}: the largest absolute change a newer vintage made to the row's value (NaN
     * when the value appeared or disappeared), null when the month was never revised.
     */
    public static final String REVISED_BY = "revised_by";

    /**
     * indicator_values rows with {@link #REVISED_BY} from the matching revisions table (gold.revisions for the exact
     * values, gold.revisions_published for the published), so the evaluation can caveat a revised window
     * ({@code CaveatCode.REVISED_DATA}).
     *
     * @param revisions rows shaped like gold.revisions, or null when there are none
     */
    public static Dataset<Row> withRevisions(Dataset<Row> indicatorValues, Dataset<Row> revisions) {
        if (revisions == null) {
            return indicatorValues.withColumn(REVISED_BY, lit(null).cast("double"));
        }
        String[] key = {Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.PERIOD_START, Cols.INDICATOR_ID, Cols.STRATUM};
        Dataset<Row> moved = revisions
                .groupBy(cols(key))
                .agg(org.apache
                        .spark
                        .sql
                        .functions
                        .max(coalesce(
                                org.apache.spark.sql.functions.abs(
                                        col(Cols.VALUE).minus(col("previous_value"))),
                                lit(Double.NaN)))
                        .as(REVISED_BY));
        return indicatorValues.join(moved, SparkRows.seq(List.of(key)), "left");
    }

    /** One row per unit: intervention, indicator, level, code, comparator mode. */
    private static Dataset<Row> units(SparkSession spark, InterventionRegister register, Dataset<Row> orgs) {
        StructType schema = new StructType()
                .add(Cols.INTERVENTION_ID, StringType)
                .add(Cols.INDICATOR_ID, StringType)
                .add("scope_level", StringType)
                .add("scope_code", StringType)
                .add("start_month", DateType)
                .add("comparator_mode", StringType);
        List<Row> rows = new ArrayList<>();
        for (Intervention i : register.entries()) {
            for (String ind : i.indicators()) {
                if (i.systemScope()) {
                    rows.add(RowFactory.create(
                            i.id(),
                            ind,
                            OrgLevel.SYSTEM.label(),
                            i.scopeSystem(),
                            Date.valueOf(i.startDate()),
                            i.comparatorMode().label()));
                } else {
                    for (String t : i.scopeTrusts()) {
                        rows.add(RowFactory.create(
                                i.id(),
                                ind,
                                OrgLevel.TRUST.label(),
                                t,
                                Date.valueOf(i.startAt(t).atDay(1)),
                                i.comparatorMode().label()));
                    }
                }
            }
        }
        Dataset<Row> scope = spark.createDataFrame(rows, schema);
        Dataset<Row> direct = scope.select(
                col(Cols.INTERVENTION_ID),
                col(Cols.INDICATOR_ID),
                col("scope_level").as("unit_level"),
                col("scope_code").as("unit_code"),
                col("comparator_mode"));
        Dataset<Row> members = scope.filter(col("scope_level").equalTo(OrgLevel.SYSTEM.label()))
                .join(
                        orgs,
                        col("o_level")
                                .equalTo(OrgLevel.TRUST.label())
                                .and(col("o_system").equalTo(col("scope_code")))
                                .and(col("o_close").isNull().or(col("o_close").gt(col("start_month")))))
                .select(
                        col(Cols.INTERVENTION_ID),
                        col(Cols.INDICATOR_ID),
                        lit(OrgLevel.TRUST.label()).as("unit_level"),
                        col("o_code").as("unit_code"),
                        col("comparator_mode"));
        return direct.union(members).dropDuplicates(UNIT);
    }

    /** Adds region, system, merger and closure facts of each unit's organisation. */
    private static Dataset<Row> withAttributes(Dataset<Row> units, Dataset<Row> orgs) {
        Dataset<Row> predecessors = orgs.filter(col("o_successor").isNotNull())
                .groupBy(col("o_successor").as("p_code"))
                .agg(
                        collect_list("o_close").as("p_dates"),
                        max(col("o_close").isNull()).as("p_undated"));
        return units.join(orgs, col("o_code").equalTo(col("unit_code")), "left")
                .join(predecessors, col("p_code").equalTo(col("unit_code")), "left")
                .select(
                        col(Cols.INTERVENTION_ID),
                        col(Cols.INDICATOR_ID),
                        col("unit_level"),
                        col("unit_code"),
                        col("comparator_mode"),
                        col("o_region").as(Cols.REGION_CODE),
                        when(col("unit_level").equalTo(OrgLevel.SYSTEM.label()), col("unit_code"))
                                .otherwise(col("o_system"))
                                .as(Cols.SYSTEM_CODE),
                        coalesce(col("o_successor").isNotNull(), lit(false)).as("has_successor"),
                        coalesce(col("p_undated"), lit(false)).as("undated_predecessor"),
                        col("o_close").as("own_close_date"),
                        coalesce(col("p_dates"), array().cast(DataTypes.createArrayType(DateType)))
                                .as("predecessor_close_dates"));
    }

    /** Every (unit, role, member) whose series the unit needs. */
    private static Dataset<Row> roles(
            SparkSession spark,
            InterventionRegister register,
            Dataset<Row> units,
            Dataset<Row> values,
            Dataset<Row> orgs,
            Dataset<Row> exposures) {
        Column[] key = cols(UNIT);
        Dataset<Row> exposed = units.select(key)
                .withColumn("role", lit(ROLE_EXPOSED))
                .withColumn("member_level", col("unit_level"))
                .withColumn("member_code", col("unit_code"));
        Dataset<Row> excluded = exposures
                .select(col("e_ind").as("x_ind"), col("e_code").as("x_code"))
                .union(exposures.filter(col("e_system").isNotNull()).select(col("e_ind"), col("e_system")))
                .distinct();
        Dataset<Row> present = values.select(
                        col(Cols.INDICATOR_ID).as("p_ind"),
                        col(Cols.ORG_LEVEL).as("p_level"),
                        col(Cols.ORG_CODE).as("p_code"))
                .distinct()
                .join(
                        orgs.select(col("o_code"), col("o_region").as("p_region")),
                        col("o_code").equalTo(col("p_code")),
                        "left");
        Dataset<Row> automatic = units.filter(col("comparator_mode").notEqual(ComparatorMode.EXPLICIT.label()))
                .join(
                        present,
                        col("p_ind")
                                .equalTo(col(Cols.INDICATOR_ID))
                                .and(col("p_level").equalTo(col("unit_level")))
                                .and(col("p_code").notEqual(col("unit_code")))
                                .and(col("comparator_mode")
                                        .notEqual(ComparatorMode.SAME_REGION.label())
                                        .or(col("p_region").equalTo(col(Cols.REGION_CODE)))))
                .join(
                        excluded,
                        col("x_ind").equalTo(col("p_ind")).and(col("x_code").equalTo(col("p_code"))),
                        "left_anti")
                .select(
                        col(Cols.INTERVENTION_ID),
                        col(Cols.INDICATOR_ID),
                        col("unit_level"),
                        col("unit_code"),
                        lit(ROLE_COMPARATOR).as("role"),
                        col("p_level").as("member_level"),
                        col("p_code").as("member_code"));
        List<Row> listed = new ArrayList<>();
        for (Intervention i : register.entries()) {
            i.comparatorCodes().forEach(c -> listed.add(RowFactory.create(i.id(), c)));
        }
        Dataset<Row> explicit = units.join(
                        spark.createDataFrame(
                                listed, new StructType().add("c_id", StringType).add("c_code", StringType)),
                        col("c_id").equalTo(col(Cols.INTERVENTION_ID)))
                .select(
                        col(Cols.INTERVENTION_ID),
                        col(Cols.INDICATOR_ID),
                        col("unit_level"),
                        col("unit_code"),
                        lit(ROLE_COMPARATOR).as("role"),
                        col("unit_level").as("member_level"),
                        col("c_code").as("member_code"));
        List<Row> systems = new ArrayList<>();
        for (Intervention i : register.entries()) {
            if (i.systemScope()) {
                systems.add(RowFactory.create(i.id(), i.scopeSystem()));
            }
        }
        Dataset<Row> scope = units.filter(col("unit_level").equalTo(OrgLevel.TRUST.label()))
                .join(
                        spark.createDataFrame(
                                systems,
                                new StructType().add("s_id", StringType).add("s_system", StringType)),
                        col("s_id").equalTo(col(Cols.INTERVENTION_ID)))
                .select(
                        col(Cols.INTERVENTION_ID),
                        col(Cols.INDICATOR_ID),
                        col("unit_level"),
                        col("unit_code"),
                        lit(ROLE_SCOPE).as("role"),
                        lit(OrgLevel.SYSTEM.label()).as("member_level"),
                        col("s_system").as("member_code"));
        Dataset<Row> region = units.filter(col(Cols.REGION_CODE).isNotNull())
                .select(
                        col(Cols.INTERVENTION_ID),
                        col(Cols.INDICATOR_ID),
                        col("unit_level"),
                        col("unit_code"),
                        lit(ROLE_REGION).as("role"),
                        lit(OrgLevel.REGION.label()).as("member_level"),
                        col(Cols.REGION_CODE).as("member_code"));
        Dataset<Row> england = units.select(key)
                .withColumn("role", lit(ROLE_ENGLAND))
                .withColumn("member_level", lit(OrgLevel.ENGLAND.label()))
                .withColumn("member_code", lit(England.CODE));
        return exposed.unionByName(automatic)
                .unionByName(explicit)
                .unionByName(scope)
                .unionByName(region)
                .unionByName(england);
    }

    private static Column[] cols(String... names) {
        Column[] out = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = col(names[i]);
        }
        return out;
    }
}
