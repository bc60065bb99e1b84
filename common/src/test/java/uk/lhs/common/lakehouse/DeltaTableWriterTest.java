package uk.lhs.common.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The writer's pure helpers (no Spark). */
class DeltaTableWriterTest {
    @Test
    void aMergeScopeLosesItsTargetAliasOutsideQuotes() {
        assertEquals("true", DeltaTableWriter.unqualified("true"));
        assertEquals(
                "period_start = DATE'2025-01-01'", DeltaTableWriter.unqualified("t.period_start = DATE'2025-01-01'"));
        assertEquals(
                "indicator_id IN ('ae.t.4hr', 'it.x') AND period_start = DATE'2025-01-01'",
                DeltaTableWriter.unqualified(
                        "t.indicator_id IN ('ae.t.4hr', 'it.x') AND t.period_start = DATE'2025-01-01'"));
        assertEquals("(`t.x` = 1) AND (x = 2)", DeltaTableWriter.unqualified("(`t.x` = 1) AND (t.x = 2)"));
        assertEquals("st.x = 1", DeltaTableWriter.unqualified("st.x = 1"), "another alias ending in t is left alone");
    }
}
