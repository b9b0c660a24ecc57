/** The dispatcher's board: the web page the Maven build bundles into the static resources, and its configuration. */
package io.haulstream.query.board;
