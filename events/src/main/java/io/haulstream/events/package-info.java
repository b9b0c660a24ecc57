/** The published language of haulstream: what happened, readable without Axon by the query side, fleets and analysts. */
package io.haulstream.events;
