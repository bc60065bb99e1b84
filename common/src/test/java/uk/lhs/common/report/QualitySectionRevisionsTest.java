package uk.lhs.common.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.report.ReportModel.DataQuality;
import uk.lhs.common.report.ReportModel.Revised;

/** The data-quality page lists the published values a re-published month revised. */
class QualitySectionRevisionsTest {
    @Test
    void revisedValuesAreListedWithBothFilesAndAVisibleChange() {
        Revised r = new Revised(
                LocalDate.of(2024, 4, 1),
                "england",
                "ENG",
                "ae_4hr_all",
                "all",
                0.7419877,
                0.7419656,
                "Monthly-AE-2024-04.csv",
                "Monthly-AE-2024-04 <revised>.csv");
        String html = QualitySection.render(new DataQuality(List.of(), List.of(), 0, List.of(), List.of(r), 1));
        assertTrue(html.contains("Revised months"), html);
        assertTrue(html.contains("Apr 2024"), html);
        assertTrue(html.contains("england ENG"), html);
        assertTrue(html.contains("0.741988") && html.contains("0.741966"), "six significant figures: " + html);
        assertTrue(html.contains("-2.21e-05"), html);
        assertTrue(html.contains("Monthly-AE-2024-04 &lt;revised&gt;.csv"), "escaped: " + html);
        assertFalse(html.contains("(all are in gold.revisions_published)"), "every row is shown");
    }

    @Test
    void withoutRevisionsThePageSaysSo() {
        String html = QualitySection.render(new DataQuality(List.of(), List.of(), 0, List.of()));
        assertTrue(html.contains("No published figure has been revised"), html);
    }
}
