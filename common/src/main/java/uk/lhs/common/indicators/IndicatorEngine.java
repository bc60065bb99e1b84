package uk.lhs.common.indicators;

import java.sql.Timestamp;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import uk.lhs.common.tables.IndicatorTables;

/** The indicator engine end to end, as one pure transform from trust measures to gold.indicator_values rows. */
public final class IndicatorEngine {
    private IndicatorEngine() {}

    /**
     * Computes every indicator at trust, system, region and England level.
     *
     * @param measures {@link IndicatorTransforms#TRUST_MEASURES} rows over every loaded month (the months are needed
     *     to know each aggregate's member trusts even when one month is requested)
     * @param organisations silver.organisations, for names
     * @param catalog the indicators (types, targets, units) of every id in {@code measures}
     * @param period the month to compute, or null for all
     * @param runId written to every row
     * @param computedAt written to every row
     * @return rows of the {@link IndicatorTables#INDICATOR_VALUES} schema, one per level × org × month × indicator
     */
    public static Dataset<Row> values(
            Dataset<Row> measures,
            Dataset<Row> organisations,
            IndicatorCatalog catalog,
            LocalDate period,
            String runId,
            Timestamp computedAt) {
        Dataset<Row> completed = IndicatorTransforms.inPeriod(IndicatorTransforms.completeMonths(measures), period);
        Dataset<Row> levels = IndicatorTransforms.levels(
                completed, IndicatorTransforms.catalogFrame(measures.sparkSession(), catalog));
        return IndicatorTransforms.withNames(levels, organisations)
                .mapPartitions(
                        new IndicatorValuesFunction(catalog, runId, computedAt),
                        Encoders.row(IndicatorTables.INDICATOR_VALUES.schema()));
    }
}
