/** End-to-end tests: both packaged applications as separate processes on the real servers. */
package io.haulstream.e2e;
