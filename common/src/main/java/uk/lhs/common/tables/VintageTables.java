package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import uk.lhs.common.vocab.Cols;

/**
 * Contracts of NHS England's re-publications: which file vintage each silver month came from
 * ({@code silver.vintages}, written by the ingest stage) and the indicator values a newer vintage changed
 * ({@code gold.revisions} and its published twin, written by the indicators stage).
 */
public final class VintageTables {
    private VintageTables() {}

    /** Column of silver.vintages: the silver table the month's rows are in. */
    public static final String SILVER_TABLE = "silver_table";

    /** Column of silver.vintages: the newer vintage that replaced this one. */
    public static final String SUPERSEDED_BY = "superseded_by";

    /** Column of silver.vintages: when the vintage was first seen in silver. */
    public static final String FIRST_INGESTED = "first_ingested";

    /** Column of silver.vintages: the indicators run that compared a re-publication's values with the previous. */
    public static final String COMPARED_IN_RUN = "compared_in_run";

    public static final String PREVIOUS_VALUE = "previous_value";
    public static final String PREVIOUS_SOURCE_SHA256 = "previous_source_sha256";
    public static final String REVISED_IN_RUN = "revised_in_run";

    /** silver.vintages: one row per silver table, month and file (sha256) the month's rows came from. */
    public static final TableContract VINTAGES = TableContract.builder(Layer.SILVER, "vintages")
            .release(Release.METADATA)
            .description("Which file vintage every month of a publication dataset came from: NHS England re-publishes"
                    + " months, and a re-published month replaces the earlier vintage's rows in silver. One row per"
                    + " silver table, month and file (sha256); the current vintage has superseded_by null. The rows of"
                    + " the month carry the same source_sha256.")
            .required(SILVER_TABLE, StringType, "Silver table holding the month's rows, e.g. silver.ae_monthly")
            .required(Cols.PERIOD_START, DateType, "First day of the publication month")
            .required(Cols.SOURCE_SHA256, StringType, "sha256 of the file the month's rows came from (bronze.files)")
            .column("silver_rows", LongType, "Rows of the month from this file when it was last current")
            .column(FIRST_INGESTED, TimestampType, "When this vintage was first seen in silver (UTC)")
            .column("first_ingest_run_id", StringType, "Ingest run that first loaded this vintage")
            .column(
                    SUPERSEDED_BY,
                    StringType,
                    "sha256 of the newer vintage that replaced this one's rows; null while this vintage is current")
            .column("superseded_at", TimestampType, "When it was replaced (UTC); null while current")
            .column(
                    COMPARED_IN_RUN,
                    StringType,
                    "For a re-publication: the indicators run that compared the values computed from it with"
                            + " the previous values (gold.revisions); null for a first vintage and until then")
            .keys(SILVER_TABLE, Cols.PERIOD_START, Cols.SOURCE_SHA256)
            .build();

    /** gold.revisions: the exact indicator values a newer vintage changed. */
    public static final TableContract REVISIONS = revisions(
            "revisions",
            Release.EXACT,
            " Compares gold.indicator_values before and after; exact counts, for use inside the analyst environment.");

    /** gold.revisions_published: the same, from gold.indicator_values_published (what the dashboard lists). */
    public static final TableContract REVISIONS_PUBLISHED = revisions(
            "revisions_published",
            Release.PUBLISHED,
            " Compares gold.indicator_values_published before and after, so both values passed disclosure control"
                    + " (a suppressed value is null). Safe to publish.");

    private static TableContract revisions(String name, Release release, String more) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description("One row per organisation, month, indicator and stratum whose value a newer vintage of"
                        + " NHS England's file for that month changed (silver.vintages): the value before and after,"
                        + " and the two files." + more)
                .required(Cols.ORG_LEVEL, StringType, "trust, system (ICB), region or england")
                .required(Cols.ORG_CODE, StringType, "As in indicator_values")
                .required(Cols.PERIOD_START, DateType, "First day of the revised month")
                .required(Cols.INDICATOR_ID, StringType, "Catalog id (conf/indicators)")
                .required(Cols.STRATUM, StringType, "Population subgroup; 'all' for the whole population")
                .column(
                        PREVIOUS_VALUE,
                        DoubleType,
                        "The value computed from the previous vintage (null when it had none, e.g. no data)")
                .column(Cols.VALUE, DoubleType, "The value computed from the newer vintage (null when it has none)")
                .column(
                        PREVIOUS_SOURCE_SHA256,
                        StringType,
                        "sha256 of the file the previous value was computed from (silver.vintages)")
                .required(Cols.SOURCE_SHA256, StringType, "sha256 of the newer file that revised the month")
                .column(REVISED_IN_RUN, StringType, "Indicators run that computed the revised value")
                .thresholdsIfPublished()
                .keys(
                        Cols.ORG_LEVEL,
                        Cols.ORG_CODE,
                        Cols.PERIOD_START,
                        Cols.INDICATOR_ID,
                        Cols.STRATUM,
                        Cols.SOURCE_SHA256)
                .lineage(REVISED_IN_RUN)
                .build();
    }
}
