package uk.lhs.common.sources;

import java.util.List;

/**
 * What a typed parser made of one file.
 *
 * @param file the source file name
 * @param sha256 the file's SHA-256 (hex), for lineage and incremental loads
 * @param dataset the dataset recognised
 * @param dataRows number of non-blank data records read (header excluded); always equals
 *     {@code records + controls + quarantined rows}
 * @param records accepted, typed rows
 * @param controls published control rows kept for reconciliation, not as organisations (e.g. the A&E TOTAL row)
 * @param quarantine rejected rows, at most one entry per row (the first problem found)
 * @param notes file-level remarks that are not errors (ignored empty columns, missing optional columns ...)
 * @param <T> the record type
 */
public record ParseResult<T>(
        String file,
        String sha256,
        Dataset dataset,
        int dataRows,
        List<T> records,
        List<T> controls,
        List<QuarantineEntry> quarantine,
        List<String> notes) {

    public ParseResult {
        records = List.copyOf(records);
        controls = List.copyOf(controls);
        quarantine = List.copyOf(quarantine);
        notes = List.copyOf(notes);
        if (dataRows != records.size() + controls.size() + quarantine.size()) {
            throw new IllegalStateException(file + ": " + dataRows + " rows read but " + records.size() + " accepted + "
                    + controls.size() + " controls + " + quarantine.size() + " quarantined");
        }
    }
}
