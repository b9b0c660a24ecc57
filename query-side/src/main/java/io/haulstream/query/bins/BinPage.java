package io.haulstream.query.bins;

import java.util.List;

/**
 * One page of an organization's bins in {@code binId} order.
 *
 * @param next the last bin of this page, to pass as {@code after} for the following page; null on the last page
 */
public record BinPage(List<BinView> bins, String next) {}
