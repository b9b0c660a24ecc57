/** The bin aggregate: a container at a place, owned by an organization. */
package io.haulstream.command.bin;
