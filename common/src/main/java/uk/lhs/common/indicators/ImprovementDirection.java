package uk.lhs.common.indicators;

import java.util.Locale;

/** Which way is better, in the words NHSRplotthedots uses for {@code improvement_direction}. */
public enum ImprovementDirection {
  INCREASE,
  DECREASE,
  NEUTRAL;

  /** The lower-case name written to gold and the catalog. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
