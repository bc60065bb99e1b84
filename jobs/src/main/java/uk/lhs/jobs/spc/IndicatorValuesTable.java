package uk.lhs.jobs.spc;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.lakehouse.Lakehouse;

/**
 * Reads {@code gold.indicator_values}, the SPC stage's input, at a pinned Delta version. Its contract belongs to the
 * indicators stage; this stage only needs the columns listed in {@link uk.lhs.common.spc.spark.SpcTransform#INPUT}.
 *
 * @param location the table's folder
 * @param version the Delta version read
 * @param rows the rows of that version
 */
record IndicatorValuesTable(String location, long version, Dataset<Row> rows) {
  /** Layer folder and table name, as the indicators stage writes it. */
  static final String PATH = "gold/indicator_values";

  /**
   * Opens the table's latest version.
   *
   * @throws IllegalStateException when the table does not exist, saying which command creates it
   */
  static IndicatorValuesTable latest(Lakehouse lakehouse) {
    String location = lakehouse.root() + "/" + PATH;
    var spark = lakehouse.spark();
    if (!DeltaTable.isDeltaTable(spark, location)) {
      throw new IllegalStateException("gold.indicator_values does not exist at " + location
          + "; run lhs indicators first (or lhs run for the whole pipeline)");
    }
    long version = DeltaTable.forPath(spark, location).history(1).select("version").first().getLong(0);
    Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version).load(location);
    return new IndicatorValuesTable(location, version, rows);
  }
}
