// The self-assessment as one self-contained HTML page: no scripts, no remote resources, styles that
// print well on A4 (each group starts a page; tables do not split rows).
import type { Assessment } from './assessment';
import { labels, OUTCOME_TEXT, STATE_TEXT, STATES } from './assessment';

function h(s: string | number | undefined): string {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;margin:2rem auto;max-width:60rem;color:#1b1b1b;line-height:1.5}
h1{font-size:1.6rem;border-bottom:2px solid #333;padding-bottom:.3rem}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.05rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
td.n{text-align:right}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.state{display:inline-block;padding:0 .4rem;border-radius:.3rem;border:1px solid currentColor;font-size:.85rem;font-weight:600}
.met,.attested{color:#116329}.not-met,.attestation-expired{color:#a40e26}.partly-met,.needs-attestation{color:#8a5300}.not-applicable{color:#555}
.meta td:first-child{width:12rem;font-weight:600}.note{color:#444;border-left:3px solid #bbb;padding-left:.7rem}
ul.items{list-style:none;padding-left:0}
@media print{body{margin:0;max-width:none;font-size:10pt}section.group{break-before:page}table,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:15mm}
`;

export function assessmentToHtml(a: Assessment): string {
  const L = labels(a.lang, a.view);
  const state = (s: keyof typeof STATE_TEXT) => `<span class="state ${s}">${h(STATE_TEXT[s][a.lang])}</span>`;
  const o: string[] = [];
  o.push('<!DOCTYPE html>', `<html lang="${a.lang}">`, '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">');
  o.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  o.push(`<title>${h(L.heading)}: ${h(a.repository)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  o.push(`<h1>${h(L.heading)}: ${h(a.repository)}</h1>`);
  o.push('<table class="meta">');
  o.push(`<tr><td>${h(L.repository)}</td><td>${h(a.repository)}</td></tr><tr><td>${h(L.date)}</td><td>${h(a.date)}</td></tr>`);
  o.push(`<tr><td>${h(L.tool)}</td><td>Kamae ${h(a.tool.version)}</td></tr><tr><td>${h(L.profile)}</td><td>${h(a.profile)}</td></tr>`);
  o.push(`<tr><td>${h(L.guideline)}</td><td>${h(a.guideline.title)}${a.guideline.version ? ` (${h(a.guideline.version)})` : ''}</td></tr>`, '</table>');
  if (a.guideline.note) o.push(`<p class="note">${h(a.guideline.note)}</p>`);
  o.push(`<h2>${h(L.summary)}</h2>`, '<table>', `<tr><th>${h(L.group)}</th>${STATES.map((s) => `<th>${state(s)}</th>`).join('')}</tr>`);
  for (const g of a.groups) o.push(`<tr><td>${h(g.label)} ${h(g.title)}</td>${STATES.map((s) => `<td class="n">${g.counts[s]}</td>`).join('')}</tr>`);
  o.push('</table>');
  for (const g of a.groups) {
    o.push(`<section class="group" id="group-${h(g.id)}">`, `<h2>${h(g.label)} ${h(g.title)}${g.audience === 'customer' ? ` ${h(L.customer)}` : ''}</h2>`);
    if (g.responsibility !== undefined) o.push(`<p>${h(L.responsibility)}: ${h(g.responsibility)}</p>`);
    for (const q of g.requirements) {
      o.push(`<article id="req-${h(q.id)}">`, `<h3>${h(q.label)} ${h(q.title)} ${state(q.state)}</h3>`);
      if (q.description !== undefined) o.push(`<p>${h(q.description)}${q.evidenceBasis ? ` <small>(${h(L.basis)}: ${h(q.evidenceBasis === 'found-text' ? L.foundText : L.inferred)})</small>` : ''}</p>`);
      if (q.rules.length === 0) o.push(`<p>${h(L.evidence)}: ${h(L.noRules)}</p>`);
      else {
        o.push(`<table><tr><th>${h(L.rule)}</th><th>${h(L.outcome)}</th><th>${h(L.relation)}</th><th>${h(L.findings)}</th></tr>`);
        for (const r of q.rules) o.push(`<tr><td><code>${h(r.ruleId)}</code> ${h(r.title)}</td><td>${h(OUTCOME_TEXT[r.outcome][a.lang])}${r.detail ? ` (${h(r.detail)})` : ''}</td><td>${h(r.relation === 'full' ? L.full : L.partial)}</td><td class="n">${r.findings.filter((f) => !f.suppressed).length}</td></tr>`);
        o.push('</table>');
        const findings = q.rules.flatMap((r) => r.findings.map((f) => ({ r, f })));
        if (findings.length > 0) {
          o.push(`<table><tr><th>${h(L.rule)}</th><th>${h(L.file)}</th><th>${h(L.line)}</th><th>${h(L.severity)}</th><th>${h(L.message)}</th><th>${h(L.hash)}</th></tr>`);
          for (const { r, f } of findings) {
            const msg = f.suppressed ? `${h(f.message)} <em>(${h(L.suppressed)}: ${h(f.suppressed.reason)})</em>` : h(f.message);
            o.push(`<tr><td><code>${h(r.ruleId)}</code></td><td>${f.path !== undefined ? `<code>${h(f.path)}</code>` : h(L.repositoryLevel)}</td><td class="n">${h(f.line)}</td><td>${h(f.severity)}</td><td>${msg}</td><td><code>${h(f.sha256?.slice(0, 16))}</code></td></tr>`);
          }
          o.push('</table>');
        }
      }
      if (q.attestationItems.length > 0) {
        o.push(`<p>${h(L.items)}:</p><ul class="items">`);
        for (const i of q.attestationItems) o.push(`<li>${i.attested ? '☑' : '☐'} ${h(i.id)} ${h(i.title)} (${h(i.attested ? L.attested : L.notAttested)})</li>`);
        o.push('</ul>');
      }
      if (q.attestations.length > 0) {
        o.push(`<table><tr><th>${h(L.attestations)}</th><th>${h(L.owner)}</th><th>${h(L.evidenceLink)}</th><th>${h(L.on)}</th><th>${h(L.expires)}</th><th>${h(L.status)}</th></tr>`);
        for (const e of q.attestations) o.push(`<tr><td>${h(e.item ?? q.id)}</td><td>${h(e.owner)}</td><td>${h(e.evidence)}</td><td>${h(e.date)}</td><td>${h(e.expires)}</td><td>${h(e.status === 'valid' ? L.valid : L.expired)}</td></tr>`);
        o.push('</table>');
      }
      o.push('</article>');
    }
    o.push('</section>');
  }
  o.push(`<section><h2>${h(L.suppressions)}</h2>`);
  if (a.suppressions.length === 0) o.push(`<p>${h(L.none)}</p>`);
  else {
    o.push(`<table><tr><th>${h(L.rule)}</th><th>${h(L.file)}</th><th>${h(L.line)}</th><th>${h(L.reason)}</th><th>${h(L.expires)}</th></tr>`);
    for (const s of a.suppressions) o.push(`<tr><td><code>${h(s.ruleId)}</code></td><td>${s.path !== undefined ? `<code>${h(s.path)}</code>` : h(L.repositoryLevel)}</td><td class="n">${h(s.line)}</td><td>${h(s.reason)}</td><td>${h(s.expires)}</td></tr>`);
    o.push('</table>');
  }
  o.push('</section>', `<section><h2>${h(L.notEvaluated)}</h2>`);
  if (a.notEvaluated.length === 0) o.push(`<p>${h(L.none)}</p>`);
  else o.push(`<ul>${a.notEvaluated.map((f) => `<li><code>${h(f.path)}</code>: ${h(f.reason)}</li>`).join('')}</ul>`);
  o.push('</section>', `<section><h2>${h(L.files)}</h2><table><tr><th>${h(L.file)}</th><th>${h(L.kind)}</th><th>${h(L.hash)}</th></tr>`);
  for (const f of a.files) o.push(`<tr><td><code>${h(f.path)}</code></td><td>${h(f.kind)}</td><td><code>${h(f.sha256)}</code></td></tr>`);
  o.push('</table></section>', '</body>', '</html>');
  return `${o.join('\n')}\n`;
}
