package uk.lhs.common.evaluation;

/** Direction of change: the one an intervention aims for, or the one in which an indicator improves. */
public enum Direction {
  INCREASE,
  DECREASE;

  /** +1 for {@link #INCREASE}, −1 for {@link #DECREASE}. */
  public int sign() {
    return this == INCREASE ? 1 : -1;
  }
}
