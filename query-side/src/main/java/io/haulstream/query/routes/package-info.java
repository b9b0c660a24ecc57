/** The routes read model: one row per route, its ordered stops, and the route detail query with its Redis entries. */
package io.haulstream.query.routes;
