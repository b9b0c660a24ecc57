/**
 * Who may read what: bearer tokens checked against the configured issuer, the caller they name
 * ({@link io.haulstream.query.access.Caller}), and the one table of which role may read which
 * organization's data, and who may use the monitoring.
 */
package io.haulstream.query.access;
