package uk.lhs.common.spc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * Low-count points (status low_count: below the indicator's reliability minimum) through the SPC stage's charter, with
 * no Spark session: never a special cause, never in the baseline, not plotted; the same point as ok is flagged, so the
 * series would signal if the status were ignored.
 *
 * <p>Series: 24 months alternating 10 and 12 (centre 11, moving range 2, XmR limits 11 ± 5.32, no rule fires).
 */
class LowCountPointsTest {
    static final LocalDate FIRST = LocalDate.of(2022, 4, 1);

    /** One observation struct of {@link SpcTransform} (period, value, numerator, denominator, status, ...). */
    static Row obs(int month, double value, String status) {
        return RowFactory.create(
                Date.valueOf(FIRST.plusMonths(month)),
                value,
                null,
                null,
                status,
                "days",
                "decrease",
                null,
                "xmr",
                "Trust One");
    }

    static double[] base() {
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 2 == 0 ? 10 : 12;
        }
        return v;
    }

    /** Charts a series; {@code statuses[i]} null means ok. */
    static List<Row> chart(double[] values, String[] statuses) {
        List<Row> o = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            o.add(obs(i, values[i], statuses[i] == null ? "ok" : statuses[i]));
        }
        // As Spark hands it over: the observations as a Scala sequence.
        Row grouped = RowFactory.create(
                "trust",
                "T1",
                "los_mean",
                "all",
                scala.collection.JavaConverters.asScalaBuffer(o).toList());
        Row out = new SeriesCharter(SpcSettings.defaults(), "run-1").call(grouped);
        assertTrue(
                out.getBoolean(SeriesCharter.SCHEMA.fieldIndex("charted")),
                String.valueOf(out.getList(SeriesCharter.SCHEMA.fieldIndex("warnings"))));
        return out.getList(SeriesCharter.SCHEMA.fieldIndex(SeriesCharter.POINT_ROWS));
    }

    static Object field(Row point, String column) {
        return point.get(SeriesCharter.POINT_COLUMNS.indexOf(column));
    }

    @Test
    void anExtremeLowCountPointIsNotFlaggedNotInTheBaselineAndNotPlotted() {
        double[] v = base();
        v[20] = 40;
        String[] ok = new String[24];
        Row flagged = chart(v, ok).get(20);
        assertEquals(true, field(flagged, "outside_limits"), "as ok, 40 is beyond the upper limit");
        assertEquals("special_cause_concern", field(flagged, "point_type"));

        String[] low = new String[24];
        low[20] = "low_count";
        List<Row> points = chart(v, low);
        Row p = points.get(20);
        assertEquals("low_count", field(p, "status"));
        assertEquals(false, field(p, "special_cause"));
        assertEquals(false, field(p, "outside_limits"));
        assertEquals("common_cause", field(p, "point_type"));
        assertEquals(false, field(p, "baseline"));
        assertNull(field(p, "value"), "not plotted");
        // The limits are those of the series without the point: centre 11 from the 23 others, not pulled up by 40.
        List<Row> without = chart(base(), low);
        for (int i = 0; i < 24; i++) {
            assertEquals(field(without.get(i), "centre"), field(points.get(i), "centre"), "centre at " + i);
            assertEquals(field(without.get(i), "upper_limit"), field(points.get(i), "upper_limit"), "limit at " + i);
            assertFalse((Boolean) field(points.get(i), "special_cause"), "no special cause at " + i);
        }
        assertEquals(11.0, (Double) field(points.get(0), "centre"), 0.05);
    }

    @Test
    void aLowCountPointNeitherMakesNorBreaksAShift() {
        // Months 13..19 at 13.5, between months at 10: seven points above the centre are a shift (MDC, 7 points).
        double[] v = base();
        for (int i = 13; i <= 19; i++) {
            v[i] = 13.5;
        }
        assertEquals(true, field(chart(v, new String[24]).get(16), "shift"), "seven ok points above the centre");
        // The seventh (month 19) low_count: six points remain on that side, no shift and no other signal.
        String[] seventhLow = new String[24];
        seventhLow[19] = "low_count";
        List<Row> points = chart(v, seventhLow);
        for (int i = 0; i < 24; i++) {
            assertEquals(false, field(points.get(i), "special_cause"), "no special cause at " + i);
        }

        // Months 13..20 at 13.5 with month 16 at 0: as an ok point the 0 breaks the run (no shift at 19) ...
        double[] v2 = base();
        for (int i = 13; i <= 20; i++) {
            v2[i] = 13.5;
        }
        v2[16] = 0;
        assertEquals(false, field(chart(v2, new String[24]).get(19), "shift"), "an ok 0 breaks the run");
        // ... as low_count it is skipped: the points on either side make one run of eight, a shift.
        String[] middleLow = new String[24];
        middleLow[16] = "low_count";
        List<Row> p2 = chart(v2, middleLow);
        assertEquals(true, field(p2.get(19), "shift"), "the run continues across the low_count point");
        assertEquals(false, field(p2.get(16), "shift"));
        assertEquals(false, field(p2.get(16), "special_cause"));
        assertNull(field(p2.get(16), "value"));
    }
}
