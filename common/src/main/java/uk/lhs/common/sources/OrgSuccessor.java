package uk.lhs.common.sources;

import java.time.LocalDate;

/**
 * A merger or take-over: from {@code effectiveDate} the activity of {@code oldCode} is reported by {@code newCode}.
 *
 * @param oldCode predecessor ODS code
 * @param newCode successor ODS code
 * @param effectiveDate first day the successor reports
 * @param rowNumber line in org_successors.csv
 */
public record OrgSuccessor(String oldCode, String newCode, LocalDate effectiveDate, int rowNumber) {}
