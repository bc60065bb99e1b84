package uk.lhs.jobs.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.report.ThriftServer;

/** {@code lhs serve}: the Spark Thrift (HiveServer2) JDBC/ODBC server over the lakehouse, on localhost. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the lakehouse over JDBC/ODBC (Spark Thrift server, HiveServer2 protocol) on localhost,"
                + " tables as bronze.x, silver.x, gold.x, for Power BI, Tableau, Excel or beeline. Stop with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: 10000, HiveServer2's).")
    int port = 10000;

    @Override
    public Integer call() throws InterruptedException {
        JobContext ctx = JobContext.create(common.load());
        ThriftServer server = ThriftServer.start(ctx.spark(), ctx.lakehouse(), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "lhs-serve-shutdown"));
        System.out.println(
                "lhs serve: " + server.tables().size() + " tables (" + String.join(", ", server.tables()) + ")");
        System.out.println("lhs serve: listening on " + server.jdbcUrl() + " (no authentication; localhost only)."
                + " Ctrl-C stops.");
        stopped.await();
        return 0;
    }
}
