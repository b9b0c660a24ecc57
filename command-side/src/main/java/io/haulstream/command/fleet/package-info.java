/** The fleet inbound topic: records from trucks and sensors become commands; unusable ones go to the dead-letter topic. */
package io.haulstream.command.fleet;
