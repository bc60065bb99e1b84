package uk.lhs.common.indicators;

import java.util.Locale;

/**
 * The default SPC chart for an indicator ("Making Data Count"): XmR for most measures, Laney p′ for proportions over
 * large denominators, Laney u′ for rates, c for counts of rare events, a run chart when limits would mislead.
 */
public enum ChartType {
  XMR,
  PPRIME,
  UPRIME,
  C,
  RUN;

  /** The lower-case name written to gold and the catalog. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
