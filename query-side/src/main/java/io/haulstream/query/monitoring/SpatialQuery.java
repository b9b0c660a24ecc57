package io.haulstream.query.monitoring;

import java.util.Map;

/**
 * A spatial query whose plan is checked: a query family declares one as a bean, with the SQL it
 * runs and the index meant to serve it, and the check finds it there.
 *
 * @param family the query family (URI template) that runs it
 * @param table the table it reads, schema included
 * @param intendedIndex the index its plan should use
 * @param sql the statement, with named parameters
 * @param sample parameter values to explain it with
 */
public record SpatialQuery(String family, String table, String intendedIndex, String sql, Map<String, Object> sample) {}
