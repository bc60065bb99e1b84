package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** R semantics, by hand from the R documentation (?rank, ?quantile type 7). */
class RanksTest {
    @Test
    void tiesGetTheirAverageRank() {
        // rank(c(3, 1, 3, 2)) = 3.5 1.0 3.5 2.0
        assertArrayEquals(new double[] {3.5, 1, 3.5, 2}, Ranks.averageRanks(new double[] {3, 1, 3, 2}));
        // -Inf ranks first, as in R.
        assertArrayEquals(new double[] {2, 1}, Ranks.averageRanks(new double[] {0, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void quantileType7InterpolatesAtNMinusOneP() {
        double[] x = {10, 1, 4, 2, 3};
        // sorted 1 2 3 4 10; h = 4p: p = 0.1 -> 1 + 0.4 (2 - 1) = 1.4; p = 0.9 -> 4 + 0.6 (10 - 4) = 7.6
        assertEquals(1.4, Ranks.quantileType7(x, 0.1), 1e-12);
        assertEquals(7.6, Ranks.quantileType7(x, 0.9), 1e-12);
        assertEquals(10, Ranks.quantileType7(x, 1.0));
        assertEquals(3, Ranks.quantileType7(x, 0.5));
    }
}
