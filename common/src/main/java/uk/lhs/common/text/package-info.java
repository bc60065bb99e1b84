/** Text primitives every layer shares: SHA-256 identities and CSV line splitting. Pure Java: no Spark. */
package uk.lhs.common.text;
