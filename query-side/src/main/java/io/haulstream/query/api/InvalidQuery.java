package io.haulstream.query.api;

/** A query whose parameters are each valid but do not make sense together; answered with 400. */
public class InvalidQuery extends RuntimeException {

    private final String field;

    public InvalidQuery(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
