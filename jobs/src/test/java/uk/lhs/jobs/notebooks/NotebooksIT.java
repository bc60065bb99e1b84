package uk.lhs.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * Every notebook runs headless against the demo lakehouse without an error (02 runs in {@link ReproducibilityIT}
 * on a copy of the same lakehouse, where it is also re-executed after a revision).
 */
class NotebooksIT {
    @TempDir
    static Path out;

    @BeforeAll
    static void jupyter() {
        NotebookRunner.requireJupyter();
    }

    static Map<String, String> demo() {
        return Map.of("LHS_LAKEHOUSE", DemoLakehouse.get().lakehouse().toString(), "LHS_RUN_ID", "latest");
    }

    @Test
    void exploreIndicatorsDrawsSpcChartsAndAFunnelPlot() {
        NotebookRunner.Executed nb = NotebookRunner.execute("01-explore-indicators.ipynb", out, "01", demo());
        assertTrue(nb.cellTexts().get(0).startsWith("run "), "the first cell prints the provenance: " + nb.text());
        assertTrue(nb.images() >= 2, "SPC charts and a funnel plot are drawn inline: " + nb.images() + " images");
        assertTrue(nb.text().contains("variation"), nb.text());
    }

    @Test
    void readmissionsRiskModelReportsCalibrationDiscriminationAndIsrs() {
        NotebookRunner.Executed nb = NotebookRunner.execute("03-readmissions-risk-model.ipynb", out, "03", demo());
        assertTrue(nb.cellTexts().get(0).startsWith("run "), nb.text());
        assertTrue(nb.text().contains("AUC"), nb.text());
        assertTrue(nb.text().contains("Byar"), nb.text());
        // It reads silver.spells but prints aggregates only: no patient id of the lakehouse appears in its output.
        List<String> ids = DemoLakehouse.get()
                .context()
                .lakehouse()
                .read(SpellTables.SILVER_SPELLS)
                .select("patient_id")
                .distinct()
                .as(Encoders.STRING())
                .collectAsList();
        assertFalse(ids.isEmpty());
        String text = nb.text();
        for (String id : ids) {
            assertFalse(text.contains(id), "notebook 03 printed a patient id");
        }
    }
}
