/**
 * NHS small-number disclosure control, pure Java: primary suppression and rounding of counts ({@link Thresholds}),
 * the additive relations between published cells ({@link Relations}) and secondary suppression over them
 * ({@link SecondarySuppression}) so that no suppressed cell can be derived by subtraction. The Spark glue is
 * {@code uk.lhs.common.indicators.Disclosure}.
 */
package uk.lhs.common.disclosure;
