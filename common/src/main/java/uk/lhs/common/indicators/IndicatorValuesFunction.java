package uk.lhs.common.indicators;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.vocab.Cols;

/**
 * Turns summed rows into gold.indicator_values rows: value and 95% interval by {@link IndicatorMath}, the target for
 * the month, and the status ({@link Reliability#status}) — {@code no_data} without data (never 0), {@code low_count}
 * below the indicator's reliability minimum (value and interval kept), {@code partial} for an aggregate where some
 * member trusts have no data this month, else {@code ok}. Serialisable; runs on the executors.
 *
 * <p>Input columns: org_level, org_code, org_name, period_start, indicator_id, stratum, numerator, denominator,
 * sum_squares, bands, member_trusts, member_trusts_with_data. Output: the {@link IndicatorTables#INDICATOR_VALUES}
 * schema, with the dashboard columns: indicator_title (catalog title), value_display ({@link ValueDisplay}) and
 * sort_order (1-based position in the catalog).
 */
public final class IndicatorValuesFunction implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Map<String, Indicator> indicators;
    private final Map<String, Integer> order;
    private final String runId;
    private final Timestamp computedAt;

    public IndicatorValuesFunction(IndicatorCatalog catalog, String runId, Timestamp computedAt) {
        this.indicators = new LinkedHashMap<>();
        this.order = new LinkedHashMap<>();
        catalog.indicators().forEach(i -> {
            indicators.put(i.id(), i);
            order.put(i.id(), order.size() + 1);
        });
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

    Row apply(Row r) {
        Indicator ind = indicators.get(r.<String>getAs(Cols.INDICATOR_ID));
        Double num = r.getAs(Cols.NUMERATOR);
        Double den = r.getAs(Cols.DENOMINATOR);
        Double sumSquares = r.getAs("sum_squares");
        long[] bands = null;
        if (!r.isNullAt(r.fieldIndex("bands"))) {
            List<Long> b = r.getList(r.fieldIndex("bands"));
            bands = new long[b.size()];
            for (int i = 0; i < bands.length; i++) {
                Long v = b.get(i);
                bands[i] = v == null ? 0 : v;
            }
        }
        IndicatorMath.Value v = IndicatorMath.evaluate(ind, num, den, sumSquares, bands);
        int members = r.<Integer>getAs("member_trusts");
        int withData = r.<Integer>getAs("member_trusts_with_data");
        String status = Reliability.status(ind, v.hasData(), den, members, withData);
        Date period = r.getAs(Cols.PERIOD_START);
        return RowFactory.create(
                r.<String>getAs(Cols.ORG_LEVEL),
                r.<String>getAs(Cols.ORG_CODE),
                r.<String>getAs(Cols.ORG_NAME),
                period,
                ind.id(),
                r.<String>getAs(Cols.STRATUM),
                num,
                den,
                nullIfNaN(v.value()),
                nullIfNaN(v.lower()),
                nullIfNaN(v.upper()),
                ind.unit(),
                ind.direction().code(),
                ind.targetFor(period.toLocalDate()),
                status,
                ind.title(),
                ind.type().name().toLowerCase(Locale.ROOT),
                ind.chartType().code(),
                members,
                withData,
                ind.title(),
                ValueDisplay.format(ind.type(), ind.unit(), nullIfNaN(v.value())),
                order.get(ind.id()),
                runId,
                computedAt);
    }

    private static Double nullIfNaN(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
