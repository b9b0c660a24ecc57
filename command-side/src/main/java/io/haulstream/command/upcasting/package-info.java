/** Brings events stored in older revisions up to date as Axon reads them from the event store. */
package io.haulstream.command.upcasting;
