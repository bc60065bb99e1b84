package uk.lhs.common.sources;

import java.util.List;
import java.util.Locale;

/**
 * The ids of the registered {@link Source}s, one per dataset: these names are written to {@code bronze.files.dataset}
 * and {@code bronze.publication_rows.dataset}. Everything else about a dataset (its header, parser, silver table,
 * reconciliation) is in its source, {@code uk.lhs.common.sources.<dataset>.*Source}.
 */
public enum Dataset {
    /** NHS England "Monthly A&E Attendances and Emergency Admissions" provider CSV (MSitAE). */
    AE_MONTHLY_PROVIDER,
    /** RTT "Incomplete Provider" CSV: provider x treatment function, weekly bands {@code >0-1 .. 104 plus}. */
    RTT_INCOMPLETE_PROVIDER,
    /** RTT "full CSV extract": provider x commissioner x RTT part x treatment function; band columns optional. */
    RTT_FULL_EXTRACT,
    /** ODS "etr" NHS trusts file: no header, 27 columns (code, name, region, ICB, address x5, postcode, dates ...). */
    ORG_ODS_ETR,
    /** NHS England A&E "System-Mapping": provider to ICB (system) to NHS England region. */
    ORG_SYSTEM_MAPPING,
    /** Predecessor to successor organisation file ({@code org_successors.csv}), ISO dates. */
    ORG_SUCCESSORS,
    /** Patient-level spells with HES admitted-patient-care field names. */
    SPELLS_CSV,
    /** A&E "System" (ICB) level table exported to CSV. */
    AE_ICB_LEVEL,
    /** 30-day emergency readmissions of anonymised acute trusts, 2002-03: kept in bronze only. */
    READMISSIONS_ANONYMISED,
    /** NHS Digital artificial HES A&E attendance sample (patient level, AEKEY): kept in bronze only. */
    HES_AE_SAMPLE,
    /** NHS Digital artificial HES outpatient appointment sample (patient level, ATTENDKEY): kept in bronze only. */
    HES_OP_SAMPLE,
    /** NHS England "A&E attendances and emergency admissions" by-provider table, saved from the XLS to CSV. */
    AE_BY_PROVIDER;

    /** Number of columns in the ODS etr file (ODS "etr" file specification; every row of the shared copy has 27). */
    public static final int ODS_ETR_COLUMNS = 27;

    /** This dataset's plug-in. */
    public Source<?> source() {
        return Sources.of(this);
    }

    /** Whether the file's first record is a header. */
    public boolean hasHeader() {
        return source().hasHeader();
    }

    /** Columns that must be present (empty for the headerless ODS file). */
    public List<String> requiredColumns() {
        return source().requiredColumns();
    }

    /** Columns that may be present and are read when they are. */
    public List<String> optionalColumns() {
        return source().optionalColumns();
    }

    /** Why a recognised dataset has no silver table, or null ({@link Source#bronzeOnlyReason()}). */
    public String bronzeOnlyReason() {
        return source().bronzeOnlyReason().orElse(null);
    }

    /** Normalised form of a column name: trimmed, single-spaced, lower case, BOM removed. */
    public static String normalise(String column) {
        return column.replace("\uFEFF", "").trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Recognises the dataset of a tokenised file ({@link Sources#detect(RawCsv)}).
     *
     * @throws SourceFileException the header matches no dataset
     */
    public static Dataset detect(RawCsv csv) {
        return Sources.detect(csv).dataset();
    }
}
