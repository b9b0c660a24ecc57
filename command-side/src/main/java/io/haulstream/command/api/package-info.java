/** The HTTP command API: resource-style paths, problem+json errors and a consistency token on every reply. */
package io.haulstream.command.api;
