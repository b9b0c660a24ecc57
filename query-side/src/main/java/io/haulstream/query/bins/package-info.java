/** The bins read model: one denormalized row per bin, its Redis view and its queries. */
package io.haulstream.query.bins;
