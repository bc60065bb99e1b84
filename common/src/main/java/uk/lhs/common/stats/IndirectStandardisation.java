package uk.lhs.common.stats;

import java.util.List;
import java.util.Objects;

/**
 * Classical indirect standardisation: observed events O against the expected count E = Σ over standardisation cells of
 * the local population (or discharges) n × the reference cell rate x_ref / n_ref, giving the indirectly standardised
 * ratio O / E (× a multiplier) or rate O / E × the reference crude rate. The interval is that of a Poisson count O
 * with E fixed: exact below 10 observed, Byar's from 10 ({@link ConfidenceIntervals#ratio}).
 *
 * <p>Source: PHEindicatormethods {@code calculate_ISRatio} / {@code calculate_ISRate} (R/ISRatio.R, R/ISRate.R,
 * commit 093fd288): expected = Σ x_ref / n_ref · n with a missing product treated as 0; PHE Fingertips technical
 * guidance, "Indirectly standardised ratios". E is summed with Neumaier's compensated summation, so its value does not
 * depend on the order of the cells beyond the last bit.
 */
public final class IndirectStandardisation {
    private IndirectStandardisation() {}

    /**
     * One standardisation cell.
     *
     * @param n local population (or discharges) in the cell, ≥ 0
     * @param referenceEvents events in the cell in the reference (standard) population, ≥ 0
     * @param referencePopulation population of the cell in the reference population, ≥ 0
     */
    public record Cell(double n, double referenceEvents, double referencePopulation) {
        /** The reference cell rate x_ref / n_ref; NaN when the reference has no population in the cell. */
        public double referenceRate() {
            return referencePopulation > 0 ? referenceEvents / referencePopulation : Double.NaN;
        }
    }

    /**
     * The expected count E = Σ n × x_ref / n_ref over the cells; a cell whose product is not a number (no reference
     * population, or a missing figure) adds 0, as PHEindicatormethods does ({@code sum(..., na.rm = TRUE)}).
     */
    public static double expected(List<Cell> cells) {
        Objects.requireNonNull(cells, "cells");
        Neumaier sum = new Neumaier();
        for (Cell c : cells) {
            double e = c.n() * c.referenceRate();
            if (!Double.isNaN(e)) {
                sum.add(e);
            }
        }
        return sum.value();
    }

    /**
     * The indirectly standardised ratio O / E × multiplier with its interval (PHE calculate_ISRatio: exact Poisson
     * limits of O below 10, Byar's from 10, divided by E).
     *
     * @param observed observed events O in the local population, ≥ 0
     * @param cells the standardisation cells (local n and reference events and population)
     * @param confidence two-sided level, e.g. 0.95
     * @param multiplier 1 for a ratio, 100 as NHS OF 3b and PHE's "ratio x 100"
     * @return value, limits and method; no_data when E is 0 or O is not valid
     */
    public static Estimate ratio(double observed, List<Cell> cells, double confidence, double multiplier) {
        return ConfidenceIntervals.ratio(observed, expected(cells), confidence, multiplier);
    }

    /**
     * The indirectly standardised rate O / E × the reference crude rate Σx_ref / Σn_ref × multiplier (PHE
     * calculate_ISRate), with the ratio's interval on the same scale.
     *
     * @param multiplier e.g. 100000 for a rate per 100,000
     */
    public static Estimate rate(double observed, List<Cell> cells, double confidence, double multiplier) {
        Neumaier events = new Neumaier();
        Neumaier population = new Neumaier();
        for (Cell c : cells) {
            events.add(c.referenceEvents());
            population.add(c.referencePopulation());
        }
        double referenceRate = events.value() / population.value();
        return ConfidenceIntervals.ratio(observed, expected(cells), confidence, multiplier * referenceRate);
    }

    /**
     * Neumaier's compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
     * Summen", ZAMM 54:39-51; the improved Kahan-Babuška sum): the rounding error of each addition is carried in a
     * separate compensation, so the total is correct to about one rounding of the exact sum whatever the order of the
     * terms (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 4.3).
     */
    public static final class Neumaier {
        private double sum;
        private double compensation;

        /** Adds one term. */
        public Neumaier add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
            return this;
        }

        /** The compensated total. */
        public double value() {
            return sum + compensation;
        }
    }
}
