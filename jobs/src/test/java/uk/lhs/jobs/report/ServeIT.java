package uk.lhs.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * {@code lhs serve}'s server started in-process on a free loopback port over the demo lakehouse; Hive's JDBC driver
 * (the HiveServer2 protocol, as BI tools speak it) reads gold.spc_summary and gets what Spark reads directly.
 */
class ServeIT {
    @Test
    void jdbcClientReadsSpcSummary() throws Exception {
        JobContext ctx = DemoLakehouse.get().context();
        SparkSession spark = ctx.spark();
        List<String> expected = new ArrayList<>();
        for (Row r : ctx.lakehouse()
                .read(SpcTables.SPC_SUMMARY)
                .orderBy("org_level", "org_code", "indicator_id", "stratum")
                .collectAsList()) {
            expected.add(r.getAs("org_level") + "|" + r.getAs("org_code") + "|" + r.getAs("indicator_id") + "|"
                    + r.getAs("stratum") + "|" + r.getAs("variation_icon") + "|" + r.getAs("latest_value"));
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Class.forName("org.apache.hive.jdbc.HiveDriver");
        ThriftServer server = ThriftServer.start(spark, ctx.lakehouse(), port);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "analyst", "");
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SHOW TABLES IN gold")) {
                while (rs.next()) {
                    tables.add(rs.getString("tableName"));
                }
            }
            assertTrue(tables.contains("spc_summary") && tables.contains("indicator_values"), tables.toString());
            List<String> got = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT org_level, org_code, indicator_id, stratum, variation_icon,"
                    + " latest_value FROM gold.spc_summary ORDER BY org_level, org_code, indicator_id, stratum")) {
                while (rs.next()) {
                    double v = rs.getDouble(6);
                    got.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                            + "|" + rs.getString(5) + "|" + (rs.wasNull() ? null : v));
                }
            }
            assertTrue(expected.size() > 10, "the demo has series");
            assertEquals(expected, got);
        } finally {
            server.close();
            // Leave the shared session's catalogue as it was: other tests register their own lakehouses.
            for (String t : server.tables()) {
                spark.sql("DROP TABLE IF EXISTS " + t);
            }
        }
    }
}
