package uk.lhs.common.sources.rtt;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.sources.Sources;

/**
 * Types and validates an RTT Incomplete-Provider CSV ({@link Dataset#RTT_INCOMPLETE_PROVIDER}).
 *
 * <p>The file has no period column, so the period is passed in or taken from a {@code yyyy-MM} in the file name.
 * Row checks, first failure wins: row shape; provider and region codes match {@link OrgCodes#PATTERN}; treatment
 * function present; every band and total a non-negative count ({@code -} = 0, thousands separators accepted);
 * published percentages and weeks numeric or {@code -}; within 18 weeks at most the total; then the identities
 * NHS England's own figures satisfy on every real row (METHODOLOGY.md "RTT"): total = sum of bands, within 18 weeks
 * = sum of bands 0-17, 52+/65+/78+ = sums from those bands to 104 plus; provider x function not repeated.
 */
public final class RttIncompleteProviderParser {
    /** First band of the "52 plus weeks" total. */
    public static final int FROM_52_WEEKS = 52;
    /** First band of the "65 plus weeks" total. */
    public static final int FROM_65_WEEKS = 65;
    /** First band of the "78 plus weeks" total. */
    public static final int FROM_78_WEEKS = 78;

    private RttIncompleteProviderParser() {}

    /** Reads a file and parses it with the period named in its file name ({@code ...-yyyy-MM.csv}). */
    public static ParseResult<RttIncompleteProvider> parse(Path file) {
        RawCsv csv = RawCsv.read(file);
        LocalDate period = Periods.fromFileName(csv.fileName())
                .orElseThrow(() -> new SourceFileException(
                        csv.fileName(),
                        "no reporting period: RTT Incomplete-Provider files have no period column and the name has "
                                + "no yyyy-MM",
                        "rename the file like RTT-Incomplete-Provider-2024-06.csv or pass the period"));
        return parse(csv, period);
    }

    /** Parses a tokenised file for the month starting {@code periodStart}. */
    public static ParseResult<RttIncompleteProvider> parse(RawCsv csv, LocalDate periodStart) {
        Sources.expect(csv, Dataset.RTT_INCOMPLETE_PROVIDER);
        Columns cols = new Columns(csv.header());
        Layout l = new Layout(cols);
        List<RttIncompleteProvider> records = new ArrayList<>();
        List<QuarantineEntry> quarantine = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        for (RawRow row : csv.dataRows()) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, cols.size());
            if (bad.isEmpty()) {
                bad = checkAndBuild(csv, row, cols, l, periodStart, records);
            }
            if (bad.isEmpty()) {
                RttIncompleteProvider r = records.get(records.size() - 1);
                Optional<Integer> first =
                        dups.firstSeen(r.providerCode() + "|" + r.treatmentFunctionCode(), row.rowNumber());
                if (first.isPresent()) {
                    records.remove(records.size() - 1);
                    bad = Optional.of(QuarantineEntry.of(
                            csv,
                            row,
                            "Provider Code",
                            "duplicate: provider " + r.providerCode() + " x " + r.treatmentFunctionCode()
                                    + " already on row " + first.get()));
                }
            }
            bad.ifPresent(quarantine::add);
        }
        List<String> notes = new ArrayList<>(cols.unknownColumnNotes(l.known, csv.dataRows()));
        return new ParseResult<>(
                csv.fileName(),
                csv.sha256(),
                Dataset.RTT_INCOMPLETE_PROVIDER,
                csv.dataRows().size(),
                records,
                List.of(),
                quarantine,
                notes);
    }

    /** Column positions. */
    private static final class Layout {
        final int region;
        final int provider;
        final int providerName;
        final int tf;
        final int tfName;
        final int[] bands = new int[RttBands.COUNT];
        final int total;
        final int within18;
        final int pct18;
        final int median;
        final int p92;
        final int t52;
        final int t65;
        final int t78;
        final int pct52;
        final List<Integer> known = new ArrayList<>();

        Layout(Columns c) {
            region = c.required("Region Code");
            provider = c.required("Provider Code");
            providerName = c.required("Provider Name");
            tf = c.required("Treatment Function Code");
            tfName = c.required("Treatment Function");
            for (int k = 0; k < RttBands.COUNT; k++) {
                bands[k] = c.required(RttBands.incompleteProviderHeader(k));
                known.add(bands[k]);
            }
            total = c.required("Total number of incomplete pathways");
            within18 = c.required("Total within 18 weeks");
            pct18 = c.required("% within 18 weeks");
            median = c.required("Average (median) waiting time (in weeks)");
            p92 = c.required("92nd percentile waiting time (in weeks)");
            t52 = c.required("Total 52 plus weeks");
            t65 = c.required("Total 65 plus weeks");
            t78 = c.required("Total 78 plus weeks");
            pct52 = c.optional("% 52 plus weeks");
            known.addAll(List.of(
                    region, provider, providerName, tf, tfName, total, within18, pct18, median, p92, t52, t65, t78));
            if (pct52 >= 0) {
                known.add(pct52);
            }
        }
    }

    private static Optional<QuarantineEntry> checkAndBuild(
            RawCsv csv, RawRow row, Columns cols, Layout l, LocalDate periodStart, List<RttIncompleteProvider> out) {
        for (int codeCol : new int[] {l.provider, l.region}) {
            Optional<String> badCode = RowChecks.orgCode(row.value(codeCol));
            if (badCode.isPresent()) {
                return Optional.of(QuarantineEntry.of(csv, row, cols.name(codeCol), badCode.get()));
            }
        }
        if (row.value(l.tf).isBlank()) {
            return Optional.of(QuarantineEntry.of(csv, row, cols.name(l.tf), "empty treatment function code"));
        }
        long[] bands = new long[RttBands.COUNT];
        long total;
        long within18;
        long t52;
        long t65;
        long t78;
        Double pct18;
        Double median;
        Double p92;
        Double pct52 = null;
        int col = -1;
        try {
            for (int k = 0; k < RttBands.COUNT; k++) {
                col = l.bands[k];
                bands[k] = PublishedNumbers.count(row.value(col), true);
            }
            col = l.total;
            total = PublishedNumbers.count(row.value(col), true);
            col = l.within18;
            within18 = PublishedNumbers.count(row.value(col), true);
            col = l.t52;
            t52 = PublishedNumbers.count(row.value(col), true);
            col = l.t65;
            t65 = PublishedNumbers.count(row.value(col), true);
            col = l.t78;
            t78 = PublishedNumbers.count(row.value(col), true);
            col = l.pct18;
            pct18 = PublishedNumbers.percentOrNull(row.value(col));
            col = l.median;
            median = PublishedNumbers.decimalOrNull(row.value(col));
            col = l.p92;
            p92 = PublishedNumbers.decimalOrNull(row.value(col));
            if (l.pct52 >= 0) {
                col = l.pct52;
                pct52 = PublishedNumbers.percentOrNull(row.value(col));
            }
        } catch (PublishedNumbers.Bad e) {
            return Optional.of(QuarantineEntry.of(csv, row, cols.name(col), e.getMessage()));
        }
        if (within18 > total) {
            return Optional.of(QuarantineEntry.of(
                    csv, row, cols.name(l.within18), "part exceeds total: " + within18 + " > total " + total));
        }
        long[][] identities = {
            {l.total, total, RttBands.sum(bands, 0, RttBands.COUNT), 0},
            {l.within18, within18, RttBands.sum(bands, 0, RttBands.WITHIN_18_WEEKS), RttBands.WITHIN_18_WEEKS},
            {l.t52, t52, RttBands.sum(bands, FROM_52_WEEKS, RttBands.COUNT), FROM_52_WEEKS},
            {l.t65, t65, RttBands.sum(bands, FROM_65_WEEKS, RttBands.COUNT), FROM_65_WEEKS},
            {l.t78, t78, RttBands.sum(bands, FROM_78_WEEKS, RttBands.COUNT), FROM_78_WEEKS},
        };
        for (long[] id : identities) {
            if (id[1] != id[2]) {
                String range = id[0] == l.total
                        ? "all bands"
                        : id[0] == l.within18 ? "bands >0-1 .. >17-18" : "bands from >" + id[3] + "-" + (id[3] + 1);
                return Optional.of(QuarantineEntry.of(
                        csv,
                        row,
                        cols.name((int) id[0]),
                        "inconsistent: published " + id[1] + " but the sum of " + range + " is " + id[2]));
            }
        }
        out.add(new RttIncompleteProvider(
                csv.fileName(),
                row.rowNumber(),
                periodStart,
                row.value(l.region),
                row.value(l.provider),
                row.value(l.providerName).trim(),
                row.value(l.tf).trim(),
                row.value(l.tfName).trim(),
                bands,
                total,
                within18,
                t52,
                t65,
                t78,
                pct18,
                median,
                p92,
                pct52,
                row.rawValues()));
        return Optional.empty();
    }
}
