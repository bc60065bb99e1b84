package uk.lhs.jobs.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import uk.lhs.common.lakehouse.Lakehouse;

/**
 * Spark's Thrift JDBC/ODBC server (the HiveServer2 protocol) over the served tables of the lakehouse: on the loopback
 * interface only ({@link Loopback}), password-protected ({@link PasswordAuthenticator}), read-only and limited to the
 * tables the {@link ServePolicy} serves ({@link ReadOnlyExtension}). Only the served tables are registered in the
 * session's catalogue ({@code layer.name}), so the server's table listings show nothing else either.
 */
public final class ThriftServer implements AutoCloseable {
    private static final String AUTH_CLASS_KEY = "hive.server2.custom.authentication.class";

    private final HiveThriftServer2 server;
    private final int port;
    private final List<String> tables;

    private ThriftServer(HiveThriftServer2 server, int port, List<String> tables) {
        this.server = server;
        this.port = port;
        this.tables = tables;
    }

    /**
     * The Spark settings the served session must be built with (static ones: they cannot be set later): Delta's and
     * the read-only SQL extensions, the driver on loopback, no Spark UI (it would listen on every interface).
     */
    public static Map<String, String> sessionSettings() {
        return Map.of(
                "spark.sql.extensions",
                "io.delta.sql.DeltaSparkSessionExtension," + ReadOnlyExtension.class.getName(),
                "spark.driver.bindAddress",
                Loopback.HOST,
                "spark.driver.host",
                Loopback.HOST,
                "spark.ui.enabled",
                "false");
    }

    /**
     * Registers the served tables, switches the read-only guard on and starts the server.
     *
     * @param spark the session the queries run on, built with {@link #sessionSettings()}
     * @param lakehouse the lakehouse to serve
     * @param port TCP port (binary transport)
     * @param policy the tables served
     * @param password the password every connection must give
     * @throws IllegalStateException when the session lacks the read-only extension, or the started server is not
     *     what was asked (loopback, password, binary)
     */
    public static ThriftServer start(
            SparkSession spark, Lakehouse lakehouse, int port, ServePolicy policy, String password) {
        String extensions = spark.conf().get("spark.sql.extensions", "");
        if (!extensions.contains(ReadOnlyExtension.class.getName())) {
            throw new IllegalStateException("lhs serve: the session was built without " + ReadOnlyExtension.class
                    + " (spark.sql.extensions=" + extensions + "); refusing to serve");
        }
        List<String> tables = lakehouse.registerTables(t -> policy.serves(t.qualifiedName()));
        // A client's connection options can reset this; PlanGuard refuses path-based reads whatever it says.
        spark.conf().set("spark.sql.runSQLOnFiles", "false");
        // The server's execution metastore is an in-memory Derby; keep Derby's log out of the working directory.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty(
                    "derby.stream.error.file",
                    Path.of(System.getProperty("java.io.tmpdir"), "lhs-serve-derby.log")
                            .toString());
        }
        PasswordAuthenticator.install(password);
        ServeGuard.install(policy);
        selfTest(spark);
        // HiveThriftServer2 reads its settings from the session's Hadoop configuration, which includes SQL conf; the
        // CUSTOM provider is looked up in a fresh HiveConf (hive-site.xml, then system properties), hence both.
        spark.conf().set("hive.server2.thrift.port", Integer.toString(port));
        spark.conf().set("hive.server2.thrift.bind.host", Loopback.HOST);
        spark.conf().set("hive.server2.transport.mode", "binary");
        spark.conf().set("hive.server2.authentication", "CUSTOM");
        spark.conf().set(AUTH_CLASS_KEY, PasswordAuthenticator.class.getName());
        System.setProperty(AUTH_CLASS_KEY, PasswordAuthenticator.class.getName());
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        ThriftServer started = new ThriftServer(server, port, tables);
        String wrong = wrongSettings(server.getHiveConf());
        if (wrong != null) {
            started.close();
            throw new IllegalStateException("lhs serve: stopped at once: " + wrong);
        }
        return started;
    }

    /** The guard must refuse a write before the server opens: proves the extension and the policy are live. */
    private static void selfTest(SparkSession spark) {
        try {
            spark.sql("DROP TABLE IF EXISTS gold.lhs_serve_self_test");
        } catch (ServeRefusedException expected) {
            return;
        }
        throw new IllegalStateException("lhs serve: the read-only guard did not refuse DROP TABLE; refusing to serve");
    }

    private static String wrongSettings(HiveConf conf) {
        String host = conf.get("hive.server2.thrift.bind.host");
        if (host == null || !Loopback.isLoopback(host)) {
            return "the server's bind host is " + host + ", not loopback";
        }
        if (!"CUSTOM".equalsIgnoreCase(conf.get("hive.server2.authentication"))) {
            return "authentication is " + conf.get("hive.server2.authentication") + ", not the password";
        }
        if (!"binary".equalsIgnoreCase(conf.get("hive.server2.transport.mode"))) {
            return "transport is " + conf.get("hive.server2.transport.mode") + ", not binary";
        }
        String provider = new HiveConf().get(AUTH_CLASS_KEY);
        if (!PasswordAuthenticator.class.getName().equals(provider)) {
            return "the password provider would be " + provider;
        }
        return null;
    }

    /** The JDBC URL clients use. */
    public String jdbcUrl() {
        return "jdbc:hive2://" + Loopback.HOST + ":" + port + "/default";
    }

    /** Tables served, as {@code layer.name}. */
    public List<String> tables() {
        return tables;
    }

    @Override
    public void close() {
        server.stop();
    }
}
