/** Directory reads for dispatchers: organizations, and customers with their bins and each bin's latest service. */
package io.haulstream.query.directory;
