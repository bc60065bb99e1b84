package uk.lhs.common.sources;

import java.time.LocalDate;
import java.util.List;

/**
 * What a {@link Source} made of one file.
 *
 * @param csv the file as read
 * @param records typed records to load (restricted to the run's period, if any)
 * @param loaded the count reported as loaded (rows, or e.g. extract rows read for a reconciliation-only dataset)
 * @param quarantine rejected rows
 * @param findings per-file data-quality findings (reconciliations, published figures checked)
 * @param referenceCodes organisation codes that should be in the organisation reference (unmapped ones are reported)
 * @param month the file's month, when it has one
 * @param note a remark for the ingest summary, starting with ", " (or empty)
 * @param <T> the record type
 */
public record Loaded<T>(
        RawCsv csv,
        List<T> records,
        int loaded,
        List<QuarantineEntry> quarantine,
        List<Finding> findings,
        List<String> referenceCodes,
        LocalDate month,
        String note) {

    public Loaded {
        records = List.copyOf(records);
        quarantine = List.copyOf(quarantine);
        findings = List.copyOf(findings);
        referenceCodes = List.copyOf(referenceCodes);
    }

    /** A recognised file with nothing to load beyond bronze. */
    public static <T> Loaded<T> bronzeOnly(RawCsv csv, String note) {
        return new Loaded<>(csv, List.of(), 0, List.of(), List.of(), List.of(), null, note);
    }
}
