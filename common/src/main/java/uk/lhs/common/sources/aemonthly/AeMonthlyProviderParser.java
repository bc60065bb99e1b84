package uk.lhs.common.sources.aemonthly;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.lhs.common.sources.Columns;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.Periods;
import uk.lhs.common.sources.PublishedNumbers;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.RawRow;
import uk.lhs.common.sources.RowChecks;
import uk.lhs.common.sources.Sources;

/**
 * Types and validates an MSitAE monthly provider CSV ({@link Dataset#AE_MONTHLY_PROVIDER}).
 *
 * <p>Row checks, first failure wins: row shape; TOTAL rows (spelled {@code TOTAL}, {@code Total} or {@code Total }
 * in the real files) become controls, not organisations; {@code Period} is {@code MSitAE-<MONTH>-<yyyy>} and the
 * same on every row; {@code Org Code} matches {@link OrgCodes#PATTERN}; every count is a non-negative whole number;
 * each over-4-hours count is at most the attendances of the same type; {@code Org Code} is not repeated (the second
 * occurrence is quarantined). An org code absent from the reference is not checked here.
 */
public final class AeMonthlyProviderParser {
    /** The org code given to the national TOTAL control row. */
    public static final String TOTAL_CODE = "TOTAL";
    /** Prefix of the MSitAE period spelling. */
    public static final String PERIOD_PREFIX = "MSitAE";

    private AeMonthlyProviderParser() {}

    /** Reads, recognises and parses a file; throws {@link SourceFileException} if it is not this dataset. */
    public static ParseResult<AeProviderMonth> parse(Path file) {
        return parse(RawCsv.read(file));
    }

    /** Parses a tokenised file; throws {@link SourceFileException} if it is not this dataset. */
    public static ParseResult<AeProviderMonth> parse(RawCsv csv) {
        Sources.expect(csv, Dataset.AE_MONTHLY_PROVIDER);
        Columns cols = new Columns(csv.header());
        int period = cols.required("Period");
        int code = cols.required("Org Code");
        int parent = cols.required("Parent Org");
        int name = cols.required("Org name");
        AeMeasure[] measures = AeMeasure.values();
        int[] idx = new int[measures.length];
        List<Integer> known = new ArrayList<>(List.of(period, code, parent, name));
        for (int m = 0; m < measures.length; m++) {
            idx[m] = cols.required(measures[m].header());
            known.add(idx[m]);
        }
        List<AeProviderMonth> records = new ArrayList<>();
        List<AeProviderMonth> controls = new ArrayList<>();
        List<QuarantineEntry> quarantine = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        List<RawRow> rows = csv.dataRows();
        LocalDate filePeriod = null;
        String filePeriodText = null;
        List<RawRow> totals = new ArrayList<>();
        for (RawRow row : rows) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, cols.size());
            if (bad.isPresent()) {
                quarantine.add(bad.get());
                continue;
            }
            String orgCode = row.value(code);
            if (isTotalSpelling(orgCode)) {
                totals.add(row);
                continue;
            }
            Optional<LocalDate> start = Periods.monthStart(PERIOD_PREFIX, row.value(period));
            if (start.isEmpty()) {
                quarantine.add(QuarantineEntry.of(
                        csv,
                        row,
                        cols.name(period),
                        "not an MSitAE period like MSitAE-APRIL-2024: '" + row.value(period) + "'"));
                continue;
            }
            if (filePeriod == null) {
                filePeriod = start.get();
                filePeriodText = row.value(period).trim();
            } else if (!filePeriod.equals(start.get())) {
                quarantine.add(QuarantineEntry.of(
                        csv,
                        row,
                        cols.name(period),
                        "period '" + row.value(period) + "' differs from the file's period '" + filePeriodText + "'"));
                continue;
            }
            Optional<String> badCode = RowChecks.orgCode(orgCode);
            if (badCode.isPresent()) {
                quarantine.add(QuarantineEntry.of(csv, row, cols.name(code), badCode.get()));
                continue;
            }
            Optional<QuarantineEntry> badCounts = Optional.empty();
            long[] counts = new long[measures.length];
            for (int m = 0; m < measures.length && badCounts.isEmpty(); m++) {
                try {
                    counts[m] = PublishedNumbers.count(row.value(idx[m]), false);
                } catch (PublishedNumbers.Bad e) {
                    badCounts = Optional.of(QuarantineEntry.of(csv, row, cols.name(idx[m]), e.getMessage()));
                }
            }
            if (badCounts.isEmpty()) {
                badCounts = partsWithinTotals(csv, row, cols, idx, counts);
            }
            if (badCounts.isPresent()) {
                quarantine.add(badCounts.get());
                continue;
            }
            Optional<Integer> first = dups.firstSeen(orgCode, row.rowNumber());
            if (first.isPresent()) {
                quarantine.add(QuarantineEntry.of(
                        csv,
                        row,
                        cols.name(code),
                        "duplicate: Org Code " + orgCode + " already on row " + first.get()));
                continue;
            }
            records.add(AeProviderMonth.of(
                    csv.fileName(),
                    row.rowNumber(),
                    row.value(period).trim(),
                    start.get(),
                    orgCode,
                    row.value(parent).trim(),
                    row.value(name).trim(),
                    counts,
                    row.rawValues()));
        }
        for (RawRow row : totals) {
            parseTotal(csv, row, cols, idx, filePeriod, filePeriodText, controls, quarantine);
        }
        quarantine.sort(Comparator.comparingInt(QuarantineEntry::rowNumber));
        List<String> notes = new ArrayList<>(cols.unknownColumnNotes(known, rows));
        if (controls.isEmpty()) {
            notes.add("no usable national TOTAL row: reconciliation impossible");
        }
        return new ParseResult<>(
                csv.fileName(),
                csv.sha256(),
                Dataset.AE_MONTHLY_PROVIDER,
                rows.size(),
                records,
                controls,
                quarantine,
                notes);
    }

    private static void parseTotal(
            RawCsv csv,
            RawRow row,
            Columns cols,
            int[] idx,
            LocalDate filePeriod,
            String filePeriodText,
            List<AeProviderMonth> controls,
            List<QuarantineEntry> quarantine) {
        if (!controls.isEmpty()) {
            quarantine.add(QuarantineEntry.of(
                    csv,
                    row,
                    "Org Code",
                    "duplicate: TOTAL row already on row " + controls.get(0).rowNumber()));
            return;
        }
        long[] counts = new long[idx.length];
        for (int m = 0; m < idx.length; m++) {
            try {
                counts[m] = PublishedNumbers.count(row.value(idx[m]), false);
            } catch (PublishedNumbers.Bad e) {
                quarantine.add(QuarantineEntry.of(csv, row, cols.name(idx[m]), "TOTAL row: " + e.getMessage()));
                return;
            }
        }
        controls.add(AeProviderMonth.of(
                csv.fileName(),
                row.rowNumber(),
                filePeriodText,
                filePeriod,
                TOTAL_CODE,
                TOTAL_CODE,
                TOTAL_CODE,
                counts,
                row.rawValues()));
    }

    private static Optional<QuarantineEntry> partsWithinTotals(
            RawCsv csv, RawRow row, Columns cols, int[] idx, long[] counts) {
        for (AeMeasure m : AeMeasure.values()) {
            AeMeasure whole = m.partOf();
            if (whole != null && counts[m.ordinal()] > counts[whole.ordinal()]) {
                return Optional.of(QuarantineEntry.of(
                        csv,
                        row,
                        cols.name(idx[m.ordinal()]),
                        "part exceeds total: " + counts[m.ordinal()] + " > '" + whole.header() + "' "
                                + counts[whole.ordinal()]));
            }
        }
        return Optional.empty();
    }

    /** {@code TOTAL}, {@code Total}, {@code Total } (all seen in the real files). */
    private static boolean isTotalSpelling(String code) {
        return code.trim().toUpperCase(Locale.ROOT).equals(TOTAL_CODE);
    }
}
