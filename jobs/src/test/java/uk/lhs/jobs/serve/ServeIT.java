package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * {@code lhs serve --all-tables} (an analyst on their own lakehouse) over the demo lakehouse, started by the command
 * line in its own JVM with a generated password: Hive's JDBC driver (the HiveServer2 protocol, as BI tools speak it)
 * reads gold.spc_summary and gets what Spark reads directly; the exact gold.indicator_values is served, the
 * patient-level spells still are not.
 */
class ServeIT {
    @Test
    void allTablesServesExactTablesButNeverPatientRows() throws Exception {
        JobContext ctx = DemoLakehouse.get().context();
        List<String> expected = new ArrayList<>();
        for (Row r : ctx.lakehouse()
                .read(SpcTables.SPC_SUMMARY)
                .orderBy("org_level", "org_code", "indicator_id", "stratum")
                .collectAsList()) {
            expected.add(r.getAs("org_level") + "|" + r.getAs("org_code") + "|" + r.getAs("indicator_id") + "|"
                    + r.getAs("stratum") + "|" + r.getAs("variation_icon") + "|" + r.getAs("latest_value"));
        }
        long exactRows = ctx.lakehouse().read(IndicatorTables.INDICATOR_VALUES).count();
        Class.forName("org.apache.hive.jdbc.HiveDriver");
        try (ServeProcess server = ServeProcess.start(DemoLakehouse.get().lakehouse(), Map.of(), "--all-tables")) {
            System.out.println("lhs serve --all-tables stdout: " + server.stdout);
            String password = server.stdout.stream()
                    .filter(l -> l.startsWith("lhs serve: password (generated"))
                    .map(l -> l.substring(l.lastIndexOf(": ") + 2))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no generated password printed: " + server.stdout));
            assertTrue(password.length() >= 20, password);
            assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url(), "analyst", ""));
            try (Connection c = DriverManager.getConnection(server.url(), "analyst", password);
                    Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SHOW TABLES IN gold")) {
                    while (rs.next()) {
                        tables.add(rs.getString("tableName"));
                    }
                }
                assertTrue(tables.contains("spc_summary") && tables.contains("indicator_values"), tables.toString());
                List<String> got = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT org_level, org_code, indicator_id, stratum,"
                        + " variation_icon, latest_value FROM gold.spc_summary"
                        + " ORDER BY org_level, org_code, indicator_id, stratum")) {
                    while (rs.next()) {
                        double v = rs.getDouble(6);
                        // Asked right after the read: a series of low_count months has no latest value.
                        boolean missing = rs.wasNull();
                        got.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                                + "|" + rs.getString(5) + "|" + (missing ? null : v));
                    }
                }
                assertTrue(expected.size() > 10, "the demo has series");
                assertEquals(expected, got);
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM gold.indicator_values")) {
                    assertTrue(rs.next());
                    System.out.println("--all-tables: count(gold.indicator_values) = " + rs.getLong(1));
                    assertEquals(exactRows, rs.getLong(1));
                }
                for (String sql : List.of("SELECT * FROM silver.spells", "SELECT * FROM bronze.spells")) {
                    SQLException ex = assertThrows(SQLException.class, () -> st.executeQuery(sql), sql);
                    System.out.println("--all-tables: " + sql + " -> "
                            + ex.getMessage().lines().findFirst().orElse(""));
                    assertTrue(ex.getMessage().contains("holds patient-level rows and is never served"), sql);
                }
            }
        }
    }
}
