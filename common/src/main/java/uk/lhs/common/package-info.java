/** LHS Lakehouse shared library: domain, statistics, table contracts, Spark session and configuration. */
package uk.lhs.common;
