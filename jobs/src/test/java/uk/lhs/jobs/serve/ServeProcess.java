package uk.lhs.jobs.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import uk.lhs.common.testing.SharedData;

/**
 * {@code lhs serve} as a user starts it: its own JVM, on the classpath bin/lhs gives it (the jobs and common classes,
 * {@code jobs/target/runtime-classpath.txt} and {@code serve-classpath.txt}), {@code LhsCli serve} over a lakehouse.
 * Its own JVM because the read-only guard is a static Spark setting of the served session, which the tests' shared
 * session must not have.
 */
final class ServeProcess implements AutoCloseable {
    final Process process;
    final int port;
    final List<String> stdout = new ArrayList<>();
    final Path stderr;

    private ServeProcess(Process process, int port, Path stderr) {
        this.process = process;
        this.port = port;
        this.stderr = stderr;
    }

    /** The JDBC URL of the server. */
    String url() {
        return "jdbc:hive2://127.0.0.1:" + port + "/default";
    }

    /** Starts {@code lhs serve} and waits until it listens (or exits). */
    static ServeProcess start(Path lakehouse, Map<String, String> env, String... extraArgs) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path root = SharedData.repoRoot();
        Path target = root.resolve("jobs/target");
        String cp = String.join(
                java.io.File.pathSeparator,
                target.resolve("classes").toString(),
                root.resolve("common/target/classes").toString(),
                Files.readString(target.resolve("runtime-classpath.txt")).trim(),
                Files.readString(target.resolve("serve-classpath.txt")).trim());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens")
                    || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || a.startsWith("-Djdk.reflect")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of(
                "-Xmx1500m",
                "-Duser.timezone=UTC",
                "-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"),
                "-cp",
                cp,
                "uk.lhs.jobs.cli.LhsCli",
                "serve",
                "--lakehouse",
                lakehouse.toString(),
                "--port",
                Integer.toString(port)));
        cmd.addAll(List.of(extraArgs));
        Path stderr = Files.createTempFile(target, "serve-", ".stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectError(stderr.toFile());
        for (String k : List.of(
                "LHS_SERVE_PASSWORD",
                "HIVE_SERVER2_THRIFT_BIND_HOST",
                "HIVE_SERVER2_TRANSPORT_MODE",
                "HIVE_SERVER2_THRIFT_PORT",
                "HIVE_SERVER2_THRIFT_HTTP_PORT",
                "SPARK_LOCAL_IP")) {
            pb.environment().remove(k);
        }
        pb.environment().putAll(env);
        ServeProcess server = new ServeProcess(pb.start(), port, stderr);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("(read failed: " + e + ")");
                    }
                    lines.add("<eof>");
                },
                "serve-stdout");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("<eof>")) {
                server.process.waitFor(30, TimeUnit.SECONDS);
                return server;
            }
            server.stdout.add(line);
            if (line.contains("listening on")) {
                return server;
            }
        }
        server.close();
        throw new IllegalStateException("lhs serve did not start in 300 s: " + server.stdout + " " + server.stderr());
    }

    /** What the server wrote on stderr so far. */
    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
