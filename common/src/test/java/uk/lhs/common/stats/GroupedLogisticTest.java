package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Newton / IRLS on grouped binomial data against closed forms and the score equations. */
class GroupedLogisticTest {
    /** One factor with three levels is saturated: the fitted probabilities are the observed rates y / n exactly. */
    @Test
    void aSaturatedModelReproducesTheObservedRates() {
        int[][] index = {{0}, {0, 1}, {0, 2}};
        double[][] value = {{1}, {1, 1}, {1, 1}};
        double[] y = {12, 30, 7};
        double[] n = {100, 120, 90};
        GroupedLogistic.Fit fit = GroupedLogistic.fit(GroupedLogistic.Data.of(index, value, y, n, 3), 0, null);
        assertTrue(fit.converged());
        assertEquals(logit(0.12), fit.beta()[0], 1e-12);
        assertEquals(logit(0.25) - logit(0.12), fit.beta()[1], 1e-12);
        assertEquals(logit(7.0 / 90) - logit(0.12), fit.beta()[2], 1e-12);
    }

    /**
     * Ridge: at the optimum the penalised score is zero — X'(y - n p) = lambda beta for every penalised column and
     * sum(y - n p) = 0 for the intercept, so expected events still equal observed ones.
     */
    @Test
    void theRidgeOptimumSolvesThePenalisedScoreEquations() {
        int[][] index = {{0}, {0, 1}, {0, 2}, {0, 1, 3}, {0, 3}};
        double[][] value = {{1}, {1, 1}, {1, 1}, {1, 1, 1}, {1, 1}};
        double[] y = {12, 30, 0, 4, 9};
        double[] n = {100, 120, 80, 50, 60};
        GroupedLogistic.Data d = GroupedLogistic.Data.of(index, value, y, n, 4);
        double lambda = 2.5;
        GroupedLogistic.Fit fit = GroupedLogistic.fit(d, lambda, null);
        assertTrue(fit.converged());
        double[] score = new double[4];
        for (int i = 0; i < d.rows(); i++) {
            double r = y[i] - n[i] * fit.probability(d, i);
            for (int k = 0; k < index[i].length; k++) {
                score[index[i][k]] += r;
            }
        }
        assertEquals(0, score[0], 1e-9);
        for (int j = 1; j < 4; j++) {
            assertEquals(lambda * fit.beta()[j], score[j], 1e-9, "column " + j);
        }
    }

    /** Complete separation (a level with 0 of 80): no finite maximum, the unpenalised fit does not converge. */
    @Test
    void aSeparatedLevelDoesNotConvergeWithoutAPenalty() {
        int[][] index = {{0}, {0, 1}};
        double[][] value = {{1}, {1, 1}};
        double[] y = {12, 0};
        double[] n = {100, 80};
        GroupedLogistic.Data d = GroupedLogistic.Data.of(index, value, y, n, 2);
        GroupedLogistic.Fit fit = GroupedLogistic.fit(d, 0, null);
        assertFalse(fit.converged());
        assertTrue(fit.beta()[1] < -20, "walks towards minus infinity: " + fit.beta()[1]);
        GroupedLogistic.Fit ridge = GroupedLogistic.fit(d, 1, null);
        assertTrue(ridge.converged());
        assertTrue(Double.isFinite(ridge.beta()[1]) && ridge.beta()[1] > -10, "finite: " + ridge.beta()[1]);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
