/** Redis entries that are exact: keyed by what they hold, replaced only by a newer version, optional when Redis is down. */
package io.haulstream.query.cache;
