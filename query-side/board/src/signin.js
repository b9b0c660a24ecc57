// Sign-in for the board, a public client of the organization's OIDC issuer: the authorization code
// flow with PKCE (RFC 7636), all in the page, no secret. The issuer and client come from the query
// side's configuration (/board/config.json); with no issuer configured the board signs nobody in.
// Once signed in, api.js adds the access token to every request and the organization is the one
// the token names (its "organizations" claim, as the APIs read it).
import { signIn } from './api.js';

const SESSION = 'haulstream-board-session';
const PENDING = 'haulstream-board-pending';

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (size) => base64url(crypto.getRandomValues(new Uint8Array(size)));

function claims(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

function redirectUri() {
  return `${location.origin}/board/`;
}

async function discover(issuer) {
  const reply = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!reply.ok) throw new Error(`the issuer's discovery answered ${reply.status}`);
  return reply.json();
}

async function redirectToIssuer(config, endpoints) {
  const verifier = random(32);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
  return new Promise(() => {}); // the page is leaving
}

async function exchange(config, endpoints, code, state) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== state) throw new Error('the sign-in came back with a state this page did not send');
  const reply = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!reply.ok) throw new Error(`the issuer's token endpoint answered ${reply.status}`);
  const token = await reply.json();
  const session = { accessToken: token.access_token, expiresAt: Date.now() + (token.expires_in ?? 300) * 1000 };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

/** Forgets the token, so the next start signs in again (an expired or refused token). */
export function signOut() {
  sessionStorage.removeItem(SESSION);
}

/**
 * @returns null when no issuer is configured; otherwise the signed-in user and the organizations
 *     their token names, after setting the token and the first organization in api.js
 */
export async function signInIfConfigured(config) {
  if (!config.issuer) return null;
  const parameters = new URLSearchParams(location.search);
  let session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  const fresh = (held) => held && held.expiresAt >= Date.now() + 10_000;
  // The issuer is asked only when the page has to go there or come back from it: a reload of a
  // signed-in board costs no round trip.
  if (parameters.has('code') || !fresh(session)) {
    const endpoints = await discover(config.issuer);
    if (parameters.has('code')) {
      session = await exchange(config, endpoints, parameters.get('code'), parameters.get('state'));
      history.replaceState(null, '', redirectUri());
    }
    if (!fresh(session)) {
      return redirectToIssuer(config, endpoints);
    }
  }
  const token = claims(session.accessToken);
  const organizations = [].concat(token.organizations ?? []);
  signIn(session.accessToken, organizations[0] ?? null);
  return { user: token.sub, organizations };
}
