package uk.lhs.common.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Discrimination and calibration of predicted probabilities against binary outcomes, on grouped data: row i has
 * predicted probability {@code p[i]}, {@code y[i]} events and {@code n[i] - y[i]} non-events (every discharge of a
 * case-mix cell shares its cell's probability).
 *
 * <ul>
 *   <li>C-statistic: the probability that an event has a higher prediction than a non-event, ties counting 1/2 — the
 *       area under the ROC curve (Hanley and McNeil 1982, Radiology 143:29-36), computed exactly over all
 *       event / non-event pairs.
 *   <li>Calibration-in-the-large and calibration slope (Cox 1958, "Two further applications of a model for binary
 *       regression", Biometrika 45:562-565; Steyerberg, Clinical Prediction Models, 2nd ed., section 15.3): the
 *       logistic regression of the outcome on the linear predictor {@code LP = logit(p)}; the slope is its coefficient
 *       and calibration-in-the-large is the intercept with the slope fixed at 1 (LP as an offset). Perfect calibration
 *       gives 0 and 1.
 *   <li>Brier score (Brier 1950, Monthly Weather Review 78:1-3): the mean squared difference between outcome and
 *       prediction.
 * </ul>
 */
public final class BinaryFitStatistics {
    private BinaryFitStatistics() {}

    /** The four statistics. */
    public record Summary(
            double cStatistic, double calibrationInTheLarge, double calibrationSlope, double brierScore) {}

    /** All four statistics. */
    public static Summary of(double[] p, double[] y, double[] n) {
        return new Summary(
                cStatistic(p, y, n), calibrationInTheLarge(p, y, n), calibrationSlope(p, y, n), brier(p, y, n));
    }

    /** Concordance: pairs (event, non-event) ordered correctly, ties 1/2, over all such pairs; NaN without both. */
    public static double cStatistic(double[] p, double[] y, double[] n) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double concordant = 0;
        double nonEventsBelow = 0;
        double events = 0;
        double nonEvents = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double blockEvents = 0;
            double blockNonEvents = 0;
            while (j < order.length && p[order[j]] == p[order[i]]) {
                blockEvents += y[order[j]];
                blockNonEvents += n[order[j]] - y[order[j]];
                j++;
            }
            concordant += blockEvents * nonEventsBelow + 0.5 * blockEvents * blockNonEvents;
            nonEventsBelow += blockNonEvents;
            events += blockEvents;
            nonEvents += blockNonEvents;
            i = j;
        }
        return events > 0 && nonEvents > 0 ? concordant / (events * nonEvents) : Double.NaN;
    }

    /** Mean of (outcome - prediction)^2 over the discharges. */
    public static double brier(double[] p, double[] y, double[] n) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            sum += y[i] * (1 - p[i]) * (1 - p[i]) + (n[i] - y[i]) * p[i] * p[i];
            total += n[i];
        }
        return sum / total;
    }

    /** Intercept a of {@code logit P(y) = a + LP} (LP an offset). */
    public static double calibrationInTheLarge(double[] p, double[] y, double[] n) {
        int[][] index = new int[p.length][];
        double[][] value = new double[p.length][];
        double[] offset = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            index[i] = new int[] {0};
            value[i] = new double[] {1};
            offset[i] = logit(p[i]);
        }
        return GroupedLogistic.fit(new GroupedLogistic.Data(index, value, y, n, offset, 1), 0, new double[1])
                .beta()[0];
    }

    /** Slope b of {@code logit P(y) = a + b LP}. */
    public static double calibrationSlope(double[] p, double[] y, double[] n) {
        int[][] index = new int[p.length][];
        double[][] value = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            index[i] = new int[] {0, 1};
            value[i] = new double[] {1, logit(p[i])};
        }
        return GroupedLogistic.fit(GroupedLogistic.Data.of(index, value, y, n, 2), 0, new double[] {0, 1})
                .beta()[1];
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
