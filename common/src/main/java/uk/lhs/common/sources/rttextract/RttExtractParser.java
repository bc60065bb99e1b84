package uk.lhs.common.sources.rttextract;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import uk.lhs.common.sources.rtt.RttBands;

/**
 * Types and validates an RTT full CSV extract ({@link Dataset#RTT_FULL_EXTRACT}); band columns
 * {@code Gt NN To NN Weeks SUM 1} are optional, any that are absent are named in a note.
 *
 * <p>Row checks, first failure wins: row shape; {@code Period} is {@code RTT-<Month>-<yyyy>} and the same on every
 * row; provider and commissioner codes match {@link OrgCodes#PATTERN}; RTT part is one of {@link #PARTS};
 * treatment function present; counts non-negative (blank band, Total and unknown-clock cells allowed, Total All
 * required); sum of bands at most Total All; Total at most Total All, and Total + unknown clock start = Total All
 * where both are given (true on every real row); the key provider x commissioner x part x function not repeated.
 */
public final class RttExtractParser {
    /** The RTT parts the extract carries. */
    public static final List<String> PARTS = List.of("Part_1A", "Part_1B", "Part_2", "Part_2A", "Part_3");
    /** Prefix of the extract's period spelling. */
    public static final String PERIOD_PREFIX = "RTT";

    private RttExtractParser() {}

    /** Reads, recognises and parses a file. */
    public static ParseResult<RttExtractRow> parse(Path file) {
        return parse(RawCsv.read(file));
    }

    /** Parses a tokenised file; throws {@link SourceFileException} if it is not this dataset. */
    public static ParseResult<RttExtractRow> parse(RawCsv csv) {
        Sources.expect(csv, Dataset.RTT_FULL_EXTRACT);
        Columns cols = new Columns(csv.header());
        int[] f = new int[FIELDS.length];
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < FIELDS.length; i++) {
            f[i] = cols.required(FIELDS[i]);
            known.add(f[i]);
        }
        int[] bandCol = new int[RttBands.COUNT];
        Arrays.fill(bandCol, -1);
        for (int i = 0; i < cols.size(); i++) {
            int k = RttBands.fullExtractBand(cols.name(i));
            if (k >= 0 && bandCol[k] < 0) {
                bandCol[k] = i;
                known.add(i);
            }
        }
        int firstKnown = 0;
        while (firstKnown < RttBands.COUNT && bandCol[firstKnown] < 0) {
            firstKnown++;
        }
        List<String> notes = new ArrayList<>(cols.unknownColumnNotes(known, csv.dataRows()));
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < RttBands.COUNT; k++) {
            if (bandCol[k] < 0) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            notes.add("partial extract: " + missing.size() + " of " + RttBands.COUNT + " band columns absent ("
                    + describe(missing) + "); those bands read as 0 and only totals and bands from week " + firstKnown
                    + " can be compared");
        }
        List<RttExtractRow> records = new ArrayList<>();
        List<QuarantineEntry> quarantine = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        PeriodState state = new PeriodState();
        for (RawRow row : csv.dataRows()) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, cols.size());
            if (bad.isEmpty()) {
                bad = checkAndBuild(csv, row, cols, f, bandCol, firstKnown, state, records);
            }
            if (bad.isEmpty()) {
                RttExtractRow r = records.get(records.size() - 1);
                String key = r.providerCode() + "|" + r.commissionerCode() + "|" + r.partType() + "|"
                        + r.treatmentFunctionCode();
                Optional<Integer> first = dups.firstSeen(key, row.rowNumber());
                if (first.isPresent()) {
                    records.remove(records.size() - 1);
                    bad = Optional.of(QuarantineEntry.of(
                            csv,
                            row,
                            "Provider Org Code",
                            "duplicate: provider x commissioner x part x function already on row " + first.get()));
                }
            }
            bad.ifPresent(quarantine::add);
        }
        return new ParseResult<>(
                csv.fileName(),
                csv.sha256(),
                Dataset.RTT_FULL_EXTRACT,
                csv.dataRows().size(),
                records,
                List.of(),
                quarantine,
                notes);
    }

    private static final String[] FIELDS = {
        "Period",
        "Provider Parent Org Code",
        "Provider Org Code",
        "Provider Org Name",
        "Commissioner Parent Org Code",
        "Commissioner Org Code",
        "Commissioner Org Name",
        "RTT Part Type",
        "Treatment Function Code",
        "Treatment Function Name",
        "Total",
        "Patients with unknown clock start date",
        "Total All",
        "Provider Parent Name",
        "Commissioner Parent Name",
        "RTT Part Description"
    };
    private static final int PERIOD = 0;
    private static final int PROV_PARENT = 1;
    private static final int PROV = 2;
    private static final int PROV_NAME = 3;
    private static final int COMM_PARENT = 4;
    private static final int COMM = 5;
    private static final int COMM_NAME = 6;
    private static final int PART = 7;
    private static final int TF = 8;
    private static final int TF_NAME = 9;
    private static final int TOTAL = 10;
    private static final int UNKNOWN = 11;
    private static final int TOTAL_ALL = 12;

    /** The file's period, fixed by the first valid row. */
    private static final class PeriodState {
        LocalDate start;
        String text;
    }

    private static Optional<QuarantineEntry> checkAndBuild(
            RawCsv csv,
            RawRow row,
            Columns cols,
            int[] f,
            int[] bandCol,
            int firstKnown,
            PeriodState state,
            List<RttExtractRow> out) {
        String periodText = row.value(f[PERIOD]).trim();
        Optional<LocalDate> start = Periods.monthStart(PERIOD_PREFIX, periodText);
        if (start.isEmpty()) {
            return bad(csv, row, cols, f[PERIOD], "not an RTT period like RTT-June-2024: '" + periodText + "'");
        }
        if (state.start == null) {
            state.start = start.get();
            state.text = periodText;
        } else if (!state.start.equals(start.get())) {
            return bad(
                    csv,
                    row,
                    cols,
                    f[PERIOD],
                    "period '" + periodText + "' differs from the file's period '" + state.text + "'");
        }
        for (int c : new int[] {f[PROV], f[COMM]}) {
            Optional<String> badCode = RowChecks.orgCode(row.value(c));
            if (badCode.isPresent()) {
                return bad(csv, row, cols, c, badCode.get());
            }
        }
        String part = row.value(f[PART]).trim();
        if (!PARTS.contains(part)) {
            return bad(csv, row, cols, f[PART], "unknown RTT part '" + part + "' (expected one of " + PARTS + ")");
        }
        if (row.value(f[TF]).isBlank()) {
            return bad(csv, row, cols, f[TF], "empty treatment function code");
        }
        long[] bands = new long[RttBands.COUNT];
        int col = -1;
        Long total;
        Long unknown;
        long totalAll;
        try {
            for (int k = 0; k < RttBands.COUNT; k++) {
                col = bandCol[k];
                if (col >= 0 && !row.value(col).isBlank()) {
                    bands[k] = PublishedNumbers.count(row.value(col), false);
                }
            }
            col = f[TOTAL];
            total = row.value(col).isBlank() ? null : PublishedNumbers.count(row.value(col), false);
            col = f[UNKNOWN];
            unknown = row.value(col).isBlank() ? null : PublishedNumbers.count(row.value(col), false);
            col = f[TOTAL_ALL];
            totalAll = PublishedNumbers.count(row.value(col), false);
        } catch (PublishedNumbers.Bad e) {
            return bad(csv, row, cols, col, e.getMessage());
        }
        long sumBands = RttBands.sum(bands, 0, RttBands.COUNT);
        if (sumBands > totalAll) {
            return bad(
                    csv,
                    row,
                    cols,
                    f[TOTAL_ALL],
                    "part exceeds total: the bands sum to " + sumBands + " > Total All " + totalAll);
        }
        if (total != null && total > totalAll) {
            return bad(csv, row, cols, f[TOTAL], "part exceeds total: Total " + total + " > Total All " + totalAll);
        }
        if (total != null && unknown != null && total + unknown != totalAll) {
            return bad(
                    csv,
                    row,
                    cols,
                    f[TOTAL_ALL],
                    "inconsistent: Total " + total + " + unknown clock start " + unknown + " != Total All " + totalAll);
        }
        out.add(new RttExtractRow(
                csv.fileName(),
                row.rowNumber(),
                periodText,
                start.get(),
                row.value(f[PROV_PARENT]).trim(),
                row.value(f[PROV]),
                row.value(f[PROV_NAME]).trim(),
                row.value(f[COMM_PARENT]).trim(),
                row.value(f[COMM]),
                row.value(f[COMM_NAME]).trim(),
                part,
                row.value(f[TF]).trim(),
                row.value(f[TF_NAME]).trim(),
                bands,
                firstKnown,
                total,
                unknown,
                totalAll,
                row.rawValues()));
        return Optional.empty();
    }

    private static Optional<QuarantineEntry> bad(RawCsv csv, RawRow row, Columns cols, int col, String reason) {
        return Optional.of(QuarantineEntry.of(csv, row, cols.name(col), reason));
    }

    /** Ranges of band indices, e.g. "weeks 0-51". */
    private static String describe(List<Integer> bands) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < bands.size()) {
            int j = i;
            while (j + 1 < bands.size() && bands.get(j + 1) == bands.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(i == j ? "band >" + bands.get(i) : "bands >" + bands.get(i) + " .. >" + bands.get(j));
            i = j + 1;
        }
        return sb.toString();
    }
}
