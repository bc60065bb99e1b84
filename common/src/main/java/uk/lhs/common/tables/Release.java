package uk.lhs.common.tables;

/**
 * Who may see a table: the one rule that decides what may leave the lakehouse (README, "Information governance").
 *
 * <p>A table is safe to publish exactly when its release is {@link #PUBLISHED}, and those tables, and only those,
 * have names ending in {@value #PUBLISHED_SUFFIX}. Their counts passed NHS small-number disclosure control (counts 1–7
 * suppressed with secondary suppression, others rounded to 5) and every value in them is computed from the published
 * counts. The dashboard and the SQL endpoint's default tables are built from these and from {@link #METADATA} alone.
 */
public enum Release {
    /** Patient-level rows (pseudonymised identifiers, dates, diagnoses): never leave bronze and silver. */
    PATIENT,
    /** Exact figures about patients (counts, values from counts): for the analyst's own environment only. */
    EXACT,
    /** Disclosure-controlled figures: safe to publish; the table name ends in {@value #PUBLISHED_SUFFIX}. */
    PUBLISHED,
    /**
     * No figure about patients: reference data, the intervention register, run records, file lineage and data-quality
     * findings named by file, row and column. Safe to show beside published tables.
     */
    METADATA;

    /** The name suffix of every {@link #PUBLISHED} table, and of no other. */
    public static final String PUBLISHED_SUFFIX = "_published";

    /** Whether the dashboard, exported files and the SQL endpoint may show the table. */
    public boolean leavesLakehouse() {
        return this == PUBLISHED || this == METADATA;
    }
}
