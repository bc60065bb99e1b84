package uk.lhs.common.evaluation.staggered;

/**
 * Options of {@link StaggeredDid#estimate}.
 *
 * @param control the comparison group
 * @param basePeriod the base period of pre-treatment effects
 * @param bootstrap multiplier-bootstrap draws (at least {@link #MIN_BOOTSTRAP})
 * @param seed seed of the bootstrap's {@link java.util.SplittableRandom}
 */
public record StaggeredOptions(ControlGroup control, BasePeriod basePeriod, int bootstrap, long seed) {
    /** Default draws. (R {@code did} draws 1,000; 999 keeps the 95% order statistics whole.) */
    public static final int DEFAULT_BOOTSTRAP = 999;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Fewest draws accepted: a 95% critical value needs some tail. */
    public static final int MIN_BOOTSTRAP = 99;

    public StaggeredOptions {
        if (control == null || basePeriod == null) {
            throw new IllegalArgumentException("control group and base period are required");
        }
        if (bootstrap < MIN_BOOTSTRAP) {
            throw new IllegalArgumentException(
                    "bootstrap draws must be at least " + MIN_BOOTSTRAP + ", got " + bootstrap);
        }
    }

    /** Never-treated comparison, varying base period, 999 draws, seed 42 (the R {@code did} defaults). */
    public static StaggeredOptions defaults() {
        return new StaggeredOptions(ControlGroup.NEVER_TREATED, BasePeriod.VARYING, DEFAULT_BOOTSTRAP, DEFAULT_SEED);
    }
}
