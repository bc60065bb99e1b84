package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * {@code lhs serve} with its default policy, as a BI tool meets it: Hive's JDBC driver (the HiveServer2 protocol the
 * Simba ODBC driver also speaks) against the server started by the command line in its own JVM, over the demo
 * lakehouse. A wrong password is refused; the published table is served; patient-level and exact tables, path-based
 * reads, writes, ADD JAR and SET are refused with a message naming them; a non-loopback bind refuses to start.
 */
class ServeSecurityIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static ServeProcess server;
    private static Path lakehouse;
    private static long publishedRows;

    @BeforeAll
    static void start() throws Exception {
        DemoLakehouse demo = DemoLakehouse.get();
        lakehouse = demo.lakehouse();
        publishedRows = demo.context()
                .lakehouse()
                .read(IndicatorTables.INDICATOR_VALUES_PUBLISHED)
                .count();
        Class.forName("org.apache.hive.jdbc.HiveDriver");
        server = ServeProcess.start(lakehouse, Map.of("LHS_SERVE_PASSWORD", PASSWORD));
        System.out.println("lhs serve stdout: " + server.stdout);
        assertTrue(server.process.isAlive(), () -> "server exited: " + server.stdout + " " + stderr());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String stderr() {
        try {
            return server.stderr();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void wrongOrMissingPasswordIsRefused() {
        SQLException wrong =
                assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url(), "analyst", "guess"));
        System.out.println("wrong password: " + wrong.getMessage());
        SQLException none =
                assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url(), "analyst", ""));
        System.out.println("no password: " + none.getMessage());
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndIsNotPrinted() {
        assertTrue(server.stdout.stream().anyMatch(l -> l.contains("password from LHS_SERVE_PASSWORD")));
        assertFalse(String.join("\n", server.stdout).contains(PASSWORD));
    }

    @Test
    void servesThePublishedTableOnlyToAnyUserWithThePassword() throws Exception {
        try (Connection c = DriverManager.getConnection(server.url(), "any-name", PASSWORD);
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SHOW TABLES IN gold")) {
                while (rs.next()) {
                    tables.add(rs.getString("tableName"));
                }
            }
            System.out.println("SHOW TABLES IN gold: " + tables);
            assertTrue(tables.contains("indicator_values_published"), tables.toString());
            assertFalse(tables.contains("indicator_values"), tables.toString());
            // What ODBC/JDBC clients list through the protocol's GetTables call, not SQL.
            List<String> listed = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                while (rs.next()) {
                    listed.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                }
            }
            System.out.println("getTables: " + listed);
            assertTrue(listed.contains("gold.indicator_values_published"), listed.toString());
            assertTrue(listed.stream().allMatch(t -> t.endsWith("_published")), listed.toString());
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM gold.indicator_values_published")) {
                assertTrue(rs.next());
                System.out.println("count(gold.indicator_values_published) over JDBC: " + rs.getLong(1)
                        + ", read by Spark: " + publishedRows);
                assertEquals(publishedRows, rs.getLong(1));
            }
            assertTrue(publishedRows > 0);
            try (ResultSet rs = st.executeQuery("WITH p AS (SELECT indicator_id FROM gold.indicator_values_published)"
                    + " SELECT count(DISTINCT indicator_id) FROM p")) {
                assertTrue(rs.next());
                assertTrue(rs.getLong(1) > 0);
            }
            try (ResultSet rs = st.executeQuery("DESCRIBE gold.indicator_values_published")) {
                assertTrue(rs.next());
            }
            st.execute("USE gold");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM indicator_values_published")) {
                assertTrue(rs.next());
                assertEquals(publishedRows, rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("SET spark.sql.runSQLOnFiles")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void refusesWhatIsNotServed() throws Exception {
        String root = lakehouse.toAbsolutePath().toString();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("SELECT * FROM silver.spells", "silver.spells holds patient-level rows");
        refusals.put("SELECT * FROM bronze.spells", "bronze.spells holds patient-level rows");
        refusals.put(
                "SELECT * FROM gold.indicator_values",
                "gold.indicator_values holds exact counts and is not served; use gold.indicator_values_published");
        refusals.put(
                "SELECT count(*) FROM gold.indicator_values_published WHERE EXISTS (SELECT 1 FROM silver.spells)",
                "silver.spells holds patient-level rows");
        refusals.put("SELECT * FROM delta.`" + root + "/silver/spells`", "path-based reads");
        refusals.put("SELECT * FROM delta.`" + root + "/gold/indicator_values`", "path-based reads");
        refusals.put("SELECT * FROM parquet.`" + root + "/bronze/spells`", "path-based reads");
        refusals.put("SELECT * FROM `" + root + "/silver/spells`", "path-based reads");
        refusals.put("SELECT * FROM gold.indicator_values_published VERSION AS OF 0", "time travel");
        refusals.put("SELECT * FROM table_changes('gold.indicator_values', 0)", "table functions");
        refusals.put("SELECT reflect('java.lang.System', 'getenv', 'LHS_SERVE_PASSWORD')", "reflect()");
        refusals.put("DELETE FROM gold.indicator_values_published", "DELETE FROM");
        refusals.put(
                "INSERT INTO gold.indicator_values_published SELECT * FROM gold.indicator_values_published",
                "INSERT INTO");
        refusals.put("UPDATE gold.indicator_values_published SET value = 0", "UPDATE");
        refusals.put(
                "MERGE INTO gold.indicator_values_published t USING gold.indicator_values_published s"
                        + " ON t.indicator_id = s.indicator_id WHEN MATCHED THEN DELETE",
                "MERGE INTO");
        refusals.put("CREATE TABLE gold.x (a INT) USING delta", "CREATE TABLE");
        refusals.put("CREATE VIEW gold.v AS SELECT 1", "CREATE VIEW");
        refusals.put("DROP TABLE gold.indicator_values_published", "DROP TABLE");
        refusals.put("ALTER TABLE gold.indicator_values_published SET TBLPROPERTIES ('a' = 'b')", "ALTER TABLE");
        refusals.put("CACHE TABLE gold.indicator_values_published", "CACHE TABLE");
        refusals.put("ADD JAR /tmp/lhs-serve-no-such.jar", "ADD JAR");
        refusals.put("ADD FILE /etc/hostname", "ADD FILE");
        refusals.put("CREATE TEMPORARY FUNCTION f AS 'x.Y' USING JAR '/tmp/x.jar'", "CREATE TEMPORARY");
        refusals.put("SET spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension", "SET spark.sql.extensions");
        refusals.put("SET spark.sql.runSQLOnFiles=true", "SET spark.sql.runSQLOnFiles");
        refusals.put("RESET", "RESET");
        refusals.put("DESCRIBE HISTORY gold.indicator_values_published", "DESCRIBE HISTORY");
        refusals.put("VACUUM gold.indicator_values_published", "VACUUM");
        try (Connection c = DriverManager.getConnection(server.url(), "analyst", PASSWORD);
                Statement st = c.createStatement()) {
            for (Map.Entry<String, String> e : refusals.entrySet()) {
                SQLException ex = assertThrows(SQLException.class, () -> st.execute(e.getKey()), e.getKey());
                String msg = String.valueOf(ex.getMessage());
                System.out.println("REFUSED " + e.getKey() + "\n    -> " + firstLine(msg));
                assertTrue(msg.contains(e.getValue()), e.getKey() + " -> " + msg);
            }
            // Still served after all that: nothing above changed the session.
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM gold.indicator_values_published")) {
                assertTrue(rs.next());
                assertEquals(publishedRows, rs.getLong(1));
            }
        }
    }

    @Test
    void aConnectionSettingDoesNotOpenPathReads() throws Exception {
        String root = lakehouse.toAbsolutePath().toString();
        try (Connection c = DriverManager.getConnection(
                        server.url() + "?spark.sql.runSQLOnFiles=true", "analyst", PASSWORD);
                Statement st = c.createStatement()) {
            SQLException ex = assertThrows(
                    SQLException.class, () -> st.execute("SELECT * FROM delta.`" + root + "/silver/spells`"));
            System.out.println("with runSQLOnFiles=true in the URL -> " + firstLine(ex.getMessage()));
            assertTrue(ex.getMessage().contains("path-based reads"), ex.getMessage());
        }
    }

    @Test
    void refusesToStartOffLoopback() throws Exception {
        for (Map<String, String> env : List.of(
                Map.of("LHS_SERVE_PASSWORD", PASSWORD, "HIVE_SERVER2_THRIFT_BIND_HOST", "0.0.0.0"),
                Map.of("LHS_SERVE_PASSWORD", PASSWORD, "SPARK_LOCAL_IP", "192.0.2.1"))) {
            try (ServeProcess other = ServeProcess.start(lakehouse, env)) {
                assertTrue(other.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
                assertNotEquals(0, other.process.exitValue());
                String err = other.stderr();
                System.out.println(env.keySet() + " -> exit " + other.process.exitValue() + ": " + firstLine(err));
                assertTrue(err.contains("refusing to start"), err);
            }
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
