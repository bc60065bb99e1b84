package uk.lhs.common.sources;

import java.time.LocalDate;

/**
 * One data-quality finding (a row of {@code gold.data_quality} without its run id).
 *
 * @param checkId the check, e.g. {@code ae_total_reconciles}
 * @param sha256 the file the finding is about ('' when not about one file)
 * @param subject what it is about: an org code, a measure, a month
 * @param dataset the dataset id
 * @param file the file name, or null
 * @param period the month concerned, or null
 * @param severity info, warning or error
 * @param passed whether the check passed
 * @param observed the observed value
 * @param expected the expected value
 * @param message a plain-English explanation
 */
public record Finding(
        String checkId,
        String sha256,
        String subject,
        String dataset,
        String file,
        LocalDate period,
        String severity,
        boolean passed,
        String observed,
        String expected,
        String message) {}
