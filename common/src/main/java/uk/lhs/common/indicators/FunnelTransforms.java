package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Stratum;

/** gold.funnel_points from gold.indicator_values, distributed one (indicator, month) group per task. */
public final class FunnelTransforms {
    private FunnelTransforms() {}

    /**
     * Compares trusts per indicator and month.
     *
     * @param values rows of {@link IndicatorTables#INDICATOR_VALUES}; only trust rows of stratum {@code all} with
     *     status ok of indicators whose funnel method is not none are used: {@code low_count} rows (below the
     *     indicator's reliability minimum, {@link Reliability}) are neither plotted nor part of the target, phi and
     *     tau², and neither are no_data rows
     * @return rows of {@link IndicatorTables#FUNNEL_POINTS}
     */
    public static Dataset<Row> funnelPoints(
            Dataset<Row> values, IndicatorCatalog catalog, String runId, Timestamp computedAt) {
        Object[] ids = catalog.indicators().stream()
                .filter(i -> i.funnel() != FunnelMethod.NONE)
                .map(Indicator::id)
                .toArray();
        return values.where(col(Cols.ORG_LEVEL)
                        .equalTo(OrgLevel.TRUST.label())
                        .and(col(Cols.STATUS).equalTo(IndicatorTables.STATUS_OK))
                        .and(col(Cols.STRATUM).equalTo(Stratum.ALL))
                        .and(col(Cols.INDICATOR_ID).isin(ids)))
                .select(
                        Cols.INDICATOR_ID,
                        Cols.PERIOD_START,
                        Cols.ORG_CODE,
                        Cols.ORG_NAME,
                        Cols.NUMERATOR,
                        Cols.DENOMINATOR)
                .groupByKey((MapFunction<Row, String>) FunnelFunction::key, Encoders.STRING())
                .flatMapGroups(
                        new FunnelFunction(catalog, runId, computedAt),
                        Encoders.row(IndicatorTables.FUNNEL_POINTS.schema()));
    }
}
