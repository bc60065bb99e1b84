package uk.lhs.common.sources;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Types and validates the organisation reference files: the ODS etr trusts file, NHS England's A&E
 * System-Mapping, and the optional predecessor-to-successor file. Row checks: shape, well-formed codes
 * ({@link OrgCodes#PATTERN}; in the System-Mapping only, a code that is well-formed once trimmed and upper-cased
 * is read that way and noted, because the real file has {@code "AQM01 "} and {@code NTV0b} for the A&E codes
 * {@code AQM01} and {@code NTV0B}), region code {@code [A-Z]dd}, valid dates (ODS {@code yyyyMMdd}; ISO in the successor
 * file), close date not before open date, no repeated code (second occurrence quarantined).
 */
public final class OrgReferenceParser {
    /** ODS etr columns used (0-based), per the ODS etr layout: code, name, region, ICB, postcode, open, close. */
    static final int ETR_CODE = 0;

    static final int ETR_NAME = 1;
    static final int ETR_REGION = 2;
    static final int ETR_ICB = 3;
    static final int ETR_POSTCODE = 9;
    static final int ETR_OPEN = 10;
    static final int ETR_CLOSE = 11;

    private static final Pattern REGION = Pattern.compile("[A-Z]\\d\\d");

    private OrgReferenceParser() {}

    /** Parses the headerless ODS etr file into {@link Organisation#TRUST} records (no system or region names). */
    public static ParseResult<Organisation> parseOdsEtr(RawCsv csv) {
        Sources.expect(csv, Dataset.ORG_ODS_ETR);
        List<Organisation> out = new ArrayList<>();
        List<QuarantineEntry> q = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        for (RawRow row : csv.records()) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, Dataset.ODS_ETR_COLUMNS);
            if (bad.isEmpty()) {
                bad = etrRow(csv, row, out);
            }
            if (bad.isEmpty()) {
                Optional<Integer> first = dups.firstSeen(row.value(ETR_CODE), row.rowNumber());
                if (first.isPresent()) {
                    out.remove(out.size() - 1);
                    bad = Optional.of(QuarantineEntry.of(
                            csv,
                            row,
                            "code (col 1)",
                            "duplicate: code " + row.value(ETR_CODE) + " already on row " + first.get()));
                }
            }
            bad.ifPresent(q::add);
        }
        return new ParseResult<>(
                csv.fileName(), csv.sha256(), Dataset.ORG_ODS_ETR, csv.records().size(), out, List.of(), q, List.of());
    }

    private static Optional<QuarantineEntry> etrRow(RawCsv csv, RawRow row, List<Organisation> out) {
        String code = row.value(ETR_CODE);
        Optional<String> badCode = RowChecks.orgCode(code);
        if (badCode.isPresent()) {
            return Optional.of(QuarantineEntry.of(csv, row, "code (col 1)", badCode.get()));
        }
        if (!REGION.matcher(row.value(ETR_REGION)).matches()) {
            return Optional.of(QuarantineEntry.of(
                    csv,
                    row,
                    "region (col 3)",
                    "malformed region code '" + row.value(ETR_REGION) + "' (expected like Y56)"));
        }
        String icb = row.value(ETR_ICB);
        if (!icb.isEmpty() && !OrgCodes.isWellFormed(icb)) {
            return Optional.of(QuarantineEntry.of(
                    csv, row, "ICB (col 4)", RowChecks.orgCode(icb).orElseThrow()));
        }
        LocalDate open;
        LocalDate close;
        String col = "open date (col 11)";
        try {
            open = Periods.odsDate(row.value(ETR_OPEN)).orElse(null);
            col = "close date (col 12)";
            close = Periods.odsDate(row.value(ETR_CLOSE)).orElse(null);
        } catch (DateTimeParseException e) {
            return Optional.of(QuarantineEntry.of(
                    csv, row, col, "invalid date '" + e.getParsedString() + "' (expected yyyyMMdd)"));
        }
        if (open != null && close != null && close.isBefore(open)) {
            return Optional.of(QuarantineEntry.of(
                    csv, row, "close date (col 12)", "close date " + close + " before open date " + open));
        }
        out.add(new Organisation(
                code,
                row.value(ETR_NAME).trim(),
                Organisation.TRUST,
                icb.isEmpty() ? null : icb,
                null,
                row.value(ETR_REGION),
                null,
                open,
                close,
                null));
        return Optional.empty();
    }

    /**
     * Parses NHS England's System-Mapping into {@link Organisation#PROVIDER} records carrying ICB code and name and
     * region name (region code left null; {@link OrgReference} derives it).
     */
    public static ParseResult<Organisation> parseSystemMapping(RawCsv csv) {
        Sources.expect(csv, Dataset.ORG_SYSTEM_MAPPING);
        Columns cols = new Columns(csv.header());
        int code = cols.required("Code");
        int name = cols.required("Name");
        int icb = cols.required("ICB Code");
        int icbName = cols.required("ICB Name");
        int region = cols.required("Region Name");
        List<Organisation> out = new ArrayList<>();
        List<QuarantineEntry> q = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        List<String> notes = new ArrayList<>();
        for (RawRow row : csv.dataRows()) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, cols.size());
            String[] v = row.rawValues();
            if (bad.isEmpty()) {
                for (int c : new int[] {code, icb}) {
                    String fixed = v[c].trim().toUpperCase(Locale.ROOT);
                    if (!v[c].equals(fixed) && OrgCodes.isWellFormed(fixed)) {
                        notes.add("row " + row.rowNumber() + ": " + cols.name(c) + " '" + v[c] + "' read as '" + fixed
                                + "'");
                        v[c] = fixed;
                    }
                    Optional<String> badCode = RowChecks.orgCode(v[c]);
                    if (badCode.isPresent() && bad.isEmpty()) {
                        bad = Optional.of(QuarantineEntry.of(csv, row, cols.name(c), badCode.get()));
                    }
                }
            }
            if (bad.isEmpty() && row.value(region).isBlank()) {
                bad = Optional.of(QuarantineEntry.of(csv, row, cols.name(region), "empty region name"));
            }
            if (bad.isEmpty()) {
                Optional<Integer> first = dups.firstSeen(v[code], row.rowNumber());
                if (first.isPresent()) {
                    bad = Optional.of(QuarantineEntry.of(
                            csv,
                            row,
                            cols.name(code),
                            "duplicate: code " + v[code] + " already on row " + first.get()));
                }
            }
            if (bad.isPresent()) {
                q.add(bad.get());
                continue;
            }
            out.add(new Organisation(
                    v[code],
                    row.value(name).trim(),
                    Organisation.PROVIDER,
                    v[icb],
                    row.value(icbName).trim(),
                    null,
                    row.value(region).trim(),
                    null,
                    null,
                    null));
        }
        notes.addAll(cols.unknownColumnNotes(List.of(code, name, icb, icbName, region), csv.dataRows()));
        return new ParseResult<>(
                csv.fileName(),
                csv.sha256(),
                Dataset.ORG_SYSTEM_MAPPING,
                csv.dataRows().size(),
                out,
                List.of(),
                q,
                notes);
    }

    /** Parses {@code org_successors.csv} ({@code old_code,new_code,effective_date}, ISO dates). */
    public static ParseResult<OrgSuccessor> parseSuccessors(RawCsv csv) {
        Sources.expect(csv, Dataset.ORG_SUCCESSORS);
        Columns cols = new Columns(csv.header());
        int oldC = cols.required("old_code");
        int newC = cols.required("new_code");
        int date = cols.required("effective_date");
        List<OrgSuccessor> out = new ArrayList<>();
        List<QuarantineEntry> q = new ArrayList<>();
        RowChecks.Duplicates dups = new RowChecks.Duplicates();
        for (RawRow row : csv.dataRows()) {
            Optional<QuarantineEntry> bad = RowChecks.shape(csv, row, cols.size());
            for (int c : new int[] {oldC, newC}) {
                if (bad.isEmpty() && !OrgCodes.isWellFormed(row.value(c))) {
                    bad = Optional.of(QuarantineEntry.of(
                            csv,
                            row,
                            cols.name(c),
                            RowChecks.orgCode(row.value(c)).get()));
                }
            }
            if (bad.isEmpty() && row.value(oldC).equals(row.value(newC))) {
                bad = Optional.of(QuarantineEntry.of(csv, row, cols.name(newC), "organisation succeeds itself"));
            }
            LocalDate effective = null;
            if (bad.isEmpty()) {
                try {
                    effective = LocalDate.parse(row.value(date).trim());
                } catch (DateTimeParseException e) {
                    bad = Optional.of(QuarantineEntry.of(
                            csv, row, cols.name(date), "invalid date '" + row.value(date) + "' (expected yyyy-MM-dd)"));
                }
            }
            if (bad.isEmpty()) {
                Optional<Integer> first = dups.firstSeen(row.value(oldC), row.rowNumber());
                if (first.isPresent()) {
                    bad = Optional.of(QuarantineEntry.of(
                            csv,
                            row,
                            cols.name(oldC),
                            "duplicate: " + row.value(oldC) + " already has a successor on row " + first.get()));
                }
            }
            if (bad.isPresent()) {
                q.add(bad.get());
            } else {
                out.add(new OrgSuccessor(row.value(oldC), row.value(newC), effective, row.rowNumber()));
            }
        }
        return new ParseResult<>(
                csv.fileName(),
                csv.sha256(),
                Dataset.ORG_SUCCESSORS,
                csv.dataRows().size(),
                out,
                List.of(),
                q,
                List.of());
    }
}
