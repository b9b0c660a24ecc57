/** Fleet dead letters for operators: listed with their reasons and replayed through the inbound checks. */
package io.haulstream.command.deadletters;
