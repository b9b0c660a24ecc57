/**
 * Who may call the command API: bearer tokens checked against the configured issuer, the caller
 * they name ({@link io.haulstream.command.access.Caller}), and the one table of which role may
 * send which command in which organization.
 */
package io.haulstream.command.access;
