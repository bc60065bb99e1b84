package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.junit.jupiter.api.Test;

/** The statement classification on plans from Spark's own SQL parser (no session needed). */
class StatementGuardTest {
    private static final ServePolicy DEFAULT = ServePolicy.of(false);
    private static final ServePolicy ALL = ServePolicy.of(true);
    private final SparkSqlParser parser = new SparkSqlParser();

    private void check(String sql, ServePolicy policy) throws ParseException {
        StatementGuard.check(parser.parsePlan(sql), sql, policy, "default");
    }

    private String refusal(String sql, ServePolicy policy) {
        ServeRefusedException e = assertThrows(ServeRefusedException.class, () -> check(sql, policy), sql);
        return e.getMessage();
    }

    @Test
    void queriesOverServedTablesAndMetadataStatementsPass() {
        for (String sql : new String[] {
            "SELECT * FROM gold.indicator_values_published",
            "SELECT count(*) FROM GOLD.Indicator_Values_Published WHERE value > 1",
            "WITH p AS (SELECT * FROM gold.indicator_values_published) SELECT org_code FROM p",
            "SELECT * FROM gold.indicator_values_published a JOIN gold.indicator_values_published b USING (org_code)",
            "SELECT 1",
            "SHOW TABLES IN gold",
            "SHOW DATABASES",
            "SHOW COLUMNS IN gold.indicator_values_published",
            "DESCRIBE gold.indicator_values_published",
            "DESCRIBE TABLE EXTENDED gold.indicator_values_published",
            "USE gold",
            "SET",
            "SET -v",
            "SET spark.sql.session.timeZone"
        }) {
            assertDoesNotThrow(() -> check(sql, DEFAULT), sql);
        }
    }

    @Test
    void tablesAreRefusedByRelease() {
        assertTrue(refusal("SELECT * FROM silver.spells", ALL).contains("silver.spells holds patient-level rows"));
        assertTrue(refusal("SELECT * FROM bronze.spells", DEFAULT).contains("never served"));
        assertEquals(
                "lhs serve: gold.indicator_values holds exact counts and is not served; use"
                        + " gold.indicator_values_published, or --all-tables on your own machine",
                refusal("SELECT * FROM gold.indicator_values", DEFAULT));
        assertDoesNotThrow(() -> check("SELECT * FROM gold.indicator_values", ALL));
        assertTrue(refusal("SELECT * FROM gold.pipeline_runs", DEFAULT).contains("not served by default"));
        // Hidden in a subquery, a CTE, a join, or named with its catalogue.
        assertTrue(refusal("SELECT 1 WHERE EXISTS (SELECT 1 FROM silver.spells)", ALL)
                .contains("silver.spells"));
        assertTrue(refusal("WITH s AS (SELECT * FROM silver.spells) SELECT * FROM s", ALL)
                .contains("silver.spells"));
        assertTrue(refusal("SELECT * FROM spark_catalog.silver.spells", ALL).contains("silver.spells"));
        assertTrue(refusal("DESCRIBE silver.spells", ALL).contains("silver.spells"));
        // One-part names resolve against the current database.
        ServeRefusedException e = assertThrows(
                ServeRefusedException.class,
                () -> StatementGuard.check(parser.parsePlan("SELECT * FROM spells"), "", ALL, "silver"));
        assertTrue(e.getMessage().contains("silver.spells"), e.getMessage());
    }

    @Test
    void pathReadsTableFunctionsTimeTravelAndReflectionAreRefused() {
        assertTrue(refusal("SELECT * FROM delta.`/lake/silver/spells`", ALL).contains("path-based reads"));
        assertTrue(refusal("SELECT * FROM parquet.`/lake/bronze/spells`", ALL).contains("path-based reads"));
        assertTrue(refusal("SELECT * FROM `file:/lake/silver/spells`", ALL).contains("path-based reads"));
        assertTrue(refusal("SELECT * FROM range(10)", ALL).contains("table functions"));
        assertTrue(refusal("SELECT * FROM gold.indicator_values_published VERSION AS OF 1", ALL)
                .contains("time travel"));
        assertTrue(refusal("SELECT java_method('java.lang.System', 'exit', 0)", ALL)
                .contains("java_method()"));
    }

    @Test
    void writesCommandsAndSettingsAreRefusedByName() {
        assertTrue(refusal("DELETE FROM gold.indicator_values_published", ALL).contains("DELETE FROM"));
        assertTrue(refusal("INSERT INTO gold.x SELECT 1", ALL).contains("INSERT INTO"));
        assertTrue(refusal("WITH a AS (SELECT 1) INSERT INTO gold.x SELECT * FROM a", ALL)
                .contains("InsertInto"));
        assertTrue(refusal("CREATE TABLE gold.x (a INT)", ALL).contains("CREATE TABLE"));
        assertTrue(refusal("DROP VIEW gold.v", ALL).contains("DROP VIEW"));
        assertTrue(refusal("ADD JAR /tmp/x.jar", ALL).contains("ADD JAR"));
        assertTrue(refusal("CREATE FUNCTION f AS 'a.B'", ALL).contains("CREATE FUNCTION"));
        assertTrue(refusal("CACHE TABLE gold.indicator_values_published", ALL).contains("CACHE TABLE"));
        assertTrue(refusal("EXPLAIN SELECT 1", ALL).contains("EXPLAIN"));
        assertTrue(refusal("SET spark.sql.runSQLOnFiles=true", ALL).contains("SET spark.sql.runSQLOnFiles"));
        assertTrue(refusal("RESET", ALL).contains("RESET"));
    }

    @Test
    void leadingWordsSkipComments() {
        assertEquals("DELETE FROM", StatementGuard.leadingWords("/* hi */ -- x\n delete from t"));
        assertEquals("ADD JAR", StatementGuard.leadingWords("add jar /x.jar"));
    }
}
