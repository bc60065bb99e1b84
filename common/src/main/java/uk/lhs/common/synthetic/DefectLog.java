package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every defect injected on purpose (malformed rows, missing trust-months) so readers' data-quality checks can
 * be verified; written to {@code truth/injected_defects.csv}.
 */
final class DefectLog {
    /** Header of {@code truth/injected_defects.csv}. */
    static final String HEADER = "file,org_code,column,kind,original_value,written_value";

    /**
     * One defect.
     *
     * @param file path relative to the output folder
     * @param orgCode the true organisation code of the affected row
     * @param column affected column ("" for a whole missing row)
     * @param kind {@code non_numeric_count}, {@code malformed_org_code} or {@code missing_org_month}
     * @param originalValue the value before corruption ("" for a missing row)
     * @param writtenValue the value written ("" for a missing row)
     */
    record Defect(String file, String orgCode, String column, String kind, String originalValue, String writtenValue) {}

    private final List<Defect> defects = new ArrayList<>();

    void add(Defect d) {
        defects.add(d);
    }

    List<Defect> defects() {
        return List.copyOf(defects);
    }

    /** Writes the log; returns the number of rows. */
    int write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Defect d : defects) {
            lines.add(CsvText.join(List.of(
                    CsvText.field(d.file()),
                    CsvText.field(d.orgCode()),
                    CsvText.field(d.column()),
                    d.kind(),
                    CsvText.field(d.originalValue()),
                    CsvText.field(d.writtenValue()))));
        }
        CsvText.writeLines(file, lines, "\n");
        return defects.size();
    }
}
