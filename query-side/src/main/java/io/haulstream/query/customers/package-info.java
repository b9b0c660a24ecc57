/** The customers read model: one row per customer. */
package io.haulstream.query.customers;
