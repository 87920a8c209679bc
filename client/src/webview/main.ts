// The dashboard webview's script (bundled to dist/webview.js, loaded with the page's nonce). It draws
// what the extension sends (a DashboardModel: localised strings included) with DOM APIs only, and
// sends back requests that name things by index. Anything else that arrives is ignored and logged.
import { isToWebview, type DashboardModel, type FromWebview } from './messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function icon(name: string): HTMLElement {
  return el('i', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

function button(label: string, codicon: string, message: FromWebview, extra = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', class: `button ${extra}`.trim(), title: label }, icon(codicon), el('span', {}, label));
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

const SEVERITY_ICON: Record<string, string> = { critical: 'flame', high: 'error', medium: 'warning', low: 'info', info: 'lightbulb' };

function render(m: DashboardModel): void {
  const S = m.strings;
  document.documentElement.lang = m.lang;
  const root = document.getElementById('root');
  if (!root) return;
  root.replaceChildren();

  const tools = el('div', { class: 'toolbar' }, button(S.rescan, 'refresh', { type: 'rescan' }, 'secondary'), button(S.attest, 'verified', { type: 'attest' }, 'secondary'), button(S.export, 'export', { type: 'export' }));
  root.append(el('header', {}, el('div', {}, el('h1', {}, S.title), el('p', { class: 'subtitle' }, S.subtitle)), tools));

  // Requirement states per group: one stacked bar each, widths proportional to the group's requirements.
  const chart = el('section', { class: 'chart', 'aria-labelledby': 'chart-title' }, el('h2', { id: 'chart-title' }, S.chartTitle));
  const rows = el('div', { class: 'rows', role: 'list' });
  for (const g of m.groups) {
    const total = m.states.reduce((n, s) => n + g.counts[s.id], 0);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 100 10');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('class', 'bar');
    svg.setAttribute('role', 'img');
    const summary = m.states.filter((s) => g.counts[s.id] > 0).map((s) => `${s.label} ${g.counts[s.id]}`).join(', ');
    svg.setAttribute('aria-label', summary);
    let x = 0;
    for (const s of m.states) {
      const n = g.counts[s.id];
      if (n === 0 || total === 0) continue;
      const w = (100 * n) / total;
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', String(x));
      rect.setAttribute('y', '0');
      rect.setAttribute('width', String(w));
      rect.setAttribute('height', '10');
      rect.setAttribute('class', `s-${s.id}`);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${s.label}: ${n}`;
      rect.append(title);
      svg.append(rect);
      x += w;
    }
    rows.append(el('div', { class: 'row', role: 'listitem', title: summary }, el('span', { class: 'group' }, el('b', {}, g.label), ` ${g.title}`), svg, el('span', { class: 'total' }, `${total} ${S.requirements}`)));
  }
  chart.append(rows);
  const legend = el('ul', { class: 'legend', 'aria-label': S.chartLegend });
  for (const s of m.states) legend.append(el('li', {}, el('span', { class: `swatch s-${s.id}` }), s.label));
  chart.append(legend);
  root.append(chart);

  const findings = el('section', { class: 'findings', 'aria-labelledby': 'findings-title' }, el('h2', { id: 'findings-title' }, S.findingsTitle));
  if (m.findings.length === 0) findings.append(el('p', { class: 'empty' }, S.noFindings));
  const list = el('ol', { class: 'list' });
  m.findings.forEach((f, i) => {
    const actions = el('div', { class: 'actions' }, button(S.open, 'go-to-file', { type: 'open', finding: i }, 'secondary'));
    f.fixes.forEach((fix, j) => actions.append(button(fix.needsReview ? `${fix.title} (${S.needsReview})` : fix.title, fix.needsReview ? 'wand' : 'lightbulb-autofix', { type: 'fix', finding: i, fix: j })));
    list.append(
      el(
        'li',
        { class: `finding sev-${f.severity}` },
        el('div', { class: 'head' }, el('span', { class: 'severity' }, icon(SEVERITY_ICON[f.severity] ?? 'circle'), f.severityLabel), el('code', {}, f.ruleId), el('span', { class: 'location' }, f.location)),
        el('p', { class: 'message' }, f.message),
        actions,
      ),
    );
  });
  if (m.findings.length > 0) findings.append(list);
  root.append(findings);

  const att = el('section', { class: 'attestations', 'aria-labelledby': 'att-title' }, el('h2', { id: 'att-title' }, S.attestationsTitle));
  if (m.attestations.length === 0) att.append(el('p', { class: 'empty' }, S.noExpiring));
  const alist = el('ul', { class: 'list' });
  m.attestations.forEach((a, i) => {
    alist.append(
      el(
        'li',
        { class: `attestation ${a.expired ? 'expired' : 'expiring'}` },
        el('div', { class: 'head' }, icon(a.expired ? 'history' : 'clock'), el('b', {}, a.label), el('span', {}, a.owner), el('span', { class: 'when' }, a.text)),
        el('div', { class: 'actions' }, button(S.open, 'go-to-file', { type: 'openAttestation', attestation: i }, 'secondary')),
      ),
    );
  });
  if (m.attestations.length > 0) att.append(alist);
  root.append(att);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToWebview(event.data)) {
    console.warn('kamae dashboard: ignored a malformed message');
    return;
  }
  render(event.data.model);
});
vscode.postMessage({ type: 'ready' });
