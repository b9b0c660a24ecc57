package io.haulstream.command.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sent a request, as the bearer token says: the only place that knows the claims' names, so
 * an issuer set up another way (Keycloak, Entra ID, Auth0, Okta) is adapted here and nowhere else.
 *
 * @param subject the token's {@code sub}: the user, or the machine client itself
 * @param clientId the client the token was issued to ({@code azp}, else {@code client_id})
 * @param roles the roles this application knows among the token's {@value #ROLES_CLAIM}
 * @param organizations the organizations the caller acts for ({@value #ORGANIZATIONS_CLAIM})
 */
public record Caller(String subject, String clientId, Set<Role> roles, Set<String> organizations) {

    public static final String ROLES_CLAIM = "roles";
    public static final String ORGANIZATIONS_CLAIM = "organizations";
    private static final List<String> CLIENT_CLAIMS = List.of("azp", "client_id");

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        organizations = Set.copyOf(organizations);
    }

    static Caller of(Jwt jwt) {
        Set<Role> roles = strings(jwt, ROLES_CLAIM).stream()
                .map(Role::named)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        String client = CLIENT_CLAIMS.stream()
                .map(jwt::getClaimAsString)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(jwt.getSubject());
        return new Caller(jwt.getSubject(), client, roles, Set.copyOf(strings(jwt, ORGANIZATIONS_CLAIM)));
    }

    /** The caller of the request this thread serves, if it presented a valid token. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication caller ? Optional.of(caller.caller()) : Optional.empty();
    }

    public boolean holdsAny(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    public boolean actsFor(String organizationId) {
        return organizations.contains(organizationId);
    }

    /** A claim that is one string or a list of them (issuers differ); absent is empty. */
    private static List<String> strings(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
