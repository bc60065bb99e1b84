package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * The second check alone, on resolved plans the parser check never sees (built through the DataFrame API, as a
 * connection setting such as {@code spark.sql.runSQLOnFiles=true} could let SQL resolve them): reads by path of the
 * demo lakehouse's Delta and Parquet files, and reflection, are refused; plain computation passes.
 */
class PlanGuardIT {
    private static final ServePolicy ALL = ServePolicy.of(true);

    private static String refusal(LogicalPlan plan) {
        return assertThrows(ServeRefusedException.class, () -> PlanGuard.check(plan, ALL))
                .getMessage();
    }

    @Test
    void pathReadsAndReflectionAreRefusedOnTheResolvedPlan() {
        Lakehouse lakehouse = DemoLakehouse.get().context().lakehouse();
        SparkSession spark = lakehouse.spark();
        String spells = lakehouse.location(SpellTables.SILVER_SPELLS);
        String delta = refusal(
                lakehouse.read(SpellTables.SILVER_SPELLS).queryExecution().analyzed());
        System.out.println("delta path read -> " + delta);
        assertTrue(delta.contains("path-based reads"), delta);
        String parquet = refusal(spark.read().parquet(spells).queryExecution().analyzed());
        assertTrue(parquet.contains("path-based reads"), parquet);
        String reflect = refusal(spark.sql("SELECT reflect('java.lang.System', 'getenv', 'HOME')")
                .queryExecution()
                .analyzed());
        assertTrue(reflect.contains("reflect()"), reflect);
        spark.read().parquet(spells).createOrReplaceTempView("lhs_plan_guard_spells");
        try {
            String inSubquery = refusal(spark.sql("SELECT 1 AS x WHERE EXISTS (SELECT 1 FROM lhs_plan_guard_spells)")
                    .queryExecution()
                    .analyzed());
            assertTrue(inSubquery.contains("path-based reads"), inSubquery);
        } finally {
            spark.catalog().dropTempView("lhs_plan_guard_spells");
        }
        assertDoesNotThrow(() -> PlanGuard.check(
                spark.range(5).selectExpr("id * 2").queryExecution().analyzed(), ALL));
    }
}
