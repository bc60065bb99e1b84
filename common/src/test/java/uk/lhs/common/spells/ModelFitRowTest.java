package uk.lhs.common.spells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.tables.ModelTables;
import uk.lhs.common.tables.TableContract;

/** The gold.model_fit rows follow their contracts; the published row rounds the two national totals. */
class ModelFitRowTest {
    @Test
    void rowsHaveTheContractsColumnsAndThePublishedCountsAreDisclosureControlled() {
        CaseMixModel model = CaseMixModel.fit(CaseMixModelTest.FACTORS, CaseMixModelTest.cells(3, 200));
        ReadmissionRiskModel.FitSummary fit = new ReadmissionRiskModel.FitSummary(
                LocalDate.of(2025, 3, 1),
                LocalDate.of(2026, 2, 1),
                List.of("M:R69 (0 of 40 readmitted)"),
                4,
                model.summary());
        Timestamp now = Timestamp.valueOf("2026-12-07 17:00:00");
        Row exact = fit.row("run-1", now);
        assertEquals(ModelTables.MODEL_FIT.schema().size(), exact.length());
        assertEquals((long) model.summary().discharges(), exact.getLong(3));
        Row published = fit.publishedRow("run-1", now, Thresholds.NHS);
        List<String> names = List.of(ModelTables.MODEL_FIT_PUBLISHED.schema().fieldNames());
        assertEquals(names.size(), published.length());
        long n = published.getLong(3);
        long y = published.getLong(4);
        assertEquals(0, n % 5);
        assertEquals(0, y % 5);
        assertEquals(model.summary().discharges(), n, 2.5);
        assertEquals(5, published.getInt(names.indexOf(TableContract.ROUND_TO)));
        assertEquals(8, published.getInt(names.indexOf(TableContract.SUPPRESS_BELOW)));

        // A standard population with 5 readmissions: both totals are suppressed.
        CaseMixModel tiny = CaseMixModel.fit(
                List.of("a"),
                List.of(new CaseMixModel.Cell(List.of("x"), 2, 100), new CaseMixModel.Cell(List.of("y"), 3, 80)));
        Row hidden = new ReadmissionRiskModel.FitSummary(
                        LocalDate.of(2025, 3, 1), LocalDate.of(2026, 2, 1), List.of(), 0, tiny.summary())
                .publishedRow("run-1", now, Thresholds.NHS);
        assertNull(hidden.get(3));
        assertNull(hidden.get(4));
    }
}
