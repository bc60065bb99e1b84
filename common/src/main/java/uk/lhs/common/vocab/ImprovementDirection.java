package uk.lhs.common.vocab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which direction of change is an improvement (MDC; NHSRplotthedots {@code improvement_direction}). */
public enum ImprovementDirection {
  /** Higher values are better. */
  INCREASE("increase"),
  /** Lower values are better. */
  DECREASE("decrease"),
  /** Neither direction is better: special causes are labelled neutral and no assurance is given. */
  NEUTRAL("neutral");

  private final String code;

  ImprovementDirection(String code) {
    this.code = code;
  }

  /** The exact option string, e.g. {@code "increase"}. */
  public String code() {
    return code;
  }

  /** Parses a {@link #code()} (case-insensitive); the message lists the accepted codes. */
  public static ImprovementDirection fromCode(String code) {
    String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (ImprovementDirection d : values()) {
      if (d.code.equals(wanted)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown improvement direction '" + code + "'; use one of "
        + Arrays.stream(values()).map(ImprovementDirection::code).collect(Collectors.joining(", ")));
  }
}
