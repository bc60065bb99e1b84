package uk.lhs.common.indicators;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.stats.SpiegelhalterFunnel;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.vocab.Cols;

/**
 * One (indicator, month) group of trusts to gold.funnel_points rows, with {@link SpiegelhalterFunnel} (Spiegelhalter
 * 2005 as FunnelPlotR): the group's target, phi and tau², and each trust's z-score and limits at its own
 * denominator. Values and limits are put on the indicator's scale (× multiplier). Serialisable; runs per group on
 * the executors.
 *
 * <p>Input rows: trust rows of gold.indicator_values with status ok (so never low_count: {@link FunnelTransforms}),
 * all of one indicator and month. Output: the
 * {@link IndicatorTables#FUNNEL_POINTS} schema.
 */
public final class FunnelFunction implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Map<String, Indicator> indicators;
    private final String runId;
    private final Timestamp computedAt;

    public FunnelFunction(IndicatorCatalog catalog, String runId, Timestamp computedAt) {
        this.indicators = new LinkedHashMap<>();
        catalog.indicators().forEach(i -> indicators.put(i.id(), i));
        this.runId = runId;
        this.computedAt = computedAt;
    }

    /** The grouping key of a row: indicator and month. */
    public static String key(Row r) {
        return r.<String>getAs(Cols.INDICATOR_ID) + "|" + r.getAs(Cols.PERIOD_START);
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows) {
        List<Row> units = new ArrayList<>();
        rows.forEachRemaining(units::add);
        // Stable order, so the output never depends on how Spark delivered the group.
        units.sort(java.util.Comparator.comparing(r -> r.<String>getAs(Cols.ORG_CODE)));
        Indicator ind = indicators.get(units.get(0).<String>getAs(Cols.INDICATOR_ID));
        SpiegelhalterFunnel.DataType type = ind.funnel().dataType().orElseThrow();
        double[] num = new double[units.size()];
        double[] den = new double[units.size()];
        for (int i = 0; i < num.length; i++) {
            num[i] = units.get(i).<Double>getAs(Cols.NUMERATOR);
            den[i] = units.get(i).<Double>getAs(Cols.DENOMINATOR);
        }
        SpiegelhalterFunnel.Result res =
                SpiegelhalterFunnel.compute(num, den, SpiegelhalterFunnel.Options.defaults(type));
        double scale = ind.type() == MeasureType.PROPORTION ? 1.0 : ind.multiplier();
        int compared = (int) res.units().stream()
                .filter(u -> u.at95() != SpiegelhalterFunnel.Position.NO_DATA)
                .count();
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < num.length; i++) {
            SpiegelhalterFunnel.Unit u = res.units().get(i);
            if (u.at95() == SpiegelhalterFunnel.Position.NO_DATA) {
                continue;
            }
            Row r = units.get(i);
            var lim = u.applied();
            out.add(RowFactory.create(
                    ind.id(),
                    r.<Date>getAs(Cols.PERIOD_START),
                    r.<String>getAs(Cols.ORG_CODE),
                    r.<String>getAs(Cols.ORG_NAME),
                    ind.funnel().name().toLowerCase(Locale.ROOT),
                    num[i],
                    den[i],
                    u.value() * scale,
                    res.target() * scale,
                    finite(u.z()),
                    lim.lower95() * scale,
                    lim.upper95() * scale,
                    lim.lower998() * scale,
                    lim.upper998() * scale,
                    finite(res.phi()),
                    res.tau2(),
                    res.overdispersed(),
                    u.usedForPhi(),
                    label(u.at95()),
                    label(u.at998()),
                    u.at95() != SpiegelhalterFunnel.Position.WITHIN,
                    u.at998() != SpiegelhalterFunnel.Position.WITHIN,
                    compared,
                    runId,
                    computedAt));
        }
        return out.iterator();
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static String label(SpiegelhalterFunnel.Position p) {
        return p.name().toLowerCase(Locale.ROOT);
    }
}
