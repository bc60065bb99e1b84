package uk.lhs.common.spc.spark;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a small gold.indicator_values with exactly the columns fixed by the issue (plus, optionally, chart_type), for
 * tests of the SPC stage. Not the table's contract: that belongs to the indicators stage.
 */
public final class IndicatorValuesFixture {
    /** The gold.indicator_values columns as fixed by the issue. */
    public static final StructType SCHEMA = new StructType()
            .add("org_level", DataTypes.StringType)
            .add("org_code", DataTypes.StringType)
            .add("org_name", DataTypes.StringType)
            .add("period_start", DataTypes.DateType)
            .add("indicator_id", DataTypes.StringType)
            .add("stratum", DataTypes.StringType)
            .add("numerator", DataTypes.DoubleType)
            .add("denominator", DataTypes.DoubleType)
            .add("value", DataTypes.DoubleType)
            .add("ci_lower", DataTypes.DoubleType)
            .add("ci_upper", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType)
            .add("improvement_direction", DataTypes.StringType)
            .add("target", DataTypes.DoubleType)
            .add("status", DataTypes.StringType)
            .add("run_id", DataTypes.StringType);

    private final List<Row> rows = new ArrayList<>();
    private final List<String> chartTypes = new ArrayList<>();

    /** One row; numerator/denominator/value/target may be null. */
    public IndicatorValuesFixture add(
            String orgLevel,
            String orgCode,
            String indicator,
            LocalDate period,
            Double numerator,
            Double denominator,
            Double value,
            String unit,
            String direction,
            Double target,
            String status,
            String chartType) {
        rows.add(RowFactory.create(
                orgLevel,
                orgCode,
                orgCode + " name",
                Date.valueOf(period),
                indicator,
                "all",
                numerator,
                denominator,
                value,
                null,
                null,
                unit,
                direction,
                target,
                status,
                "indicators-run"));
        chartTypes.add(chartType);
        return this;
    }

    /** A monthly series starting {@code first}: counts with denominators (value = num/den), status ok. */
    public IndicatorValuesFixture proportion(
            String orgLevel,
            String orgCode,
            String indicator,
            LocalDate first,
            double[] num,
            double[] den,
            String direction,
            Double target) {
        for (int i = 0; i < num.length; i++) {
            add(
                    orgLevel,
                    orgCode,
                    indicator,
                    first.plusMonths(i),
                    num[i],
                    den[i],
                    num[i] / den[i],
                    "proportion",
                    direction,
                    target,
                    "ok",
                    null);
        }
        return this;
    }

    /** A monthly series of plain values in {@code unit}, status ok. */
    public IndicatorValuesFixture values(
            String orgLevel,
            String orgCode,
            String indicator,
            LocalDate first,
            double[] values,
            String unit,
            String direction) {
        for (int i = 0; i < values.length; i++) {
            add(
                    orgLevel,
                    orgCode,
                    indicator,
                    first.plusMonths(i),
                    null,
                    null,
                    values[i],
                    unit,
                    direction,
                    null,
                    "ok",
                    null);
        }
        return this;
    }

    /** The rows as a DataFrame; with {@code withChartType} a chart_type column is added. */
    public Dataset<Row> dataFrame(SparkSession spark, boolean withChartType) {
        if (!withChartType) {
            return spark.createDataFrame(rows, SCHEMA);
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] v = new Object[SCHEMA.size() + 1];
            for (int j = 0; j < SCHEMA.size(); j++) {
                v[j] = rows.get(i).get(j);
            }
            v[SCHEMA.size()] = chartTypes.get(i);
            out.add(RowFactory.create(v));
        }
        return spark.createDataFrame(out, SCHEMA.add("chart_type", DataTypes.StringType));
    }
}
