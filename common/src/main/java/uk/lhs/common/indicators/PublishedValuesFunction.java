package uk.lhs.common.indicators;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.vocab.Cols;

/**
 * One published row from one exact row of gold.indicator_values and its suppression flag: a suppressed row keeps its
 * key, names and metadata with status {@code suppressed} and null numbers; otherwise counts are rounded and value and
 * interval recomputed from the rounded counts with {@link IndicatorMath} (Wilson, exact/Byar Poisson), so no published
 * figure carries the exact counts. Means: the rounded sum over the rounded count, with the exact interval's
 * half-widths (they hold no count). Percentiles keep their value: a position in the waiting-time distribution, from
 * which no count follows. The thresholds are stamped on every row. Serialisable; runs on the executors.
 */
public final class PublishedValuesFunction implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Map<String, Indicator> indicators = new LinkedHashMap<>();
    private final Thresholds thresholds;
    private final Broadcast<Set<String>> suppressed;

    /**
     * @param suppressed {@link #key}s of the suppressed rows
     */
    PublishedValuesFunction(IndicatorCatalog catalog, Thresholds thresholds, Broadcast<Set<String>> suppressed) {
        catalog.indicators().forEach(i -> indicators.put(i.id(), i));
        this.thresholds = thresholds;
        this.suppressed = suppressed;
    }

    /** A row's key as one string: level, organisation, month (yyyy-MM-dd), indicator, stratum. */
    static String key(String level, String org, String period, String indicator, String stratum) {
        return level + '\u0000' + org + '\u0000' + period + '\u0000' + indicator + '\u0000' + stratum;
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
        StructType schema = IndicatorTables.INDICATOR_VALUES_PUBLISHED.schema();
        Object[] v = new Object[schema.size()];
        for (int i = 0; i < v.length; i++) {
            String name = schema.fields()[i].name();
            v[i] = name.equals(TableContract.SUPPRESS_BELOW)
                    ? (Object) thresholds.suppressBelow()
                    : name.equals(TableContract.ROUND_TO) ? (Object) thresholds.roundTo() : r.getAs(name);
        }
        Indicator ind = indicators.get(r.<String>getAs(Cols.INDICATOR_ID));
        Double value = r.getAs(Cols.VALUE);
        String key = key(
                r.getAs(Cols.ORG_LEVEL),
                r.getAs(Cols.ORG_CODE),
                r.<java.sql.Date>getAs(Cols.PERIOD_START).toString(),
                r.getAs(Cols.INDICATOR_ID),
                r.getAs(Cols.STRATUM));
        if (suppressed.value().contains(key)) {
            set(v, schema, Cols.STATUS, IndicatorTables.STATUS_SUPPRESSED);
            for (String c :
                    List.of(Cols.NUMERATOR, Cols.DENOMINATOR, Cols.VALUE, "ci_lower", "ci_upper", "value_display")) {
                set(v, schema, c, null);
            }
            return RowFactory.create(v);
        }
        Double num = r.getAs(Cols.NUMERATOR);
        Double den = r.getAs(Cols.DENOMINATOR);
        Double numR = round(num);
        Double denR = ind.type() == MeasureType.RATIO ? den : round(den);
        set(v, schema, Cols.NUMERATOR, numR);
        set(v, schema, Cols.DENOMINATOR, denR);
        if (value != null) {
            Double lower = r.getAs("ci_lower");
            Double upper = r.getAs("ci_upper");
            Double pv;
            Double pl;
            Double pu;
            switch (ind.type()) {
                case PERCENTILE -> {
                    pv = value;
                    pl = lower;
                    pu = upper;
                }
                case MEAN -> {
                    pv = numR / denR;
                    pl = lower == null ? null : pv - (value - lower);
                    pu = upper == null ? null : pv + (upper - value);
                }
                default -> {
                    IndicatorMath.Value e = IndicatorMath.evaluate(ind, numR, denR, null);
                    pv = e.hasData() ? nullIfNaN(e.value()) : null;
                    pl = e.hasData() ? nullIfNaN(e.lower()) : null;
                    pu = e.hasData() ? nullIfNaN(e.upper()) : null;
                }
            }
            set(v, schema, Cols.VALUE, pv);
            set(v, schema, "ci_lower", pl);
            set(v, schema, "ci_upper", pu);
            set(v, schema, "value_display", ValueDisplay.format(ind.type(), ind.unit(), pv));
        }
        return RowFactory.create(v);
    }

    private Double round(Double count) {
        return count == null ? null : thresholds.round(count);
    }

    private static void set(Object[] v, StructType schema, String column, Object value) {
        v[schema.fieldIndex(column)] = value;
    }

    private static Double nullIfNaN(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
