/**
 * The static HTML dashboard and data dictionary, rendered in pure Java: records in, SVG and HTML strings out. No
 * JavaScript library, no fonts, no network: every chart is an inline SVG drawn here, every text is HTML-escaped by
 * {@link uk.lhs.common.report.Html}. Spark reads happen elsewhere ({@code uk.lhs.jobs.report}).
 */
package uk.lhs.common.report;
