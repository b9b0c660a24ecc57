// The board's one way to the query API. Every request, tiles and the live stream included, goes
// through here, so signing in only has to set the token and the organization: see signIn().

let accessToken = null;
let organizationId = null;
let unauthorized = () => {};

/** What to do when the API refuses the token (set by the sign-in). */
export function onUnauthorized(action) {
  unauthorized = action;
}

/** Called by the sign-in with the access token and the organization the token names. */
export function signIn(token, organization) {
  accessToken = token;
  organizationId = organization;
}

/** Without a sign-in (a development system without an issuer) the organization is chosen on the page. */
export function chooseOrganization(organization) {
  organizationId = organization;
}

export function organization() {
  return organizationId;
}

export function headers(extra = {}) {
  return accessToken ? { ...extra, Authorization: `Bearer ${accessToken}` } : extra;
}

/** The organization's part of the API: organizationPath('/bins') is /api/v1/organizations/{org}/bins. */
export function organizationPath(path) {
  return `/api/v1/organizations/${encodeURIComponent(organizationId)}${path}`;
}

export async function api(path, options = {}) {
  const reply = await fetch(path, { ...options, headers: headers(options.headers) });
  if (reply.status === 401) {
    unauthorized();
  }
  if (!reply.ok) {
    // The status travels with the error: a caller may read some refusals as an answer (see audit.js).
    throw Object.assign(new Error(`${path} answered ${reply.status}`), { status: reply.status });
  }
  return reply.status === 204 ? null : reply.json();
}

/**
 * A server-sent events stream read with fetch rather than EventSource, which cannot send an
 * Authorization header. Reconnects after a pause when the stream ends or fails.
 */
export function stream(path, onEvent, onState) {
  let stopped = false;
  const controller = new AbortController();
  async function run() {
    while (!stopped) {
      try {
        const reply = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal: controller.signal });
        if (!reply.ok || !reply.body) {
          throw new Error(`stream answered ${reply.status}`);
        }
        onState(true);
        const reader = reply.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          buffer += value;
          let end;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            const event = { name: 'message', id: null, data: [] };
            for (const line of block.split(/\r?\n/)) {
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'event') event.name = text;
              else if (field === 'id') event.id = text;
              else if (field === 'data') event.data.push(text);
            }
            if (event.data.length) {
              onEvent(event.name, event.id, JSON.parse(event.data.join('\n')));
            }
          }
        }
      } catch (failure) {
        if (stopped) return;
      }
      onState(false);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  run();
  return () => {
    stopped = true;
    controller.abort();
  };
}
