// A bin's audit trail in its detail: who changed it and when, newest first, from
// GET .../bins/{binId}/audit. A query side without that endpoint (404) or one that does not serve it
// (501) leaves the detail whole and says there is no trail, rather than failing the bin.
import { api, organizationPath } from './api.js';

/** The most entries shown; the API pages beyond them ("next"). */
export const AUDIT_LIMIT = 20;

/** Statuses that mean "no audit trail here", not "something broke". */
const ABSENT = new Set([404, 501]);

/** BinFillLevelReported → "Bin fill level reported": the event's name as words. */
export function eventWords(event) {
  const words = String(event ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "by spree-dispatcher (dispatcher, via haulstream-board)"; a fleet system's records name no actor. */
export function actorWords(actor) {
  if (!actor?.subject) return 'no actor recorded (a fleet record)';
  const how = [actor.role, actor.client && actor.client !== actor.subject ? `via ${actor.client}` : null].filter(Boolean);
  return how.length ? `by ${actor.subject} (${how.join(', ')})` : `by ${actor.subject}`;
}

/** @returns the audit reply, or null when this query side has no audit trail to give */
export async function readAudit(binId) {
  try {
    return await api(organizationPath(`/bins/${encodeURIComponent(binId)}/audit?limit=${AUDIT_LIMIT}`));
  } catch (failure) {
    if (ABSENT.has(failure.status)) return null;
    return { failed: failure.status ?? 'no answer' };
  }
}

/**
 * The audit section: a heading and an ordered list (newest first) of when, what and who, the list
 * focusable so a keyboard scrolls it; data-* attributes name each entry's event and actor for tests.
 */
export function auditSection(element, audit, when) {
  const section = element('section', { 'data-section': 'audit', 'aria-labelledby': 'audit-title' },
    element('h4', { id: 'audit-title', text: 'Audit trail' }));
  if (audit === null) {
    section.append(element('p', { 'data-audit': 'none', text: 'No audit trail available.' }));
    return section;
  }
  if (audit.failed) {
    section.append(element('p', { 'data-audit': 'failed', text: `The audit trail could not be read (${audit.failed}).` }));
    return section;
  }
  const entries = audit.entries ?? [];
  if (!entries.length) {
    section.append(element('p', { 'data-audit': 'empty', text: 'No changes recorded yet.' }));
    return section;
  }
  section.append(element('ol', { class: 'audit', tabindex: '0', 'aria-label': 'Audit trail, newest first' },
    ...entries.map((entry) => element('li', { 'data-event': entry.event ?? '', 'data-actor': entry.actor?.subject ?? '' },
      element('time', { datetime: entry.occurredAt ?? '', text: when(entry.occurredAt) }),
      element('span', { class: 'audit-event', text: eventWords(entry.event) }),
      element('span', { class: 'audit-actor', text: actorWords(entry.actor) })))));
  if (audit.next) {
    section.append(element('p', { class: 'muted', text: `The ${entries.length} newest changes.` }));
  }
  return section;
}
