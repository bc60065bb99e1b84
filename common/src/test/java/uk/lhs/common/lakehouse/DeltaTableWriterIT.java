package uk.lhs.common.lakehouse;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.Layer;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.testing.SharedSpark;

class DeltaTableWriterIT {
    static final TableContract T = TableContract.builder(Layer.SILVER, "things")
            .release(Release.EXACT)
            .description("test table")
            .required("org_code", StringType, "organisation")
            .required("period_start", DateType, "month")
            .column("value", DoubleType, "a value")
            .column("run_id", StringType, "lineage")
            .keys("org_code", "period_start")
            .partitionBy("period_start")
            .check("value_non_negative", "value IS NULL OR value >= 0")
            .lineage("run_id")
            .build();

    static SparkSession spark;
    static Lakehouse lakehouse;
    static DeltaTableWriter writer;

    @BeforeAll
    static void setUp() {
        spark = SharedSpark.session();
        lakehouse = new Lakehouse(spark, SharedSpark.newLakehouse("writer").toString());
        writer = new DeltaTableWriter(lakehouse, 2, "interval 365 days", "interval 365 days");
    }

    static Dataset<Row> rows(String runId, Object[]... values) {
        List<Row> list = new java.util.ArrayList<>();
        for (Object[] v : values) {
            list.add(RowFactory.create(v[0], Date.valueOf((String) v[1]), v[2], runId));
        }
        return spark.createDataFrame(list, T.schema());
    }

    /**
     * Wide rows built on the driver go out in slices whose Java-serialised size (what a task carries) stays under
     * Spark's 1,000 KiB warning: 20,000 rows of 40 text columns are about 20 MB.
     */
    @Test
    void driverFrameKeepsEverySliceUnderSparksTaskSizeWarning() throws java.io.IOException {
        StructType wide = new StructType();
        for (int c = 0; c < 40; c++) {
            wide = wide.add("c" + c, StringType);
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Object[] v = new Object[40];
            for (int c = 0; c < 40; c++) {
                v[c] = String.format("row %06d column %02d text", i, c);
            }
            rows.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(v, wide));
        }
        Dataset<Row> df = DeltaTableWriter.driverFrame(spark, rows, wide);
        int slices = df.rdd().getNumPartitions();
        long total = 0;
        for (int s = 0; s < slices; s++) { // ParallelCollectionRDD slices a list by even index ranges
            long bytes = serialisedBytes(rows.subList(s * rows.size() / slices, (s + 1) * rows.size() / slices));
            assertTrue(bytes <= 1000 * 1024, "slice " + s + " of " + slices + " is " + bytes + " bytes");
            total += bytes;
        }
        long estimate = DeltaTableWriter.estimatedBytes(rows);
        assertTrue(estimate >= total && estimate <= 3 * total, "estimate " + estimate + " vs serialised " + total);
        assertEquals(20_000, df.count());
        assertTrue(slices >= 20, slices + " slices");
        assertTrue(
                DeltaTableWriter.driverFrame(spark, rows.subList(0, 10), wide)
                                .queryExecution()
                                .analyzed()
                        instanceof org.apache.spark.sql.catalyst.plans.logical.LocalRelation,
                "a few rows stay a local relation");
        assertEquals(0, DeltaTableWriter.driverFrame(spark, List.of(), wide).count());
    }

    private static long serialisedBytes(List<Row> rows) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(rows));
        }
        return bytes.size();
    }

    @Test
    void mergeTwiceKeepsRowsAndSkipsUnchangedRows() {
        Dataset<Row> first =
                rows("run1", new Object[] {"RXX", "2024-04-01", 1.0}, new Object[] {"RYY", "2024-04-01", 2.0});
        WriteResult w1 = writer.write(T, first);
        assertEquals(2, w1.rowsInserted());
        WriteResult w2 = writer.write(
                T, rows("run2", new Object[] {"RXX", "2024-04-01", 1.0}, new Object[] {"RYY", "2024-04-01", 2.0}));
        assertEquals(0, w2.rowsInserted());
        assertEquals(0, w2.rowsUpdated(), "only the lineage column differs: nothing to rewrite");
        assertEquals(2, lakehouse.read(T).count());
        // A revised value replaces the old one; Delta history keeps the earlier version.
        WriteResult w3 = writer.write(T, rows("run3", new Object[] {"RXX", "2024-04-01", 5.0}));
        assertEquals(1, w3.rowsUpdated());
        assertEquals(2, lakehouse.read(T).count());
        assertEquals(5.0, lakehouse.read(T).filter("org_code = 'RXX'").first().getDouble(2));
        assertEquals(
                1.0,
                lakehouse
                        .readVersion(T, w1.version())
                        .filter("org_code = 'RXX'")
                        .first()
                        .getDouble(2));
        new JavaDataFrameSuiteBase()
                .assertDataFrameDataEquals(
                        lakehouse.read(T).select("org_code", "value").orderBy("org_code"),
                        spark.createDataFrame(
                                List.of(RowFactory.create("RXX", 5.0), RowFactory.create("RYY", 2.0)),
                                new StructType().add("org_code", StringType).add("value", DoubleType)));
    }

    @Test
    void wrongColumnsAreRefusedWithAClearMessage() {
        Dataset<Row> extra = rows("r", new Object[] {"RZZ", "2024-05-01", 1.0})
                .withColumn("surprise", org.apache.spark.sql.functions.lit(1));
        ContractViolation e1 = assertThrows(ContractViolation.class, () -> writer.write(T, extra));
        assertTrue(e1.getMessage().contains("unexpected column surprise"), e1.getMessage());
        Dataset<Row> wrongType = rows("r", new Object[] {"RZZ", "2024-05-01", 1.0})
                .withColumn("value", org.apache.spark.sql.functions.lit(1L).cast(LongType));
        ContractViolation e2 = assertThrows(ContractViolation.class, () -> writer.write(T, wrongType));
        assertTrue(e2.getMessage().contains("column value is bigint but the contract says double"), e2.getMessage());
        Dataset<Row> missing =
                rows("r", new Object[] {"RZZ", "2024-05-01", 1.0}).drop("value");
        ContractViolation e3 = assertThrows(ContractViolation.class, () -> writer.write(T, missing));
        assertTrue(e3.getMessage().contains("missing column value (double)"), e3.getMessage());
        assertTrue(e3.getMessage().contains("Fix:"), e3.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        Dataset<Row> dupes =
                rows("r", new Object[] {"RQQ", "2024-06-01", 1.0}, new Object[] {"RQQ", "2024-06-01", 2.0});
        ContractViolation e = assertThrows(ContractViolation.class, () -> writer.write(T, dupes));
        assertTrue(e.getMessage().contains("is not unique"), e.getMessage());
        assertEquals(0, lakehouse.read(T).filter("org_code = 'RQQ'").count(), "nothing written");
    }

    @Test
    void checkConstraintIsEnforcedByDelta() {
        writer.ensure(T);
        long before = lakehouse.currentVersion(T);
        Dataset<Row> negative = rows("r", new Object[] {"RNN", "2024-07-01", -1.0});
        Exception e = assertThrows(Exception.class, () -> writer.write(T, negative));
        assertTrue(e.getMessage().contains("value_non_negative"), e.getMessage());
        assertEquals(before, lakehouse.currentVersion(T), "no commit");
    }

    @Test
    void tableOnDiskWithAnotherSchemaIsRefused() {
        TableContract other = TableContract.builder(Layer.SILVER, "things")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .required("period_start", DateType, "month")
                .column("value", StringType, "now a string")
                .keys("org_code", "period_start")
                .build();
        writer.ensure(T);
        ContractViolation e = assertThrows(ContractViolation.class, () -> writer.ensure(other));
        assertTrue(e.getMessage().contains("column value is double, contract says string"), e.getMessage());
    }

    @Test
    void aTableOfAnEarlierVersionIsUpgradedAdditively() {
        TableContract v1 = TableContract.builder(Layer.SILVER, "upgraded")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .column("status", StringType, "status")
                .keys("org_code")
                .check("status_known", "status IN ('ok')")
                .build();
        TableContract v2 = TableContract.builder(Layer.SILVER, "upgraded")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .column("status", StringType, "status")
                .column("note", StringType, "added in v2, it's nullable")
                .keys("org_code")
                .check("status_known", "status IN ('ok', 'low_count')")
                .build();
        writer.write(v1, spark.createDataFrame(List.of(RowFactory.create("A", "ok")), v1.schema()));
        writer.write(v2, spark.createDataFrame(List.of(RowFactory.create("B", "low_count", "new")), v2.schema()));
        Dataset<Row> t = lakehouse.read(v2).orderBy("org_code");
        assertEquals(List.of("org_code", "status", "note"), List.of(t.columns()));
        List<Row> got = t.collectAsList();
        assertEquals(RowFactory.create("A", "ok", null), got.get(0), "an earlier row reads the new column as null");
        assertEquals(RowFactory.create("B", "low_count", "new"), got.get(1));
        Exception e = assertThrows(
                Exception.class,
                () -> writer.write(
                        v2, spark.createDataFrame(List.of(RowFactory.create("C", "other", null)), v2.schema())));
        assertTrue(e.getMessage().contains("status_known"), "the replaced constraint still holds: " + e.getMessage());
    }
}
