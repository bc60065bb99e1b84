package uk.lhs.jobs.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What would move {@code lhs serve} off the loopback interface, checked before anything starts: the environment
 * variables HiveServer2 reads before its settings ({@code HIVE_SERVER2_THRIFT_BIND_HOST}, {@code
 * HIVE_SERVER2_TRANSPORT_MODE}, {@code HIVE_SERVER2_THRIFT_PORT}, {@code HIVE_SERVER2_THRIFT_HTTP_PORT}), Spark's
 * {@code SPARK_LOCAL_IP}, and Spark or Hive settings (system properties, {@code lhs.spark.conf}) that bind the
 * server, the Spark driver or the Spark UI elsewhere or run on a cluster. Any of them refuses the start.
 */
public final class Loopback {
    /** The address lhs serve listens on. */
    public static final String HOST = "127.0.0.1";

    private static final List<String> HOST_SETTINGS = List.of(
            "hive.server2.thrift.bind.host",
            "spark.hive.server2.thrift.bind.host",
            "spark.hadoop.hive.server2.thrift.bind.host",
            "spark.driver.bindAddress",
            "spark.driver.host");

    private Loopback() {}

    /**
     * Every reason not to start, empty when none.
     *
     * @param env the environment
     * @param settings Spark and Hive settings given to this process (system properties and {@code lhs.spark.conf})
     * @param master the Spark master the session would use
     */
    public static List<String> problems(Map<String, String> env, Map<String, String> settings, String master) {
        List<String> out = new ArrayList<>();
        String bind = env.get("HIVE_SERVER2_THRIFT_BIND_HOST");
        if (bind != null && !isLoopback(bind)) {
            out.add("HIVE_SERVER2_THRIFT_BIND_HOST=" + bind + " asks for a non-loopback address");
        }
        String localIp = env.get("SPARK_LOCAL_IP");
        if (localIp != null && !isLoopback(localIp)) {
            out.add("SPARK_LOCAL_IP=" + localIp + " asks Spark to bind a non-loopback address");
        }
        String mode = env.get("HIVE_SERVER2_TRANSPORT_MODE");
        if (mode != null && !mode.equalsIgnoreCase("binary")) {
            out.add("HIVE_SERVER2_TRANSPORT_MODE=" + mode + " asks for another transport than binary");
        }
        for (String portVar : List.of("HIVE_SERVER2_THRIFT_PORT", "HIVE_SERVER2_THRIFT_HTTP_PORT")) {
            if (env.containsKey(portVar)) {
                out.add(portVar + " is set: it would override --port; unset it");
            }
        }
        for (String key : HOST_SETTINGS) {
            String v = settings.get(key);
            if (v != null && !isLoopback(v)) {
                out.add(key + "=" + v + " asks for a non-loopback address");
            }
        }
        for (String key : List.of("hive.server2.transport.mode", "spark.hive.server2.transport.mode")) {
            String v = settings.get(key);
            if (v != null && !v.equalsIgnoreCase("binary")) {
                out.add(key + "=" + v + " asks for another transport than binary");
            }
        }
        String ui = settings.get("spark.ui.enabled");
        if (ui != null && ui.trim().equalsIgnoreCase("true")) {
            out.add("spark.ui.enabled=true would open the Spark UI on every interface");
        }
        if (master == null || !master.trim().toLowerCase(Locale.ROOT).startsWith("local")) {
            out.add("spark master " + master + " is not local: lhs serve runs Spark on this machine only");
        }
        return out;
    }

    /** Whether the host is a loopback address (a name is resolved; an unknown name is not loopback). */
    public static boolean isLoopback(String host) {
        String h = host.trim();
        if (h.isEmpty()) {
            return false;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(h)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
