/** A stand-in for the demo city's trucks and bin sensors: it drives the demo routes over the fleet inbound topic. */
package io.haulstream.fleet;
