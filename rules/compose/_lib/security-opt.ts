// Reading `security_opt` entries, which Docker accepts as `name:value` or `name=value`.
import { nodeSpan, scalarText, yamlItems, type Span, type YamlNode } from '../../../server/src/engine/ruleApi';
import { field, type Service } from './service';

export interface SecurityOpt {
  readonly name: string;
  readonly value: string;
  readonly node: YamlNode;
  readonly span: Span;
}

export function securityOpts(svc: Service): SecurityOpt[] {
  const out: SecurityOpt[] = [];
  for (const item of yamlItems(field(svc, 'security_opt')?.value)) {
    const raw = scalarText(item);
    const span = nodeSpan(item);
    if (raw === undefined || !span) continue;
    const m = /^\s*([A-Za-z-]+)\s*(?:[:=]\s*(.*))?$/.exec(raw);
    if (!m) continue;
    out.push({ name: m[1]!.toLowerCase(), value: (m[2] ?? '').trim(), node: item, span });
  }
  return out;
}
