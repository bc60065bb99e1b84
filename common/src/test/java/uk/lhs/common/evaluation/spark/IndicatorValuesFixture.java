package uk.lhs.common.evaluation.spark;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Rows shaped like {@code gold.indicator_values} (the contract fixed by the issue and declared by the indicators
 * stage), for tests that cannot wait for that stage.
 */
final class IndicatorValuesFixture {
    private IndicatorValuesFixture() {}

    static final StructType SCHEMA = new StructType()
            .add("org_level", StringType)
            .add("org_code", StringType)
            .add("org_name", StringType)
            .add("period_start", DateType)
            .add("indicator_id", StringType)
            .add("stratum", StringType)
            .add("numerator", DoubleType)
            .add("denominator", DoubleType)
            .add("value", DoubleType)
            .add("ci_lower", DoubleType)
            .add("ci_upper", DoubleType)
            .add("unit", StringType)
            .add("improvement_direction", StringType)
            .add("target", DoubleType)
            .add("status", StringType)
            .add("run_id", StringType);

    /** A proportion row with status ok (value = numerator / denominator). */
    static Row proportion(
            String level, String code, LocalDate month, String indicator, double numerator, double denominator) {
        return proportion(level, code, month, indicator, numerator, denominator, "increase");
    }

    /** A proportion row with status ok and the given improvement direction. */
    static Row proportion(
            String level,
            String code,
            LocalDate month,
            String indicator,
            double numerator,
            double denominator,
            String improvement) {
        return RowFactory.create(
                level,
                code,
                code + " name",
                Date.valueOf(month),
                indicator,
                "all",
                numerator,
                denominator,
                numerator / denominator,
                null,
                null,
                "proportion",
                improvement,
                null,
                "ok",
                "fixture");
    }

    /** silver.organisations-shaped schema (the columns the transform reads). */
    /** A count indicator's row (value = numerator, no denominator), as the catalog's {@code type: count}. */
    static Row count(
            String level,
            String code,
            LocalDate month,
            String indicator,
            double numerator,
            String unit,
            String improvement) {
        return RowFactory.create(
                level,
                code,
                code + " name",
                Date.valueOf(month),
                indicator,
                "all",
                numerator,
                null,
                numerator,
                null,
                null,
                unit,
                improvement,
                null,
                "ok",
                "fixture");
    }

    static final StructType ORGANISATIONS = new StructType()
            .add("org_code", StringType)
            .add("org_level", StringType)
            .add("system_code", StringType)
            .add("region_code", StringType)
            .add("close_date", DateType)
            .add("successor_code", StringType);

    static Row org(String code, String level, String system, String region, LocalDate close, String successor) {
        return RowFactory.create(code, level, system, region, close == null ? null : Date.valueOf(close), successor);
    }
}
