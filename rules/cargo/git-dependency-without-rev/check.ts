// Flags Cargo git dependencies that follow a branch or tag instead of a fixed `rev`.
import { fileCheck } from '../../../server/src/engine/ruleApi';

interface GitDep {
  readonly name: string;
  readonly git: string;
  readonly ref: 'branch' | 'tag' | 'default';
  readonly refValue: string;
}

export default fileCheck<'cargo-toml'>((ctx) => {
  const data = ctx.file.model.data;
  const deps: GitDep[] = [];
  const collect = (table: unknown) => {
    if (!table || typeof table !== 'object') return;
    for (const [name, spec] of Object.entries(table as Record<string, unknown>)) {
      if (!spec || typeof spec !== 'object') continue;
      const s = spec as Record<string, unknown>;
      if (typeof s.git !== 'string' || typeof s.rev === 'string') continue;
      if (typeof s.tag === 'string') deps.push({ name, git: s.git, ref: 'tag', refValue: s.tag });
      else deps.push({ name, git: s.git, ref: typeof s.branch === 'string' ? 'branch' : 'default', refValue: typeof s.branch === 'string' ? s.branch : '' });
    }
  };
  const sections = ['dependencies', 'dev-dependencies', 'build-dependencies', 'dev_dependencies', 'build_dependencies'];
  for (const k of sections) collect(data[k]);
  const target = data.target;
  if (target && typeof target === 'object') for (const t of Object.values(target as Record<string, unknown>)) if (t && typeof t === 'object') for (const k of sections) collect((t as Record<string, unknown>)[k]);
  collect((data.workspace as Record<string, unknown> | undefined)?.dependencies);
  // Locate each by its URL, in file order (the TOML model carries no positions).
  const text = ctx.file.text;
  const next = new Map<string, number>();
  for (const d of deps) {
    const i = text.indexOf(d.git, next.get(d.git) ?? 0);
    next.set(d.git, i < 0 ? text.length : i + d.git.length);
    const at = i < 0 ? undefined : { start: i, end: i + d.git.length };
    ctx.report({ messageId: d.ref === 'tag' ? 'tag' : 'floating', ...(at ? { at } : {}), data: { name: d.name, git: d.git, ref: d.ref === 'default' ? 'the default branch' : d.refValue } });
  }
});
