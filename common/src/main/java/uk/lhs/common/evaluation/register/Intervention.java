package uk.lhs.common.evaluation.register;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * One entry of the interventions register ({@code interventions.yaml}).
 *
 * @param id register id, unique, e.g. {@code INT-001}
 * @param title short title
 * @param scopeTrusts trust codes in scope (empty when the scope is a system)
 * @param scopeSystem system (ICB) code in scope — every trust in it plus the system aggregate — or null
 * @param indicators indicator ids the intervention aims to move (at least one)
 * @param start first month the intervention was in place
 * @param implementationMonths months from the start that belong to neither side (0 = none)
 * @param expectedDirection the direction the intervention is meant to move its indicators
 * @param comparatorMode how comparators are chosen
 * @param comparatorCodes the explicit comparators (empty unless the mode is {@link ComparatorMode#EXPLICIT})
 * @param notes free text (may be empty)
 * @param type kind of change, normalised by {@link #normaliseType} (e.g. {@code same_day_emergency_care}), or null
 *     when the register gives none; interventions of one type are pooled in gold.learning
 * @param rollout for a programme, each trust with its own start month (empty for a single-start intervention); the
 *     scope trusts are then the rollout's trusts and {@code start} its earliest start
 */
public record Intervention(
        String id,
        String title,
        List<String> scopeTrusts,
        String scopeSystem,
        List<String> indicators,
        YearMonth start,
        int implementationMonths,
        ImprovementDirection expectedDirection,
        ComparatorMode comparatorMode,
        List<String> comparatorCodes,
        String notes,
        String type,
        List<RolloutStart> rollout)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Intervention {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        scopeTrusts = List.copyOf(scopeTrusts);
        indicators = List.copyOf(indicators);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(expectedDirection, "expectedDirection");
        Objects.requireNonNull(comparatorMode, "comparatorMode");
        comparatorCodes = List.copyOf(comparatorCodes);
        notes = notes == null ? "" : notes;
        type = normaliseType(type);
        rollout = rollout == null ? List.of() : List.copyOf(rollout);
        if ((scopeSystem == null) == scopeTrusts.isEmpty()) {
            throw new IllegalArgumentException(
                    "intervention " + id + ": the scope must be either trusts or one system");
        }
        if (indicators.isEmpty()) {
            throw new IllegalArgumentException("intervention " + id + ": no indicators");
        }
        if (implementationMonths < 0) {
            throw new IllegalArgumentException("intervention " + id + ": implementation_months must be >= 0");
        }
        if (!rollout.isEmpty()
                && !rollout.stream().map(RolloutStart::trust).toList().equals(scopeTrusts)) {
            throw new IllegalArgumentException("intervention " + id + ": the scope trusts are the rollout's trusts");
        }
        if ((comparatorMode == ComparatorMode.EXPLICIT) == comparatorCodes.isEmpty()) {
            throw new IllegalArgumentException(
                    "intervention " + id + ": comparator codes are given exactly when the mode" + " is explicit");
        }
    }

    /** An entry without a type (the register's {@code type:} is optional) and with one start month (no rollout). */
    public Intervention(
            String id,
            String title,
            List<String> scopeTrusts,
            String scopeSystem,
            List<String> indicators,
            YearMonth start,
            int implementationMonths,
            ImprovementDirection expectedDirection,
            ComparatorMode comparatorMode,
            List<String> comparatorCodes,
            String notes) {
        this(
                id,
                title,
                scopeTrusts,
                scopeSystem,
                indicators,
                start,
                implementationMonths,
                expectedDirection,
                comparatorMode,
                comparatorCodes,
                notes,
                null,
                List.of());
    }

    /**
     * A register type as stored: trimmed, lower case, every run of characters other than letters and digits replaced
     * by one underscore, no leading or trailing underscore ({@code " Same-day Emergency Care "} becomes
     * {@code same_day_emergency_care}); null for null or for text with no letter or digit.
     */
    public static String normaliseType(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "_")
                .replaceAll("^_+|_+$", "");
        return s.isEmpty() ? null : s;
    }

    /** The same entry with only {@code kept} of its indicators (every other field unchanged). */
    public Intervention withIndicators(List<String> kept) {
        return new Intervention(
                id,
                title,
                scopeTrusts,
                scopeSystem,
                kept,
                start,
                implementationMonths,
                expectedDirection,
                comparatorMode,
                comparatorCodes,
                notes,
                type,
                rollout);
    }

    /**
     * One trust of a programme's rollout.
     *
     * @param trust trust code
     * @param start first month the programme was in place at that trust
     */
    public record RolloutStart(String trust, YearMonth start) implements Serializable {
        private static final long serialVersionUID = 1L;

        public RolloutStart {
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(start, "start");
        }
    }

    /** Whether this entry is a programme rolled out across trusts at different months (staggered adoption). */
    public boolean programme() {
        return !rollout.isEmpty();
    }

    /**
     * The start month at one organisation: a programme trust's own rollout start, otherwise {@link #start()}. Every
     * rollout trust is also evaluated on its own by the per-organisation methods, from its own start.
     */
    public YearMonth startAt(String orgCode) {
        for (RolloutStart r : rollout) {
            if (r.trust().equals(orgCode)) {
                return r.start();
            }
        }
        return start;
    }

    /** The first day of the start month. */
    public LocalDate startDate() {
        return start.atDay(1);
    }

    /** Whether the scope is a system (every trust in it plus the system aggregate). */
    public boolean systemScope() {
        return scopeSystem != null;
    }
}
