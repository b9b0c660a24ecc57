# Bearer tokens for the scripts, from the configured issuer (sourced after haulstream.env).

# client_token id secret: an access token for a machine client, found through the issuer's
# discovery document, so Keycloak's token endpoint serves as well as the development issuer's.
client_token() {
  local endpoint
  endpoint="$(curl -fsS "$OIDC_ISSUER_URI/.well-known/openid-configuration" |
    sed -E 's/.*"token_endpoint" *: *"([^"]+)".*/\1/')"
  curl -fsS -u "$1:$2" -d grant_type=client_credentials "$endpoint" |
    sed -E 's/.*"access_token" *: *"([^"]+)".*/\1/'
}
