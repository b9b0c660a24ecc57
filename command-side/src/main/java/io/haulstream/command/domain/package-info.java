/** What every aggregate shares: how a broken rule is reported and how a place on the map is checked. */
package io.haulstream.command.domain;
