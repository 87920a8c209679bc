// The self-assessment as Markdown: one section per group, one per requirement, tables of evidence.
import type { Assessment } from './assessment';
import { labels, OUTCOME_TEXT, STATE_TEXT, STATES } from './assessment';

/** Escapes text for a Markdown table cell or inline position. */
function md(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/([*_`<>[\]])/g, '\\$1');
}

export function assessmentToMarkdown(a: Assessment): string {
  const L = labels(a.lang, a.view);
  const st = (s: keyof typeof STATE_TEXT) => STATE_TEXT[s][a.lang];
  const out: string[] = [];
  out.push(`# ${L.heading}: ${md(a.repository)}`, '');
  out.push(`| | |`, `|---|---|`);
  out.push(`| ${L.repository} | ${md(a.repository)} |`, `| ${L.date} | ${a.date} |`, `| ${L.tool} | Kamae ${a.tool.version} |`, `| ${L.profile} | ${a.profile} |`);
  out.push(`| ${L.guideline} | ${md(a.guideline.title)}${a.guideline.version ? ` (${md(a.guideline.version)})` : ''} |`, '');
  if (a.guideline.note) out.push(`> ${md(a.guideline.note)}`, '');
  out.push(`## ${L.summary}`, '');
  out.push(`| ${L.group} | ${STATES.map(st).join(' | ')} |`, `|---|${STATES.map(() => '---:').join('|')}|`);
  for (const g of a.groups) out.push(`| ${g.label} ${md(g.title)} | ${STATES.map((s) => g.counts[s]).join(' | ')} |`);
  out.push('');
  for (const g of a.groups) {
    out.push(`## ${g.label} ${md(g.title)}${g.audience === 'customer' ? ` ${L.customer}` : ''}`, '');
    if (g.responsibility !== undefined) out.push(`${L.responsibility}: ${md(g.responsibility)}`, '');
    for (const q of g.requirements) {
      out.push(`### ${q.label} ${md(q.title)}: ${st(q.state)}`, '');
      if (q.description !== undefined) out.push(`${md(q.description)}${q.evidenceBasis ? ` (${L.basis}: ${q.evidenceBasis === 'found-text' ? L.foundText : L.inferred})` : ''}`, '');
      if (q.rules.length === 0) out.push(`${L.evidence}: ${L.noRules}`, '');
      else {
        out.push(`${L.evidence}:`, '', `| ${L.rule} | ${L.outcome} | ${L.relation} | ${L.findings} |`, '|---|---|---|---:|');
        for (const r of q.rules) out.push(`| \`${r.ruleId}\` ${md(r.title)} | ${OUTCOME_TEXT[r.outcome][a.lang]}${r.detail ? ` (${md(r.detail)})` : ''} | ${r.relation === 'full' ? L.full : L.partial} | ${r.findings.filter((f) => !f.suppressed).length} |`);
        out.push('');
        const findings = q.rules.flatMap((r) => r.findings.map((f) => ({ r, f })));
        if (findings.length > 0) {
          out.push(`| ${L.rule} | ${L.file} | ${L.line} | ${L.severity} | ${L.message} | ${L.hash} |`, '|---|---|---:|---|---|---|');
          for (const { r, f } of findings) {
            const msg = f.suppressed ? `${md(f.message)} (${L.suppressed}: ${md(f.suppressed.reason)})` : md(f.message);
            out.push(`| \`${r.ruleId}\` | ${f.path !== undefined ? `\`${md(f.path)}\`` : L.repositoryLevel} | ${f.line ?? ''} | ${f.severity} | ${msg} | ${f.sha256 ? `\`${f.sha256.slice(0, 16)}\`` : ''} |`);
          }
          out.push('');
        }
      }
      if (q.attestationItems.length > 0) {
        out.push(`${L.items}:`, '');
        for (const i of q.attestationItems) out.push(`- ${i.attested ? '☑' : '☐'} ${i.id} ${md(i.title)} (${i.attested ? L.attested : L.notAttested})`);
        out.push('');
      }
      if (q.attestations.length > 0) {
        out.push(`| ${L.attestations} | ${L.owner} | ${L.evidenceLink} | ${L.on} | ${L.expires} | ${L.status} |`, '|---|---|---|---|---|---|');
        for (const e of q.attestations) out.push(`| ${e.item ?? q.id} | ${md(e.owner)} | ${md(e.evidence)} | ${e.date} | ${e.expires ?? ''} | ${e.status === 'valid' ? L.valid : L.expired} |`);
        out.push('');
      }
    }
  }
  out.push(`## ${L.suppressions}`, '');
  if (a.suppressions.length === 0) out.push(L.none, '');
  else {
    out.push(`| ${L.rule} | ${L.file} | ${L.line} | ${L.reason} | ${L.expires} |`, '|---|---|---:|---|---|');
    for (const s of a.suppressions) out.push(`| \`${s.ruleId}\` | ${s.path !== undefined ? `\`${md(s.path)}\`` : L.repositoryLevel} | ${s.line ?? ''} | ${md(s.reason)} | ${s.expires ?? ''} |`);
    out.push('');
  }
  out.push(`## ${L.notEvaluated}`, '');
  if (a.notEvaluated.length === 0) out.push(L.none, '');
  else for (const f of a.notEvaluated) out.push(`- \`${md(f.path)}\`: ${md(f.reason)}`);
  if (a.notEvaluated.length > 0) out.push('');
  out.push(`## ${L.files}`, '', `| ${L.file} | ${L.kind} | ${L.hash} |`, '|---|---|---|');
  for (const f of a.files) out.push(`| \`${md(f.path)}\` | ${f.kind} | \`${f.sha256 ?? ''}\` |`);
  return `${out.join('\n')}\n`;
}
