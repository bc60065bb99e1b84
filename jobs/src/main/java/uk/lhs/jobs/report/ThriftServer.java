package uk.lhs.jobs.report;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import uk.lhs.common.lakehouse.Lakehouse;

/**
 * Spark's Thrift JDBC/ODBC server (the HiveServer2 protocol) over the lakehouse, on the loopback interface only:
 * every existing table is registered as {@code bronze.x}, {@code silver.x} or {@code gold.x} in the session's
 * catalogue, which the server's sessions share. Queries run on this JVM's Spark session.
 */
public final class ThriftServer implements AutoCloseable {
    /** The address the server listens on: this machine only. */
    public static final String BIND_HOST = "localhost";

    private final HiveThriftServer2 server;
    private final int port;
    private final List<String> tables;

    private ThriftServer(HiveThriftServer2 server, int port, List<String> tables) {
        this.server = server;
        this.port = port;
        this.tables = tables;
    }

    /**
     * Registers the tables and starts the server.
     *
     * @param spark the session the queries run on
     * @param lakehouse the lakehouse to serve
     * @param port TCP port (binary transport)
     */
    public static ThriftServer start(SparkSession spark, Lakehouse lakehouse, int port) {
        List<String> tables = lakehouse.registerTables();
        // The server's execution metastore is an in-memory Derby; keep Derby's log out of the working directory.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty(
                    "derby.stream.error.file",
                    java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "lhs-serve-derby.log")
                            .toString());
        }
        // HiveThriftServer2 reads its settings from the session's Hadoop configuration, which includes SQL conf.
        spark.conf().set("hive.server2.thrift.port", Integer.toString(port));
        spark.conf().set("hive.server2.thrift.bind.host", BIND_HOST);
        spark.conf().set("hive.server2.transport.mode", "binary");
        spark.conf().set("hive.server2.authentication", "NONE");
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        return new ThriftServer(server, port, tables);
    }

    /** The JDBC URL clients use. */
    public String jdbcUrl() {
        return "jdbc:hive2://" + BIND_HOST + ":" + port + "/default";
    }

    /** Tables registered, as {@code layer.name}. */
    public List<String> tables() {
        return tables;
    }

    @Override
    public void close() {
        server.stop();
    }
}
