package uk.lhs.common.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.OrgLevel;

/**
 * Which indicator values the SPC stage charts, as the catalog declares it ({@code spc_levels}, {@code spc_months};
 * {@link Indicator#spcLevels()}): the monthly readmission indicators at system, region and England level, their
 * rolling 12-month forms at trust level, and of those only the March points, the financial years (the SPC stage
 * charts stratum all).
 *
 * <p>Why non-overlapping points: consecutive rolling 12-month sums share 11 of their 12 months, so they are strongly
 * autocorrelated; the SPC rules (points beyond the limits, shifts, trends) assume independent points, and on
 * autocorrelated data the limits are too narrow and signal falsely (Montgomery, Introduction to Statistical Quality
 * Control, 7th ed., section 10.4 "SPC with autocorrelated process data"; Minitab, I-MR chart data considerations:
 * "if consecutive data points are correlated, the control limits will be too narrow"). The financial-year points are
 * the OF 3b reporting basis (specification I02040 v5.0: discharges to the end of the financial year).
 */
public final class SpcSeriesChoice {
    private SpcSeriesChoice() {}

    /**
     * Keeps the rows the SPC stage charts: for each catalog indicator those at its {@code spc_levels} and, when it
     * declares {@code spc_months}, in those calendar months. Rows of ids the catalog does not hold are kept.
     *
     * @param values rows with {@code org_level}, {@code indicator_id} and {@code period_start}
     */
    public static Dataset<Row> charted(Dataset<Row> values, IndicatorCatalog catalog) {
        Column keep = lit(true);
        for (Indicator ind : catalog.indicators()) {
            boolean allLevels = ind.spcLevels().size() == OrgLevel.values().length;
            if (allLevels && ind.spcMonths().isEmpty()) {
                continue;
            }
            Column charted = col(Cols.ORG_LEVEL)
                    .isin(ind.spcLevels().stream().map(OrgLevel::label).toArray());
            if (!ind.spcMonths().isEmpty()) {
                charted = charted.and(
                        month(col(Cols.PERIOD_START)).isin(ind.spcMonths().toArray()));
            }
            keep = keep.and(not(col(Cols.INDICATOR_ID).equalTo(ind.id()).and(not(charted))));
        }
        return values.where(keep);
    }

    /** The ids charted at {@code level} (for tests and dashboards). */
    public static List<String> chartedAt(IndicatorCatalog catalog, OrgLevel level) {
        return catalog.indicators().stream()
                .filter(i -> i.chartedAt(level))
                .map(Indicator::id)
                .toList();
    }
}
