package uk.lhs.common.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.SpiegelhalterFunnel;
import uk.lhs.common.testing.SharedSpark;

/**
 * Funnel plots leave low_count trusts out: not plotted, and not part of the target, phi or tau². Trusts A, B, C are
 * ok; D (1 of 10, far from the others) is low_count.
 */
class FunnelLowCountTest {
    static final String CATALOG = """
      indicators:
        - id: four_hr
          title: Four hours
          description: within 4h
          dataset: ae_monthly
          type: proportion
          numerator: att_type1 - over4_type1
          denominator: att_type1
          unit: proportion
          min_denominator: 30
          improvement_direction: increase
          chart_type: pprime
          source: s
          methodology: m
      """;

    @Test
    void lowCountTrustsAreNeitherPlottedNorPartOfTheTargetOrLimits() {
        IndicatorCatalog catalog = CatalogLoader.parse(Map.of("t.yaml", CATALOG));
        StructType schema = new StructType()
                .add("org_level", DataTypes.StringType)
                .add("org_code", DataTypes.StringType)
                .add("org_name", DataTypes.StringType)
                .add("period_start", DataTypes.DateType)
                .add("indicator_id", DataTypes.StringType)
                .add("stratum", DataTypes.StringType)
                .add("numerator", DataTypes.DoubleType)
                .add("denominator", DataTypes.DoubleType)
                .add("status", DataTypes.StringType);
        Date apr = Date.valueOf("2024-04-01");
        Dataset<Row> values = SharedSpark.session()
                .createDataFrame(
                        List.of(
                                RowFactory.create("trust", "A", "A", apr, "four_hr", "all", 80.0, 100.0, "ok"),
                                RowFactory.create("trust", "B", "B", apr, "four_hr", "all", 45.0, 50.0, "ok"),
                                RowFactory.create("trust", "C", "C", apr, "four_hr", "all", 27.0, 30.0, "ok"),
                                RowFactory.create("trust", "D", "D", apr, "four_hr", "all", 1.0, 10.0, "low_count")),
                        schema);
        List<Row> points = FunnelTransforms.funnelPoints(
                        values, catalog, "run-1", Timestamp.valueOf("2024-06-01 00:00:00"))
                .orderBy("org_code")
                .collectAsList();
        assertEquals(
                List.of("A", "B", "C"),
                points.stream().map(r -> r.<String>getAs("org_code")).toList());
        SpiegelhalterFunnel.Options pr = SpiegelhalterFunnel.Options.defaults(SpiegelhalterFunnel.DataType.PR);
        SpiegelhalterFunnel.Result three =
                SpiegelhalterFunnel.compute(new double[] {80, 45, 27}, new double[] {100, 50, 30}, pr);
        SpiegelhalterFunnel.Result four =
                SpiegelhalterFunnel.compute(new double[] {80, 45, 27, 1}, new double[] {100, 50, 30, 10}, pr);
        assertTrue(Math.abs(three.target() - four.target()) > 0.01, "D would move the target");
        for (int i = 0; i < 3; i++) {
            Row p = points.get(i);
            assertEquals(three.target(), p.<Double>getAs("target"), 1e-12);
            assertEquals(three.tau2(), p.<Double>getAs("tau2"), 1e-12);
            assertEquals(three.units().get(i).z(), p.<Double>getAs("z"), 1e-12);
            assertEquals(3, p.<Integer>getAs("trusts_compared"));
        }
    }
}
