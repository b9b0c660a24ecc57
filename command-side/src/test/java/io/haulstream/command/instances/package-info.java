/** Tests of several command-side instances sharing one event store, as a deployment past one machine runs them. */
package io.haulstream.command.instances;
