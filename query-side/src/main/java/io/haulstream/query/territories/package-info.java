/** Territories, an organization's service areas: their read model, the territory of every bin and route, and their reads. */
package io.haulstream.query.territories;
