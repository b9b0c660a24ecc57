/** The seed document's "current" system, rebuilt on plain JDBC as the baseline haulstream is measured against. */
package io.haulstream.benchmark.seed;
