/** The organization aggregate: the tenant that owns customers, bins and routes. */
package io.haulstream.command.organization;
