package io.haulstream.query.access;

import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * One row of {@link AccessRules}: the roles that may call an endpoint group in any organization,
 * and those that may call it in the organizations of their token only. The organization of an
 * organization-scoped path is the {@value #ORGANIZATION_VARIABLE} path variable; a caller who
 * does not act for it is {@link Hidden} (404), after the role check, so a wrong role is told so
 * (403) whatever the path names.
 */
final class OrganizationAccess implements AuthorizationManager<RequestAuthorizationContext> {

    static final String ORGANIZATION_VARIABLE = "organizationId";

    /** The path names an organization the caller does not act for: answered like a missing one. */
    static final class Hidden extends AuthorizationDecision {
        Hidden() {
            super(false);
        }
    }

    private final Set<Role> anyOrganization;
    private final Set<Role> ownOrganization;

    private OrganizationAccess(Set<Role> anyOrganization, Set<Role> ownOrganization) {
        this.anyOrganization = anyOrganization;
        this.ownOrganization = ownOrganization;
    }

    static OrganizationAccess anyOrganization(Role... roles) {
        return new OrganizationAccess(Set.of(roles), Set.of());
    }

    static OrganizationAccess ownOrganization(Role... roles) {
        return new OrganizationAccess(Set.of(), Set.of(roles));
    }

    /** These roles in the organizations of their token too. */
    OrganizationAccess orOwnOrganization(Role... roles) {
        return new OrganizationAccess(anyOrganization, Set.of(roles));
    }

    @Override
    @SuppressWarnings("deprecation") // the abstract method of Spring Security 6.5; authorize() calls it
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        if (!(authentication.get() instanceof CallerAuthentication token)) {
            return new AuthorizationDecision(false);
        }
        Caller caller = token.caller();
        if (caller.holdsAny(anyOrganization)) {
            return new AuthorizationDecision(true);
        }
        if (!caller.holdsAny(ownOrganization)) {
            return new AuthorizationDecision(false);
        }
        String organization = context.getVariables().get(ORGANIZATION_VARIABLE);
        return organization != null && caller.actsFor(organization) ? new AuthorizationDecision(true) : new Hidden();
    }
}
