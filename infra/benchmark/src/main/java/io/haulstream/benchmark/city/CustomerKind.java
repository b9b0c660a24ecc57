package io.haulstream.benchmark.city;

/** What kind of place a customer is: it decides how many bins stand there, of what type and on which routes. */
enum CustomerKind {
    HOUSE,
    APARTMENTS,
    BUSINESS,
    RESTAURANT,
    INDUSTRIAL
}
