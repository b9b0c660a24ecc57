/** The service history read model: every service of a bin, read per bin and per route, newest first. */
package io.haulstream.query.history;
