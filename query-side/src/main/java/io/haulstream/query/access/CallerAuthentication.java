package io.haulstream.query.access;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** A verified token, read once into its {@link Caller}. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Jwt token;
    private final Caller caller;

    CallerAuthentication(Jwt token) {
        super(List.of());
        this.token = token;
        this.caller = Caller.of(token);
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
