/** What fleet systems publish on the inbound topic: records of what trucks and sensors saw happen. */
package io.haulstream.events.fleet;
