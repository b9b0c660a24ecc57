/** The command side: accepts intentions, checks them against aggregates and stores what happened. */
package io.haulstream.command;
