/**
 * Seeded synthetic data in the formats of the real NHS England publications ({@code lhs generate}); entry point
 * {@link uk.lhs.common.synthetic.SyntheticGenerator#generate}.
 *
 * <p>Output layout (other code depends on it):
 * <ul>
 *   <li>{@code ae/Monthly-AE-YYYY-MM.csv} — MSitAE provider file, header of the real 2024-04 file, national TOTAL row;
 *   <li>{@code rtt/RTT-Incomplete-Provider-YYYY-MM.csv} — incomplete pathways by provider x treatment function,
 *       weekly bands and NHS England summary columns, C_999 total row per provider;
 *   <li>{@code spells/spells-part-NNNNN.parquet} — HES APC-like spells, schema {@code conf/schemas/spell.avsc};
 *       {@code spells/episodes-sample.csv} — the episodes of the first spells;
 *   <li>{@code reference/ods_etr.csv}, {@code reference/System-Mapping.csv}, {@code reference/org_successors.csv};
 *   <li>{@code interventions.yaml} — the interventions register;
 *   <li>{@code truth/intervention_effects.csv}, {@code truth/equity_effects.csv} (quintile-specific effects),
 *       {@code truth/trust_readmission_effects.csv},
 *       {@code truth/injected_defects.csv} — what was injected;
 *   <li>{@code MANIFEST.csv} — every other file with size and SHA-256.
 * </ul>
 *
 * <p>Indicator units in the truth file: {@code ae_4hr_all}, {@code ae_4hr_type1}, {@code rtt_18wk} are proportions
 * within the standard (A&amp;E: booked + non-booked, as NHS England); {@code rtt_52wk} is the number of incomplete
 * pathways waiting over 52 weeks (the catalog's count indicator); {@code readmit_30d} is the proportion of the
 * discharges counted by NHS OF 3b followed by an emergency readmission within 0–29 days; {@code los_mean} is the mean
 * length of stay in days of ordinary (CLASSPAT 1) spells. Each true effect is the mean post-period difference of the
 * expected indicator with and without the intervention's shift ({@code TrueEffects}).
 */
package uk.lhs.common.synthetic;
