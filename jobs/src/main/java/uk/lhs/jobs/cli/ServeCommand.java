package uk.lhs.jobs.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.spark.SparkSessions;
import uk.lhs.jobs.serve.Loopback;
import uk.lhs.jobs.serve.PasswordAuthenticator;
import uk.lhs.jobs.serve.ServePolicy;
import uk.lhs.jobs.serve.ThriftServer;

/**
 * {@code lhs serve}: the Spark Thrift (HiveServer2) JDBC/ODBC server over the lakehouse's published tables, on
 * loopback only, with a password, read-only.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the lakehouse's published tables over JDBC/ODBC (Spark Thrift server, HiveServer2"
                + " protocol) on 127.0.0.1 only, read-only, for Power BI, Tableau, Excel or beeline. Any user name;"
                + " the password is $LHS_SERVE_PASSWORD, or a generated one printed at start. Stop with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    private static final String THRIFT_SERVER = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2";

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: 10000, HiveServer2's).")
    int port = 10000;

    @Option(
            names = "--all-tables",
            description = "Also serve the exact (unsuppressed) gold tables and the metadata tables, for an analyst on"
                    + " their own lakehouse. Patient-level tables (bronze.spells, silver.spells) are never served.")
    boolean allTables;

    @Override
    public Integer call() throws InterruptedException {
        LhsConfig config = common.load();
        List<String> problems = Loopback.problems(System.getenv(), givenSettings(config), master(config));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start (lhs serve listens on " + Loopback.HOST + " only): "
                    + String.join("; ", problems));
        }
        try {
            Class.forName(THRIFT_SERVER, false, ServeCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Spark Thrift server (spark-hive-thriftserver) is not on the classpath:"
                    + " run lhs serve through bin/lhs, which adds it for this command only");
        }
        PasswordAuthenticator.Password password = PasswordAuthenticator.resolve(System.getenv());
        SparkSession spark = SparkSessions.create(config, ThriftServer.sessionSettings());
        Lakehouse lakehouse = new Lakehouse(spark, config.lakehouseLocation());
        ThriftServer server =
                ThriftServer.start(spark, lakehouse, port, ServePolicy.of(allTables), password.password());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "lhs-serve-shutdown"));
        System.out.println("lhs serve: " + server.tables().size() + " tables"
                + (allTables ? " (--all-tables: exact figures, keep them on this machine)" : " (published only)")
                + ": " + String.join(", ", server.tables()));
        if (password.generated()) {
            System.out.println("lhs serve: password (generated for this run; set " + PasswordAuthenticator.ENV
                    + " to choose one): " + password.password());
        } else {
            System.out.println("lhs serve: password from " + PasswordAuthenticator.ENV);
        }
        System.out.println("lhs serve: listening on " + server.jdbcUrl() + " (this machine only; any user name,"
                + " read-only). Ctrl-C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Spark and Hive settings given to this process: system properties, then the configuration's lhs.spark.conf. */
    private static Map<String, String> givenSettings(LhsConfig config) {
        Map<String, String> out = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.") || key.startsWith("hive.")) {
                out.put(key, System.getProperty(key));
            }
        }
        out.putAll(config.sparkConf());
        return out;
    }

    private static String master(LhsConfig config) {
        String fromSystem = System.getProperty("spark.master");
        String fromConf = config.sparkConf().get("spark.master");
        return fromConf != null ? fromConf : fromSystem != null ? fromSystem : config.sparkDefaultMaster();
    }
}
