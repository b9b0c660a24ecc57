/** The audit trail: who changed each bin and route and when, kept from the events' actor headers and read per aggregate. */
package io.haulstream.query.audit;
