/** The HTTP query API's shared parts: problem+json errors, tokens and the projection position on every reply. */
package io.haulstream.query.api;
