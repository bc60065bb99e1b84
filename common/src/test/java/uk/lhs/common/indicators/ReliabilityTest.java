package uk.lhs.common.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.ConfidenceIntervals;
import uk.lhs.common.tables.IndicatorTables;

/** The low_count rule: the status at, just below and away from each type's minimum, and its precedence. */
class ReliabilityTest {
    static final Indicator PROPORTION = IndicatorMathTest.of(MeasureType.PROPORTION, 1, null);
    static final Indicator RATIO = IndicatorMathTest.of(MeasureType.RATIO, 1, null);
    static final Indicator COUNT = IndicatorMathTest.of(MeasureType.COUNT, 1, null);

    @Test
    void aProportionIsLowCountJustBelowItsMinimumDenominatorAndOkAtIt() {
        assertEquals(30.0, PROPORTION.reliabilityMinimum());
        assertEquals(Reliability.LOW_COUNT, Reliability.status(PROPORTION, true, 29.0, 1, 1));
        assertEquals(Reliability.LOW_COUNT, Reliability.status(PROPORTION, true, 29.999, 1, 1));
        assertEquals(IndicatorTables.STATUS_OK, Reliability.status(PROPORTION, true, 30.0, 1, 1));
        assertEquals(IndicatorTables.STATUS_OK, Reliability.status(PROPORTION, true, 31.0, 1, 1));
    }

    @Test
    void aRatioIsLowCountJustBelowItsMinimumExpectedCountAndOkAtIt() {
        assertEquals(10.0, RATIO.reliabilityMinimum());
        assertEquals(Reliability.LOW_COUNT, Reliability.status(RATIO, true, 0.4, 1, 1));
        assertEquals(Reliability.LOW_COUNT, Reliability.status(RATIO, true, 9.99, 1, 1));
        assertEquals(IndicatorTables.STATUS_OK, Reliability.status(RATIO, true, 10.0, 1, 1));
    }

    @Test
    void countsHaveNoMinimumAndZeroSwitchesTheRuleOff() {
        assertEquals(IndicatorTables.STATUS_OK, Reliability.status(COUNT, true, null, 1, 1));
        Indicator off = withMinimum(PROPORTION, 0);
        assertEquals(IndicatorTables.STATUS_OK, Reliability.status(off, true, 1.0, 1, 1));
        Indicator strict = withMinimum(PROPORTION, 100);
        assertEquals(Reliability.LOW_COUNT, Reliability.status(strict, true, 99.0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> withMinimum(PROPORTION, -1));
        assertThrows(IllegalArgumentException.class, () -> withMinimum(PROPORTION, Double.NaN));
    }

    @Test
    void noDataComesFirstThenLowCountThenPartial() {
        assertEquals(IndicatorTables.STATUS_NO_DATA, Reliability.status(PROPORTION, false, 5.0, 3, 1));
        assertEquals(IndicatorTables.STATUS_NO_DATA, Reliability.status(PROPORTION, false, null, 1, 0));
        // An aggregate with a member missing and a small denominator: low_count, the stronger caution.
        assertEquals(Reliability.LOW_COUNT, Reliability.status(PROPORTION, true, 20.0, 3, 2));
        assertEquals(IndicatorTables.STATUS_PARTIAL, Reliability.status(PROPORTION, true, 30.0, 3, 2));
        assertEquals(IndicatorTables.STATUS_OK, Reliability.status(PROPORTION, true, 30.0, 3, 3));
    }

    /** The input columns of {@link IndicatorValuesFunction} (one summed row per level, org, month, stratum). */
    static final StructType INPUT = new StructType()
            .add("org_level", DataTypes.StringType)
            .add("org_code", DataTypes.StringType)
            .add("org_name", DataTypes.StringType)
            .add("period_start", DataTypes.DateType)
            .add("indicator_id", DataTypes.StringType)
            .add("stratum", DataTypes.StringType)
            .add("numerator", DataTypes.DoubleType)
            .add("denominator", DataTypes.DoubleType)
            .add("sum_squares", DataTypes.DoubleType)
            .add("bands", DataTypes.createArrayType(DataTypes.LongType))
            .add("member_trusts", DataTypes.IntegerType)
            .add("member_trusts_with_data", DataTypes.IntegerType);

    static Row summed(String id, double num, double den) {
        return new GenericRowWithSchema(
                new Object[] {
                    "trust", "T1", "Trust One", Date.valueOf("2024-04-01"), id, "imd_q1", num, den, null, null, 1, 1
                },
                INPUT);
    }

    @Test
    void aLowCountRowKeepsItsValueAndIntervalInTheExactTable() {
        String yaml = """
          indicators:
            - id: isr
              title: ISR
              description: d
              dataset: spell_measures
              filter: indicator_id = 'readmit_30d_isr'
              type: ratio
              numerator: observed
              denominator: expected
              unit: ratio
              min_expected: 10
              improvement_direction: decrease
              chart_type: uprime
              source: s
              methodology: m
          """;
        IndicatorCatalog catalog = CatalogLoader.parse(Map.of("s.yaml", yaml));
        IndicatorValuesFunction f =
                new IndicatorValuesFunction(catalog, "run-1", Timestamp.valueOf("2024-06-01 00:00:00"));
        Row tiny = f.apply(summed("isr", 2, 0.5));
        assertEquals(
                Reliability.LOW_COUNT,
                tiny.getString(IndicatorTables.INDICATOR_VALUES.schema().fieldIndex("status")));
        assertEquals(4.0, value(tiny, "value"), 1e-12);
        assertEquals(ConfidenceIntervals.exactPoissonUpper(2, 0.95) / 0.5, value(tiny, "ci_upper"), 1e-12);
        assertNotNull(tiny.get(IndicatorTables.INDICATOR_VALUES.schema().fieldIndex("value_display")));
        for (double[] c : List.of(new double[] {9, 9.99}, new double[] {10, 10})) {
            Row r = f.apply(summed("isr", c[0], c[1]));
            assertEquals(
                    c[1] < 10 ? Reliability.LOW_COUNT : IndicatorTables.STATUS_OK,
                    r.getString(IndicatorTables.INDICATOR_VALUES.schema().fieldIndex("status")),
                    "expected " + c[1]);
        }
    }

    private static double value(Row r, String column) {
        return r.getDouble(IndicatorTables.INDICATOR_VALUES.schema().fieldIndex(column));
    }

    static Indicator withMinimum(Indicator i, double minimum) {
        return new Indicator(
                i.id(),
                i.version(),
                i.title(),
                i.description(),
                i.dataset(),
                i.filter(),
                i.type(),
                i.numerator(),
                i.denominator(),
                i.sumSquares(),
                i.bands(),
                i.percentile(),
                i.multiplier(),
                i.unit(),
                i.direction(),
                i.chartType(),
                i.funnel(),
                minimum,
                i.targets(),
                i.source(),
                i.methodology());
    }
}
