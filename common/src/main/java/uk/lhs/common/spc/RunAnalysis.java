package uk.lhs.common.spc;

import java.io.Serializable;

/**
 * Anhøj runs analysis of one phase (qicharts2 {@code n.obs}, {@code n.useful}, {@code longest.run},
 * {@code longest.run.max}, {@code n.crossings}, {@code n.crossings.min}, {@code runs.signal}).
 *
 * @param centre the centre line the runs are counted around (median on run charts, else the control chart's centre)
 * @param observations points analysed, including missing ones
 * @param useful points left after dropping missing points and points exactly on the centre line
 * @param longestRun longest run of useful points on one side of the centre
 * @param longestRunMax largest non-signalling longest run, round(log2(useful)) + 3
 * @param crossings number of times the useful points cross the centre (runs − 1)
 * @param crossingsMin smallest non-signalling number of crossings, qbinom(0.05, useful − 1, 0.5)
 * @param signal whether the runs signal non-random variation (too long a run or too few crossings)
 */
public record RunAnalysis(
        double centre,
        int observations,
        int useful,
        int longestRun,
        int longestRunMax,
        int crossings,
        int crossingsMin,
        boolean signal)
        implements Serializable {}
