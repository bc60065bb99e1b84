package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What refuses lhs serve's start: anything that would bind off loopback. */
class LoopbackTest {
    @Test
    void aCleanEnvironmentStarts() {
        assertEquals(List.of(), Loopback.problems(Map.of("PATH", "/bin"), Map.of(), "local[*]"));
        assertEquals(
                List.of(),
                Loopback.problems(
                        Map.of("HIVE_SERVER2_THRIFT_BIND_HOST", "127.0.0.1", "SPARK_LOCAL_IP", "localhost"),
                        Map.of("spark.driver.host", "::1", "spark.ui.enabled", "false"),
                        "local[2]"));
    }

    @Test
    void everyWayOffLoopbackIsRefused() {
        assertEquals(
                1,
                Loopback.problems(Map.of("HIVE_SERVER2_THRIFT_BIND_HOST", "0.0.0.0"), Map.of(), "local")
                        .size());
        assertEquals(
                1,
                Loopback.problems(Map.of("SPARK_LOCAL_IP", "10.1.2.3"), Map.of(), "local")
                        .size());
        assertEquals(
                1,
                Loopback.problems(Map.of("HIVE_SERVER2_TRANSPORT_MODE", "http"), Map.of(), "local")
                        .size());
        assertEquals(
                1,
                Loopback.problems(Map.of("HIVE_SERVER2_THRIFT_PORT", "1"), Map.of(), "local")
                        .size());
        assertEquals(
                1,
                Loopback.problems(Map.of(), Map.of("hive.server2.thrift.bind.host", "0.0.0.0"), "local")
                        .size());
        assertEquals(
                1,
                Loopback.problems(Map.of(), Map.of("spark.driver.bindAddress", "0.0.0.0"), "local")
                        .size());
        assertEquals(
                1,
                Loopback.problems(Map.of(), Map.of("spark.ui.enabled", "true"), "local")
                        .size());
        assertEquals(
                1, Loopback.problems(Map.of(), Map.of(), "spark://cluster:7077").size());
        assertTrue(Loopback.problems(Map.of(), Map.of(), "yarn").get(0).contains("not local"));
    }

    @Test
    void loopbackAddresses() {
        assertTrue(Loopback.isLoopback("127.0.0.1"));
        assertTrue(Loopback.isLoopback("localhost"));
        assertTrue(Loopback.isLoopback("::1"));
        assertFalse(Loopback.isLoopback("0.0.0.0"));
        assertFalse(Loopback.isLoopback(""));
        assertFalse(Loopback.isLoopback("192.0.2.1"));
    }
}
