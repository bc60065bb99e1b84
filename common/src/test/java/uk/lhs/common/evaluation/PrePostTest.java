package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class PrePostTest {
    /** R's {@code sleep} data (Cushny &amp; Peebles 1905), groups 1 and 2. */
    private static final double[] GROUP1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};

    private static final double[] GROUP2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    @Test
    void matchesRWelchTestOnSleepData() {
        // R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939,
        // 95 percent confidence interval -3.3654832 0.2054832 (group 1 minus group 2).
        PrePostResult r = PrePost.compare(GROUP2, GROUP1, 0.05);
        assertEquals(-1.58, r.change(), 1e-12);
        assertEquals(17.776, r.df(), 5e-4);
        assertEquals(0.07939, r.pValue(), 5e-6);
        assertEquals(-3.3654832, r.ciLower(), 5e-7);
        assertEquals(0.2054832, r.ciUpper(), 5e-7);
        assertEquals(new TTest().tTest(GROUP1, GROUP2), r.pValue(), 1e-12, "Commons Math Welch p");
        assertEquals(-1.58 / 2.33, r.relativeChange(), 1e-12);
        assertTrue(r.relativeCiLower() < r.relativeChange() && r.relativeChange() < r.relativeCiUpper());
    }

    @Test
    void constantSidesGiveNoInterval() {
        PrePostResult r = PrePost.compare(new double[] {1, 1, 1}, new double[] {2, 2}, 0.05);
        assertEquals(1, r.change(), 0);
        assertTrue(Double.isNaN(r.pValue()) && Double.isNaN(r.ciLower()));
    }
}
