package io.haulstream.query.api;

public class InvalidToken extends RuntimeException {

    private final String field;

    public InvalidToken(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
