/** Route and bin statistics kept by counters as events arrive, their exact Redis entries, queries and live stream. */
package io.haulstream.query.statistics;
