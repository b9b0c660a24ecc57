/**
 * A development OAuth2/OIDC issuer (Spring Authorization Server) holding the demo city's users and
 * machine clients, so the run command brings up a system whose APIs want tokens and a place to get
 * them; in production the applications point at the organization's own issuer instead.
 */
package io.haulstream.devissuer;
