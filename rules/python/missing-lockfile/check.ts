// Flags pyproject.toml and Pipfile projects that declare dependencies but commit no lockfile.
import { dirname, fileCheck, findTomlLine, type ParsedFile } from '../../../server/src/engine/ruleApi';
import { isNonProjectPath } from '../_lib/python';

const LOCKS = ['uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile.lock', 'pylock.toml'];

export default fileCheck<'pyproject' | 'pipfile' | 'requirements-txt'>((ctx) => {
  // requirements files are named in rule.yaml so that a fully pinned one can stand in for a lock.
  if (ctx.file.kind === 'requirements-txt') return;
  const file = ctx.file as ParsedFile<'pyproject' | 'pipfile'>;
  if (isNonProjectPath(file.path)) return;
  const data = file.model.data;
  const deps = file.kind === 'pipfile' ? count(data.packages) + count(data['dev-packages']) : pyprojectDependencies(data);
  if (deps === 0) return;
  // The lock sits beside the manifest, or at a workspace root above it (uv and Poetry workspaces).
  let dir = dirname(file.path);
  for (;;) {
    const at = (n: string) => (dir === '' ? n : `${dir}/${n}`);
    if (LOCKS.some((n) => ctx.repo.has(at(n)))) return;
    if (dir === dirname(file.path) && pinnedRequirements(ctx.repo.filesOfKind('requirements-txt'), dir)) return;
    if (dir === '') break;
    dir = dirname(dir);
  }
  const table = file.kind === 'pipfile' ? 'packages' : data.project ? 'project' : 'tool.poetry.dependencies';
  const line = Math.max(0, findTomlLine(file.lines, table));
  ctx.report({ messageId: 'missing', at: file.lines.lineSpan(line), data: { path: file.path } });
});

function count(v: unknown): number {
  return v && typeof v === 'object' ? Object.keys(v).length : 0;
}

function pyprojectDependencies(data: Readonly<Record<string, unknown>>): number {
  const project = data.project as Record<string, unknown> | undefined;
  const tool = data.tool as Record<string, unknown> | undefined;
  const poetry = tool?.poetry as Record<string, unknown> | undefined;
  let n = Array.isArray(project?.dependencies) ? project.dependencies.length : 0;
  // Poetry lists the Python version among dependencies; it is not a package.
  const pd = poetry?.dependencies;
  if (pd && typeof pd === 'object') n += Object.keys(pd).filter((k) => k.toLowerCase() !== 'python').length;
  return n;
}

/** A requirements file beside the manifest whose every requirement is pinned with == (pip-compile output). */
function pinnedRequirements(files: readonly ParsedFile<'requirements-txt'>[], dir: string): boolean {
  return files.some((f) => {
    if (dirname(f.path) !== dir) return false;
    const reqs = f.model.lines.filter((l) => l.requirement?.name !== undefined && !l.requirement.editable && l.requirement.url === undefined);
    return reqs.length > 0 && reqs.every((l) => /^===?[^,*]+$/.test(l.requirement!.specifier));
  });
}
