/**
 * Bearer tokens for tests and the benchmark, minted with a fixed test key (or a key given by
 * configuration), so every test module and the benchmark sign their callers one way.
 */
package io.haulstream.testtokens;
