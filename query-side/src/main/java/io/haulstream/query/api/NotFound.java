package io.haulstream.query.api;

public class NotFound extends RuntimeException {

    private final String field;

    public NotFound(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
