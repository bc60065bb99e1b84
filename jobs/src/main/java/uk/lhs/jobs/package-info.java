/** Scheduled job entry points and the lhs command line. */
package uk.lhs.jobs;
