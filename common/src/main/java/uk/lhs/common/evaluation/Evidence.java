package uk.lhs.common.evaluation;

/**
 * Everything the methods produced for one unit, handed to {@link CaveatRules} and {@link AttributionRule}. A method
 * that could not be run on the data is null.
 *
 * @param input the evaluation input
 * @param window the exposed series split at the intervention
 * @param panel comparators with complete data over the window
 * @param prePost pre/post comparison, or null
 * @param spc XmR check, or null
 * @param its segmented regression, or null
 * @param did difference-in-differences, or null
 * @param syntheticControl synthetic control, or null
 * @param regionIts segmented regression of the region/England series, or null
 * @param regionPrePost pre/post comparison of the region/England series, or null
 */
public record Evidence(
        EvaluationInput input,
        SeriesWindow window,
        ComparatorPanel panel,
        PrePostResult prePost,
        SpcCheckResult spc,
        ItsResult its,
        DidResult did,
        SyntheticControlResult syntheticControl,
        ItsResult regionIts,
        PrePostResult regionPrePost) {

    /** +1 if the interval lies wholly above 0, −1 if wholly below, 0 if it includes 0 or is missing. */
    static int significantSign(double lower, double upper) {
        if (lower > 0) {
            return 1;
        }
        return upper < 0 ? -1 : 0;
    }
}
