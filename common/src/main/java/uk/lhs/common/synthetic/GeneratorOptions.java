package uk.lhs.common.synthetic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Options of the seeded synthetic-data generator ({@code lhs generate}).
 *
 * @param seed master seed: the same seed and options give byte-identical output
 * @param trusts number of synthetic acute trusts (at least {@link #MIN_TRUSTS}: two per region)
 * @param months number of monthly publications (at least {@link #MIN_MONTHS}, so interventions have pre and post periods)
 * @param endMonth last published month (inclusive)
 * @param spells number of patient-level hospital spells to write
 * @param spellsPerPart rows per {@code spells/spells-part-NNNNN.parquet} file
 * @param spellSchema the Avro schema of a spell ({@code conf/schemas/spell.avsc}); a relative path is looked up in the
 *     working directory and then its parents
 */
public record GeneratorOptions(
        long seed, int trusts, int months, YearMonth endMonth, long spells, int spellsPerPart, Path spellSchema) {

    /** Default master seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Default number of trusts (about the number of English acute trusts with a type 1 A&E). */
    public static final int DEFAULT_TRUSTS = 120;
    /** Default number of months. */
    public static final int DEFAULT_MONTHS = 36;
    /** Default last month. */
    public static final YearMonth DEFAULT_END = YearMonth.of(2025, 3);
    /** Default number of spells. */
    public static final long DEFAULT_SPELLS = 200_000L;
    /** Default rows per Parquet part file. */
    public static final int DEFAULT_SPELLS_PER_PART = 1_000_000;
    /** Default location of the spell schema, relative to the repository root. */
    public static final Path DEFAULT_SCHEMA = Path.of("conf", "schemas", "spell.avsc");
    /** Seven regions with two trusts each at least. */
    public static final int MIN_TRUSTS = 14;
    /** Most trusts that get distinct synthetic codes. */
    public static final int MAX_TRUSTS = 600;
    /** Twelve months at least, so every intervention has a pre- and a post-period. */
    public static final int MIN_MONTHS = 12;

    /** Validates the options; every message says what is wrong and how to fix it. */
    public GeneratorOptions {
        Objects.requireNonNull(endMonth, "endMonth");
        Objects.requireNonNull(spellSchema, "spellSchema");
        if (trusts < MIN_TRUSTS) {
            throw new IllegalArgumentException(
                    "--trusts " + trusts + " is too small: the synthetic organisations need two "
                            + "trusts in each of 7 regions; use --trusts " + MIN_TRUSTS + " or more");
        }
        if (trusts > MAX_TRUSTS) {
            throw new IllegalArgumentException("--trusts " + trusts + " exceeds the " + MAX_TRUSTS + " synthetic trust "
                    + "codes available; use --trusts " + MAX_TRUSTS + " or fewer");
        }
        if (months < MIN_MONTHS) {
            throw new IllegalArgumentException("--months " + months + " is too short: interventions need pre- and "
                    + "post-periods; use --months " + MIN_MONTHS + " or more");
        }
        if (spells < 1) {
            throw new IllegalArgumentException("--spells must be positive, got " + spells);
        }
        if (spellsPerPart < 1) {
            throw new IllegalArgumentException("spellsPerPart must be positive, got " + spellsPerPart);
        }
    }

    /** The defaults: seed 42, 120 trusts, 36 months ending 2025-03, 200,000 spells. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(
                DEFAULT_SEED,
                DEFAULT_TRUSTS,
                DEFAULT_MONTHS,
                DEFAULT_END,
                DEFAULT_SPELLS,
                DEFAULT_SPELLS_PER_PART,
                DEFAULT_SCHEMA);
    }

    /** A copy with another seed. */
    public GeneratorOptions withSeed(long newSeed) {
        return new GeneratorOptions(newSeed, trusts, months, endMonth, spells, spellsPerPart, spellSchema);
    }

    /** A copy with another size. */
    public GeneratorOptions withSize(int newTrusts, int newMonths, long newSpells) {
        return new GeneratorOptions(seed, newTrusts, newMonths, endMonth, newSpells, spellsPerPart, spellSchema);
    }

    /** A copy with another rows-per-part and schema location. */
    public GeneratorOptions withSpellFiles(int newSpellsPerPart, Path newSchema) {
        return new GeneratorOptions(seed, trusts, months, endMonth, spells, newSpellsPerPart, newSchema);
    }

    /** First published month. */
    public YearMonth startMonth() {
        return endMonth.minusMonths(months - 1L);
    }

    /** The month with index {@code i} (0 = {@link #startMonth()}). */
    public YearMonth month(int i) {
        return startMonth().plusMonths(i);
    }

    /**
     * Resolves {@link #spellSchema}: an absolute path as is; a relative one against the working directory, then each
     * parent directory in turn (so it works from the repository root and from a module folder).
     *
     * @throws IllegalStateException if the schema file is found nowhere
     */
    public Path resolveSpellSchema() {
        if (spellSchema.isAbsolute()) {
            if (!Files.isRegularFile(spellSchema)) {
                throw new IllegalStateException("spell schema " + spellSchema + " does not exist; pass the path of "
                        + "conf/schemas/spell.avsc from the repository");
            }
            return spellSchema;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(spellSchema);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "spell schema " + spellSchema + " not found in " + Path.of("").toAbsolutePath()
                        + " or its parents; run from the repository or pass an absolute path to conf/schemas/spell.avsc");
    }
}
