package uk.lhs.common.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.sources.Finding;

/** Pure builders of {@code gold.data_quality} rows (contract {@code IngestTables.DATA_QUALITY}). */
public final class DataQualityRows {
    private DataQualityRows() {}

    /** One finding. */
    public static Row finding(
            String checkId,
            String sha256,
            String subject,
            String dataset,
            String file,
            LocalDate period,
            String severity,
            boolean passed,
            String observed,
            String expected,
            String message,
            String runId) {
        return RowFactory.create(
                checkId,
                sha256 == null ? "" : sha256,
                subject,
                dataset,
                file,
                period == null ? null : Date.valueOf(period),
                severity,
                passed,
                observed,
                expected,
                message,
                runId);
    }

    /** A source's finding as a row. */
    public static Row of(Finding f, String runId) {
        return finding(
                f.checkId(),
                f.sha256(),
                f.subject(),
                f.dataset(),
                f.file(),
                f.period(),
                f.severity(),
                f.passed(),
                f.observed(),
                f.expected(),
                f.message(),
                runId);
    }

    /**
     * Months missing inside each organisation's reporting span (between its first and last month present).
     *
     * @param monthsByOrg for each org code, the months it reported
     */
    public static List<Row> missingMonths(String dataset, Map<String, SortedSet<LocalDate>> monthsByOrg, String runId) {
        List<Row> rows = new ArrayList<>();
        SortedSet<LocalDate> all = new TreeSet<>();
        monthsByOrg.values().forEach(all::addAll);
        if (all.isEmpty()) {
            return rows;
        }
        for (LocalDate m = all.first(); !m.isAfter(all.last()); m = m.plusMonths(1)) {
            if (!all.contains(m)) {
                rows.add(finding(
                        "month_missing",
                        "",
                        "ALL " + m,
                        dataset,
                        null,
                        m,
                        "error",
                        false,
                        "absent",
                        "present",
                        "No file for " + m.getYear() + "-" + String.format("%02d", m.getMonthValue())
                                + " has been ingested: every organisation's series has a gap here.",
                        runId));
            }
        }
        for (Map.Entry<String, SortedSet<LocalDate>> e : monthsByOrg.entrySet()) {
            SortedSet<LocalDate> months = e.getValue();
            for (LocalDate m = months.first(); !m.isAfter(months.last()); m = m.plusMonths(1)) {
                if (all.contains(m) && !months.contains(m)) {
                    rows.add(finding(
                            "month_missing",
                            "",
                            e.getKey() + " " + m,
                            dataset,
                            null,
                            m,
                            "warning",
                            false,
                            "absent",
                            "present",
                            e.getKey() + " has no " + dataset + " row for " + m.getYear() + "-"
                                    + String.format("%02d", m.getMonthValue())
                                    + " although it reported before and after;"
                                    + " indicators show no_data for that month.",
                            runId));
                }
            }
        }
        return rows;
    }
}
