/** The organizations read model: one row per tenant. */
package io.haulstream.query.organizations;
