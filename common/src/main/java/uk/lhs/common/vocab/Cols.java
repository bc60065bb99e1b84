package uk.lhs.common.vocab;

/**
 * Names of the columns shared across tables, declared once. A column that belongs to one table only is named in that
 * table's contract ({@code uk.lhs.common.tables}); these are the ones joins, filters and group-bys use everywhere.
 */
public final class Cols {
    private Cols() {}

    /** ODS code of the organisation a row is about (trust, ICB, region or {@link England#CODE}). */
    public static final String ORG_CODE = "org_code";
    /** Organisation name. */
    public static final String ORG_NAME = "org_name";
    /** Level of the organisation: {@link OrgLevel#label()}. */
    public static final String ORG_LEVEL = "org_level";
    /** ICB (system) code from the organisation reference, or {@link Unmapped#CODE}. */
    public static final String SYSTEM_CODE = "system_code";
    /** ICB (system) name. */
    public static final String SYSTEM_NAME = "system_name";
    /** NHS England region code from the organisation reference, or {@link Unmapped#CODE}. */
    public static final String REGION_CODE = "region_code";
    /** NHS England region name. */
    public static final String REGION_NAME = "region_name";
    /** First day of the month a row is about. */
    public static final String PERIOD_START = "period_start";
    /** Catalog id of an indicator. */
    public static final String INDICATOR_ID = "indicator_id";
    /** Population stratum of a row: {@link Stratum#ALL} or a stratum code. */
    public static final String STRATUM = "stratum";
    /** Numerator of a ratio indicator. */
    public static final String NUMERATOR = "numerator";
    /** Denominator of a ratio indicator. */
    public static final String DENOMINATOR = "denominator";
    /** An indicator's value. */
    public static final String VALUE = "value";
    /** Lower end of a 95% interval. */
    public static final String LOWER_95 = "lower_95";
    /** Upper end of a 95% interval. */
    public static final String UPPER_95 = "upper_95";
    /** Row status (a table's contract lists its values). */
    public static final String STATUS = "status";
    /** The indicator's SPC chart type: {@link ChartType#code()}. */
    public static final String CHART_TYPE = "chart_type";
    /** Which direction is better: {@link ImprovementDirection#code()}. */
    public static final String IMPROVEMENT_DIRECTION = "improvement_direction";
    /** Dataset a file or row was recognised as. */
    public static final String DATASET = "dataset";
    /** sha256 of the landed file a row came from: its identity in {@code bronze.files}. */
    public static final String SOURCE_SHA256 = "source_sha256";
    /** File a row came from. */
    public static final String SOURCE_FILE = "source_file";
    /** Row number in that file. */
    public static final String SOURCE_ROW = "source_row";
    /** Register id of an intervention ({@code silver.interventions}, {@code gold.intervention_effects}). */
    public static final String INTERVENTION_ID = "intervention_id";
    /** How an indicator's value is computed: a lower-case {@code MeasureType}, e.g. {@code proportion}. */
    public static final String MEASURE_TYPE = "measure_type";
    /** The unit of an indicator's value in words, e.g. {@code proportion}, {@code attendances}. */
    public static final String UNIT = "unit";
    /** Pipeline run that wrote a row (gold tables). */
    public static final String RUN_ID = "run_id";
    /** Ingest run that last changed a row (bronze and silver tables). */
    public static final String INGEST_RUN_ID = "ingest_run_id";
    /** When a row was computed (UTC). */
    public static final String COMPUTED_AT = "computed_at";
}
