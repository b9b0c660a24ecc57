/** The customer aggregate: a place an organization serves, with its service address. */
package io.haulstream.command.customer;
