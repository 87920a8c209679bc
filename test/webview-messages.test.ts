// The dashboard's messages (client/src/webview/messages.ts): each side accepts only well-formed
// messages of the types it knows; anything else is ignored.
import * as assert from 'node:assert/strict';
import { DASHBOARD_STRINGS, isFromWebview, isToWebview, type DashboardModel } from '../client/src/webview/messages';

const strings = Object.fromEntries(DASHBOARD_STRINGS.map((k) => [k, k])) as DashboardModel['strings'];
const counts = { met: 1, 'not-met': 0, 'partly-met': 0, 'not-applicable': 0, 'needs-attestation': 2, attested: 0, 'attestation-expired': 0 };
const model: DashboardModel = {
  lang: 'ja',
  strings,
  repository: 'r',
  states: [{ id: 'met', label: '充足' }],
  groups: [{ label: '(1)', title: 't', counts }],
  findings: [{ ruleId: 'a/b', severity: 'high', severityLabel: '高', message: 'm', location: 'x:1', fixes: [{ title: 'f', needsReview: true }] }],
  attestations: [{ label: 'A1', owner: 'o', expires: '2026-01-01', expired: true, days: -3, text: 'x' }],
};

describe('dashboard messages', () => {
  it('accepts each message the webview may send, and nothing else', () => {
    for (const m of [{ type: 'ready' }, { type: 'attest' }, { type: 'export' }, { type: 'rescan' }, { type: 'open', finding: 0 }, { type: 'fix', finding: 2, fix: 1 }, { type: 'openAttestation', attestation: 3 }]) assert.ok(isFromWebview(m), JSON.stringify(m));
    for (const m of [
      null,
      'ready',
      [],
      {},
      { type: 'delete' },
      { type: 'ready', extra: 1 },
      { type: 'open' },
      { type: 'open', finding: -1 },
      { type: 'open', finding: 1.5 },
      { type: 'open', finding: '1' },
      { type: 'fix', finding: 0 },
      { type: 'fix', finding: 0, fix: 0, edit: { changes: {} } },
      { type: 'openAttestation', attestation: 1e9 },
      { type: 'open', path: '/etc/passwd' },
    ]) assert.ok(!isFromWebview(m), JSON.stringify(m));
  });

  it('accepts a complete model only', () => {
    assert.ok(isToWebview({ type: 'model', model }));
    assert.ok(!isToWebview({ type: 'model', model, script: 'x' }));
    assert.ok(!isToWebview({ type: 'html', model }));
    const { title: _dropped, ...fewer } = strings;
    assert.ok(!isToWebview({ type: 'model', model: { ...model, strings: fewer } }), 'every string is required');
    assert.ok(!isToWebview({ type: 'model', model: { ...model, lang: 'fr' } }));
    assert.ok(!isToWebview({ type: 'model', model: { ...model, groups: [{ label: '(1)', title: 't', counts: { met: 1 } }] } }));
    assert.ok(!isToWebview({ type: 'model', model: { ...model, findings: [{ ...model.findings[0], severity: 'severe' }] } }));
    assert.ok(!isToWebview({ type: 'model', model: { ...model, states: [{ id: 'great', label: 'x' }] } }));
    assert.ok(!isToWebview({ type: 'model', model: { ...model, attestations: [{ ...model.attestations[0], days: '3' }] } }));
  });
});
