package uk.lhs.common.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a lease row still excludes others, judged without Spark; how waits are printed. */
class LakehouseLeaseTest {
    private static final Instant NOW = Instant.parse("2026-12-07T16:00:00Z");

    private static LakehouseLease.Holder holder(Instant expires, String host, long pid) {
        return new LakehouseLease.Holder("ingest", "run", NOW.minusSeconds(60), expires, host, pid);
    }

    @Test
    void aLeaseIsLiveUntilItExpires() {
        assertTrue(holder(NOW.plusSeconds(1), "another-host", 1).live(NOW));
        assertFalse(holder(NOW, "another-host", 1).live(NOW), "expires_at is exclusive");
        assertFalse(holder(NOW.minusSeconds(1), "another-host", 1).live(NOW));
    }

    @Test
    void aLocalHolderWhoseProcessIsGoneIsNotLive() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertFalse(holder(NOW.plusSeconds(3600), LakehouseLease.HOST, p.pid()).live(NOW));
        // This very process (another run in the same JVM) and a live local process still hold it.
        assertTrue(holder(NOW.plusSeconds(3600), LakehouseLease.HOST, LakehouseLease.PID)
                .live(NOW));
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertTrue(holder(NOW.plusSeconds(3600), LakehouseLease.HOST, parent).live(NOW));
    }

    @Test
    void durationsArePrintedAsConfigured() {
        assertEquals("10m", LakehouseLease.human(Duration.ofMinutes(10)));
        assertEquals("0s", LakehouseLease.human(Duration.ZERO));
        assertEquals("1h30m", LakehouseLease.human(Duration.ofMinutes(90)));
    }
}
