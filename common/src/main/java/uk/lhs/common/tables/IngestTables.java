package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.vocab.Cols;

/**
 * Contracts of the bronze and silver tables written by the ingest stage. Silver tables are keyed by
 * {@code org_code} and {@code period_start} (first day of the month) across datasets.
 */
public final class IngestTables {
    private IngestTables() {}

    public static final TableContract FILES = TableContract.builder(Layer.BRONZE, "files")
            .release(Release.METADATA)
            .description("Every file that landed, once per distinct content (sha256): what it was recognised as and"
                    + " whether it loaded. A file landing twice is recognised by its hash and skipped.")
            .required(Cols.SOURCE_SHA256, StringType, "sha256 of the file's bytes: its identity")
            .required(Cols.SOURCE_FILE, StringType, "Path of the file when it was first ingested")
            .column(Cols.DATASET, StringType, "Dataset recognised from the header, or null when unrecognised")
            .column("size_bytes", LongType, "File size in bytes")
            .column("data_rows", LongType, "Data rows read (excluding header and blank lines)")
            .column("header", DataTypes.createArrayType(StringType, true), "Header cells as read")
            .required("status", StringType, "loaded or rejected")
            .column(
                    "message",
                    StringType,
                    "Why a file was rejected (what, why, how to fix), or why a recognised file"
                            + " is kept in bronze only")
            .column(Cols.INGEST_RUN_ID, StringType, "Run that ingested the file")
            .column("ingested_at", TimestampType, "When it was ingested (UTC)")
            .keys(Cols.SOURCE_SHA256)
            .mode(TableContract.WriteMode.APPEND_NEW_KEYS)
            .check("status_known", "status IN ('loaded', 'rejected')")
            .build();

    // PATIENT: besides NHS England's aggregate files it keeps the raw lines of patient-level CSVs loaded to bronze only
    // (HES A&E / outpatient samples), so it never leaves the lakehouse.
    public static final TableContract PUBLICATION_ROWS = TableContract.builder(Layer.BRONZE, "publication_rows")
            .release(Release.PATIENT)
            .description("Every data row of every landed CSV exactly as read: all cells as strings, with file, hash"
                    + " and row number. Append-only; the raw input is never altered.")
            .required(Cols.SOURCE_SHA256, StringType, "sha256 of the file the row came from")
            .required("row_number", IntegerType, "1-based physical line number in the file")
            .required(Cols.SOURCE_FILE, StringType, "File the row came from")
            .column(Cols.DATASET, StringType, "Dataset recognised from the header")
            .column("cells", DataTypes.createArrayType(StringType, true), "The row's cells as strings, in header order")
            .column("raw_line", StringType, "The row's text as it appeared in the file")
            .column(Cols.INGEST_RUN_ID, StringType, "Run that ingested the row")
            .keys(Cols.SOURCE_SHA256, "row_number")
            .partitionBy(Cols.DATASET)
            .mode(TableContract.WriteMode.APPEND_NEW_KEYS)
            .build();

    public static final TableContract ORGANISATIONS = TableContract.builder(Layer.SILVER, "organisations")
            .release(Release.METADATA)
            .description("Organisation reference: trust to system (ICB) to region, with open/close dates and successors"
                    + " so a merged trust's history rolls into its successor.")
            .required(Cols.ORG_CODE, StringType, "ODS code")
            .column(Cols.ORG_NAME, StringType, "Name")
            .required(Cols.ORG_LEVEL, StringType, "trust, system or region")
            .column(Cols.SYSTEM_CODE, StringType, "ICB (system) code the trust belongs to")
            .column(Cols.SYSTEM_NAME, StringType, "ICB (system) name")
            .column(Cols.REGION_CODE, StringType, "NHS England region code")
            .column(Cols.REGION_NAME, StringType, "NHS England region name")
            .column("open_date", DateType, "Date the organisation opened")
            .column("close_date", DateType, "Date it closed, null while open")
            .column("successor_code", StringType, "Code its activity rolls into after a merger, else null")
            .column("source", StringType, "Reference file(s) the row comes from")
            .column(Cols.INGEST_RUN_ID, StringType, "Run that last changed the row")
            .keys(Cols.ORG_CODE)
            .lineage(Cols.INGEST_RUN_ID)
            .check("level_known", "org_level IN ('trust', 'system', 'region')")
            .build();

    /**
     * The 18 count columns of silver.ae_monthly, in MSitAE file order, each with its comment and (for the over-4-hours
     * counts) the attendance column it is a part of. The sources map their records onto these names
     * ({@code AeMeasure.column()}; a unit test checks they agree).
     */
    public static final List<AeCount> AE_MONTHLY_COUNTS = List.of(
            new AeCount(
                    "att_type1",
                    "A&E attendances Type 1 (Monthly-AE: excl. booked appointments; A&E-by-provider:"
                            + " booked and non-booked together)",
                    null),
            new AeCount("att_type2", "A&E attendances Type 2 (as att_type1)", null),
            new AeCount("att_other", "A&E attendances Other A&E Department, types 3 and 4 (as att_type1)", null),
            new AeCount(
                    "att_booked_type1",
                    "A&E attendances Booked Appointments Type 1 (0 for rows from A&E-by-provider"
                            + " files, which do not split booked appointments out: the booked/unbooked split is not comparable"
                            + " between the two sources, the sums over both are)",
                    null),
            new AeCount("att_booked_type2", "A&E attendances Booked Appointments Type 2 (as att_booked_type1)", null),
            new AeCount(
                    "att_booked_other",
                    "A&E attendances Booked Appointments Other Department (as att_booked_type1)",
                    null),
            new AeCount(
                    "over4_type1",
                    "Attendances over 4hrs Type 1 (A&E-by-provider: booked and non-booked)",
                    "att_type1"),
            new AeCount("over4_type2", "Attendances over 4hrs Type 2 (as over4_type1)", "att_type2"),
            new AeCount("over4_other", "Attendances over 4hrs Other Department (as over4_type1)", "att_other"),
            new AeCount(
                    "over4_booked_type1",
                    "Attendances over 4hrs Booked Appointments Type 1 (0 from A&E-by-provider)",
                    "att_booked_type1"),
            new AeCount(
                    "over4_booked_type2",
                    "Attendances over 4hrs Booked Appointments Type 2 (0 from A&E-by-provider)",
                    "att_booked_type2"),
            new AeCount(
                    "over4_booked_other",
                    "Attendances over 4hrs Booked Appointments Other Department (0 from" + " A&E-by-provider)",
                    "att_booked_other"),
            new AeCount(
                    "dta_4_to_12h",
                    "Patients who waited 4-12 hours from decision to admit to admission"
                            + " (A&E-by-provider: >4 hours minus >12 hours)",
                    null),
            new AeCount("dta_over_12h", "Patients who waited over 12 hours from decision to admit to admission", null),
            new AeCount("emerg_adm_type1", "Emergency admissions via A&E - Type 1", null),
            new AeCount("emerg_adm_type2", "Emergency admissions via A&E - Type 2", null),
            new AeCount("emerg_adm_other", "Emergency admissions via A&E - Other A&E department (types 3 and 4)", null),
            new AeCount("emerg_adm_not_via_ae", "Other emergency admissions (not via A&E)", null));

    /**
     * A count column of silver.ae_monthly.
     *
     * @param column the column name
     * @param comment what it holds, and how it compares across the sources that load it
     * @param partOf the column it is a subset of, or null
     */
    public record AeCount(String column, String comment, String partOf) {}

    /** silver.ae_monthly: one row per provider and month, the 18 published counts as columns. */
    public static final TableContract AE_MONTHLY = aeMonthly();

    private static TableContract aeMonthly() {
        TableContract.Builder b = TableContract.builder(Layer.SILVER, "ae_monthly")
                .release(Release.EXACT)
                .description(
                        "NHS England A&E attendances and emergency admissions by provider and month: attendances and"
                                + " over-4-hours by type incl. booked appointments, waits from decision to admit, emergency admissions."
                                + " From Monthly-AE (MSitAE) provider CSVs, or from the A&E-by-provider table (booked appointments not"
                                + " split out: booked columns 0, type columns booked + non-booked). Comparable across both: total"
                                + " attendances, over and within 4 hours, the 4-hour %, emergency admissions and DTA waits; not"
                                + " comparable: the booked/unbooked split.")
                .required(Cols.ORG_CODE, StringType, "Provider ODS code (after successor mapping)")
                .required(Cols.PERIOD_START, DateType, "First day of the month")
                .column("published_org_code", StringType, "Org code as published (differs after a merger)")
                .column(Cols.ORG_NAME, StringType, "Provider name as published")
                .column("parent_org", StringType, "Parent organisation as published (region)")
                .required(Cols.SYSTEM_CODE, StringType, "ICB (system) code from the reference, or 'unmapped'")
                .required(Cols.REGION_CODE, StringType, "NHS England region code from the reference, or 'unmapped'");
        for (AeCount c : AE_MONTHLY_COUNTS) {
            b.required(c.column(), LongType, "Published: " + c.comment());
        }
        // Two constraints, not one per column: each ADD CONSTRAINT is a commit that scans the table.
        List<String> nonNegative = new java.util.ArrayList<>();
        List<String> parts = new java.util.ArrayList<>();
        for (AeCount c : AE_MONTHLY_COUNTS) {
            nonNegative.add(c.column() + " >= 0");
            if (c.partOf() != null) {
                parts.add(c.column() + " <= " + c.partOf());
            }
        }
        b.check("counts_non_negative", String.join(" AND ", nonNegative));
        b.check("over_4h_within_attendances", String.join(" AND ", parts));
        return b.column(Cols.SOURCE_FILE, StringType, "File the row came from")
                .column(Cols.SOURCE_SHA256, StringType, "sha256 of that file (bronze.files)")
                .column(Cols.SOURCE_ROW, IntegerType, "Row number in that file")
                .column(Cols.INGEST_RUN_ID, StringType, "Run that last changed the row")
                .keys(Cols.ORG_CODE, Cols.PERIOD_START)
                .lineage(Cols.INGEST_RUN_ID)
                .build();
    }

    /**
     * Columns of silver.ae_system_monthly holding the published counts of the ICB-level tables, same order (the
     * source's column list; a unit test checks they agree):
     * attendances, within and over 4 hours (types 1, 2, 3, total), emergency admissions via type 1, 2, 3 and 4 A&E and
     * in total, other and total emergency admissions, waits over 4 and 12 hours from decision to admit.
     */
    public static final List<String> AE_SYSTEM_COUNTS = List.of(
            "attendances_type1",
            "attendances_type2",
            "attendances_type3",
            "attendances_total",
            "within4_type1",
            "within4_type2",
            "within4_type3",
            "within4_total",
            "over4_type1",
            "over4_type2",
            "over4_type3",
            "over4_total",
            "emergency_via_type1",
            "emergency_via_type2",
            "emergency_via_type3_4",
            "emergency_via_ae_total",
            "emergency_other",
            "emergency_total",
            "dta_over_4h",
            "dta_over_12h");

    /** What each of {@link #AE_SYSTEM_COUNTS} holds, as published in the ICB-level tables. */
    private static final List<String> AE_SYSTEM_COUNT_HEADERS = List.of(
            "Attendances (Type 1)",
            "Attendances (Type 2)",
            "Attendances (Type 3)",
            "Attendances (Total)",
            "Attendances in 4 hours or less (Type 1)",
            "Attendances in 4 hours or less (Type 2)",
            "Attendances under 4 hours (Type 3)",
            "Attendances under 4 hours (Total)",
            "Attendances over 4 hours (Type 1)",
            "Attendances over 4 hours (Type 2)",
            "Attendances over 4 hours (Type 3)",
            "Attendances over 4 hours (Total)",
            "Emergency Admissions via Type 1 A&E",
            "Emergency Admissions via Type 2 A&E",
            "Emergency Admissions via Type 3 and 4 A&E",
            "Total Emergency Admissions via A&E",
            "Other Emergency admissions (i.e not via A&E)",
            "Total Emergency Admissions",
            "Number of patients spending >4 hours from decision to admit to admission",
            "Number of patients spending >12 hours from decision to admit to admission");

    /** silver.ae_system_monthly: NHS England's published A&E figures per ICB (system) and month. */
    public static final TableContract AE_SYSTEM_MONTHLY = aeSystemMonthly();

    private static TableContract aeSystemMonthly() {
        TableContract.Builder b = TableContract.builder(Layer.SILVER, "ae_system_monthly")
                .release(Release.EXACT)
                .description("NHS England A&E figures as published per ICB (system) and month (the ICB-level tables):"
                        + " published system totals, not recomputed from providers. Every row passed the table's own"
                        + " identities (totals = sum of types, within + over 4 h <= attendances); failures are in"
                        + " silver.quarantine.")
                .required(Cols.ORG_CODE, StringType, "ICB (system) ODS code, e.g. QOX")
                .required(Cols.PERIOD_START, DateType, "First day of the month (from the file name)")
                .column(Cols.ORG_NAME, StringType, "ICB name as published")
                .required(Cols.REGION_CODE, StringType, "NHS England region code from the reference, or 'unmapped'");
        for (int i = 0; i < AE_SYSTEM_COUNTS.size(); i++) {
            b.required(AE_SYSTEM_COUNTS.get(i), LongType, "Published: " + AE_SYSTEM_COUNT_HEADERS.get(i));
        }
        for (String pct : List.of("total", "type1", "type2", "type3")) {
            b.column(
                    "published_pct_within4_" + pct,
                    DoubleType,
                    "Published % in 4 hours or less (" + pct + "), fraction" + " 0-1; null where published as '-'");
        }
        List<String> nonNegative =
                AE_SYSTEM_COUNTS.stream().map(c -> c + " >= 0").toList();
        return b.column(Cols.SOURCE_FILE, StringType, "File the row came from")
                .column(Cols.SOURCE_SHA256, StringType, "sha256 of that file (bronze.files)")
                .column(Cols.SOURCE_ROW, IntegerType, "Row number in that file")
                .column(Cols.INGEST_RUN_ID, StringType, "Run that last changed the row")
                .keys(Cols.ORG_CODE, Cols.PERIOD_START)
                .lineage(Cols.INGEST_RUN_ID)
                .check("counts_non_negative", String.join(" AND ", nonNegative))
                .check(
                        "totals_are_sums",
                        "attendances_total = attendances_type1 + attendances_type2 + attendances_type3"
                                + " AND emergency_total = emergency_via_ae_total + emergency_other")
                .build();
    }

    public static final TableContract RTT_INCOMPLETE = TableContract.builder(Layer.SILVER, "rtt_incomplete")
            .release(Release.EXACT)
            .description(
                    "RTT incomplete pathways (waiting list at month end) by provider, treatment function and month,"
                            + " with the 105 weekly bands and NHS England's published summary figures.")
            .required(Cols.ORG_CODE, StringType, "Provider ODS code (after successor mapping)")
            .required(Cols.PERIOD_START, DateType, "First day of the month (snapshot at its end)")
            .required("treatment_function_code", StringType, "Treatment function code; C_999 = total over functions")
            .column("treatment_function_name", StringType, "Treatment function name")
            .column("published_org_code", StringType, "Provider code as published")
            .column(Cols.ORG_NAME, StringType, "Provider name as published")
            .required(Cols.SYSTEM_CODE, StringType, "ICB (system) code from the reference, or 'unmapped'")
            .required(Cols.REGION_CODE, StringType, "NHS England region code from the reference, or 'unmapped'")
            .column(
                    "bands",
                    DataTypes.createArrayType(LongType, true),
                    "Pathways by weeks waited: index k = more than k to k+1 weeks (0..103), index 104 = 104 plus")
            .required("total_pathways", LongType, "Total number of incomplete pathways")
            .required("within_18_weeks", LongType, "Pathways waiting 18 weeks or less")
            .required("over_52_weeks", LongType, "Pathways waiting more than 52 weeks")
            .required("over_65_weeks", LongType, "Pathways waiting more than 65 weeks")
            .required("over_78_weeks", LongType, "Pathways waiting more than 78 weeks")
            .required("over_104_weeks", LongType, "Pathways waiting more than 104 weeks")
            .column("published_pct_within_18", DoubleType, "Published % within 18 weeks (fraction 0-1)")
            .column("published_median_weeks", DoubleType, "Published median wait (weeks)")
            .column("published_p92_weeks", DoubleType, "Published 92nd percentile wait (weeks)")
            .column(Cols.SOURCE_FILE, StringType, "File the row came from")
            .column(Cols.SOURCE_SHA256, StringType, "sha256 of that file")
            .column(Cols.SOURCE_ROW, IntegerType, "Row number in that file")
            .column(Cols.INGEST_RUN_ID, StringType, "Run that last changed the row")
            .keys(Cols.ORG_CODE, Cols.PERIOD_START, "treatment_function_code")
            .lineage(Cols.INGEST_RUN_ID)
            .check("within_18_le_total", "within_18_weeks <= total_pathways")
            .check("over_52_le_total", "over_52_weeks <= total_pathways")
            .build();

    public static final TableContract QUARANTINE = TableContract.builder(Layer.SILVER, "quarantine")
            .release(Release.EXACT)
            .description("Every rejected input row: file, row, column, reason and a keyed hash of the row. For"
                    + " patient-level datasets (SPELLS_PARQUET, SPELLS_CSV, EPISODES_CSV) nothing else: no field of the"
                    + " row (patient id, dates, age, sex, diagnoses) and no raw text; the raw row stays in bronze.spells"
                    + " (PATIENT). Published aggregate files (NHS England A&E and RTT) also keep their raw text. Rows"
                    + " here were not loaded to silver.")
            .required(Cols.SOURCE_SHA256, StringType, "sha256 of the file")
            .required(
                    "row_number",
                    IntegerType,
                    "1-based line number in the file (Parquet: row index + 1; episode files: the spell's first episode"
                            + " row; 0 = the file as a whole)")
            .required("column_name", StringType, "Column the problem is in ('' when it is the whole row)")
            .required(
                    "reason",
                    StringType,
                    "What is wrong, in words. For patient-level rows a fixed text naming the column and the rule,"
                            + " never the offending value")
            .column(Cols.SOURCE_FILE, StringType, "File name")
            .column(Cols.DATASET, StringType, "Dataset of the file")
            .column(
                    "raw_text",
                    StringType,
                    "The row as it appeared in the file: published aggregate datasets only; null for patient-level"
                            + " datasets (their rows are in bronze.spells) and for findings about a whole file")
            .column(
                    "row_hash",
                    StringType,
                    "HMAC-SHA256 of the row under the lakehouse's secret key (lhs.quarantine.hash-key, else"
                            + " <lakehouse>/_lhs/row-hash.key), 64 hex digits: the same row gives the same hash in"
                            + " every run; with the key, the bronze row can be found. Hashed text: a publication row's"
                            + " line as read; a patient row's HES fields (trimmed, blank as empty) joined by U+001F."
                            + " Null for findings about a whole file")
            .column(Cols.INGEST_RUN_ID, StringType, "Run that found the problem")
            .keys(Cols.SOURCE_SHA256, "row_number", "column_name", "reason")
            .lineage(Cols.INGEST_RUN_ID)
            .build();

    public static final TableContract DATA_QUALITY = TableContract.builder(Layer.GOLD, "data_quality")
            .release(Release.METADATA)
            .description("Data-quality findings: reconciliation of published totals, unmapped organisation codes,"
                    + " missing months, quarantined rows per file. One row per check and subject.")
            .required(
                    "check_id",
                    StringType,
                    "Check: ae_total_reconciles, org_unmapped, rows_quarantined, month_missing," + " file_rejected")
            .required(Cols.SOURCE_SHA256, StringType, "File the finding is about ('' when it is not about one file)")
            .required("subject", StringType, "What the finding is about: an org code, a measure, a month")
            .column(Cols.DATASET, StringType, "Dataset")
            .column(Cols.SOURCE_FILE, StringType, "File name")
            .column(Cols.PERIOD_START, DateType, "Month concerned, if any")
            .required("severity", StringType, "info, warning or error")
            .required("passed", BooleanType, "Whether the check passed")
            .column("observed", StringType, "Observed value")
            .column("expected", StringType, "Expected value")
            .column("message", StringType, "Plain-English explanation")
            .column(Cols.RUN_ID, StringType, "Run that made the finding")
            .keys("check_id", Cols.SOURCE_SHA256, "subject")
            .lineage(Cols.RUN_ID)
            .check("severity_known", "severity IN ('info', 'warning', 'error')")
            .build();
}
