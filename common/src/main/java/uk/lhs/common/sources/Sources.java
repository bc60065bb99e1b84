package uk.lhs.common.sources;

/** Entry points that do not belong to one dataset. */
public final class Sources {
  private Sources() {}

  /**
   * Checks that {@code csv} is of dataset {@code expected}.
   *
   * @throws SourceFileException the header is unrecognised or belongs to another dataset
   */
  public static void expect(RawCsv csv, Dataset expected) {
    Dataset found = Dataset.detect(csv);
    if (found != expected) {
      throw new SourceFileException(csv.fileName(), "is a " + found + " file, not " + expected,
          "pass it to the " + found + " reader");
    }
  }
}
