/** Read-your-writes: consistency tokens, the bounded wait for them and how far the projection has got. */
package io.haulstream.query.consistency;
