package uk.lhs.common.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.vocab.OrgLevel;

/** The shipped catalog's choice of SPC series (spc_levels, spc_months) on a grid of indicator values. */
class SpcSeriesChoiceTest {
    @Test
    void readmissionsAreChartedMonthlyAboveTrustsAndByFinancialYearAtTrusts() {
        IndicatorCatalog catalog = CatalogLoader.load(SharedData.repoRoot().resolve("conf/indicators"));
        StructType schema = new StructType()
                .add("org_level", DataTypes.StringType)
                .add("indicator_id", DataTypes.StringType)
                .add("period_start", DataTypes.DateType);
        List<Row> rows = new ArrayList<>();
        for (OrgLevel level : OrgLevel.values()) {
            for (String id : List.of("readmit_30d", "readmit_30d_isr_12m", "los_mean", "not_in_catalog")) {
                for (String month : List.of("2024-02-01", "2024-03-01")) {
                    rows.add(RowFactory.create(level.label(), id, Date.valueOf(month)));
                }
            }
        }
        TreeSet<String> kept = new TreeSet<>();
        for (Row r : SpcSeriesChoice.charted(SharedSpark.session().createDataFrame(rows, schema), catalog)
                .collectAsList()) {
            kept.add(r.getString(0) + " " + r.getString(1) + " "
                    + r.getDate(2).toString().substring(0, 7));
        }
        TreeSet<String> expected = new TreeSet<>();
        for (OrgLevel level : OrgLevel.values()) {
            for (String month : List.of("2024-02", "2024-03")) {
                expected.add(level.label() + " los_mean " + month);
                expected.add(level.label() + " not_in_catalog " + month);
                if (level != OrgLevel.TRUST) {
                    expected.add(level.label() + " readmit_30d " + month);
                }
            }
        }
        expected.add("trust readmit_30d_isr_12m 2024-03");
        assertEquals(expected, kept);
        assertEquals(
                List.of("readmit_30d_12m", "readmit_30d_isr_12m", "readmit_30d_isr_cells_12m"),
                SpcSeriesChoice.chartedAt(catalog, OrgLevel.TRUST).stream()
                        .filter(i -> i.startsWith("readmit"))
                        .toList());
    }
}
