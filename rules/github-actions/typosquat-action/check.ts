// Flags `uses:` of an action whose owner is one typing mistake away from the owner of a popular
// action with the same (or nearly the same) repository name: `actoins/checkout`, `dokcer/login-action`.
import { fileCheck } from '../../../server/src/engine/ruleApi';
import { onceEach, parseUses, readWorkflow, type WfValue } from '../_lib/workflow';

/** Widely used actions (owner/repo, lowercase). */
const POPULAR = [
  'actions/checkout', 'actions/setup-node', 'actions/setup-python', 'actions/setup-java', 'actions/setup-go', 'actions/setup-dotnet', 'actions/cache',
  'actions/upload-artifact', 'actions/download-artifact', 'actions/github-script', 'actions/labeler', 'actions/stale', 'actions/create-release',
  'actions/upload-release-asset', 'actions/deploy-pages', 'actions/configure-pages', 'actions/upload-pages-artifact', 'actions/dependency-review-action',
  'actions/attest-build-provenance', 'actions/first-interaction', 'actions/add-to-project', 'actions/create-github-app-token',
  'github/codeql-action', 'github/super-linter', 'docker/login-action', 'docker/build-push-action', 'docker/setup-buildx-action', 'docker/setup-qemu-action',
  'docker/metadata-action', 'aws-actions/configure-aws-credentials', 'aws-actions/amazon-ecr-login', 'azure/login', 'azure/webapps-deploy',
  'azure/setup-helm', 'azure/setup-kubectl', 'google-github-actions/auth', 'google-github-actions/setup-gcloud', 'hashicorp/setup-terraform',
  'softprops/action-gh-release', 'peaceiris/actions-gh-pages', 'jamesives/github-pages-deploy-action', 'peter-evans/create-pull-request',
  'peter-evans/create-or-update-comment', 'codecov/codecov-action', 'golangci/golangci-lint-action', 'goreleaser/goreleaser-action',
  'pypa/gh-action-pypi-publish', 'dtolnay/rust-toolchain', 'swatinem/rust-cache', 'ruby/setup-ruby', 'shivammathur/setup-php', 'gradle/actions',
  'pnpm/action-setup', 'oven-sh/setup-bun', 'denoland/setup-deno', 'astral-sh/setup-uv', 'tj-actions/changed-files', 'dorny/paths-filter',
  'stefanzweifel/git-auto-commit-action', 'sigstore/cosign-installer', 'anchore/sbom-action', 'anchore/scan-action', 'aquasecurity/trivy-action',
  'ossf/scorecard-action', 'step-security/harden-runner', 'slackapi/slack-github-action', 'cypress-io/github-action', 'changesets/action',
  'release-drafter/release-drafter', 'googleapis/release-please-action', 'crazy-max/ghaction-import-gpg', 'webfactory/ssh-agent', 'appleboy/ssh-action',
  'marocchino/sticky-pull-request-comment', 'amannn/action-semantic-pull-request', 'subosito/flutter-action', 'microsoft/setup-msbuild',
  'dependabot/fetch-metadata', 'mikepenz/action-junit-report', 'nick-fields/retry', 'actions-rust-lang/setup-rust-toolchain', 'jdx/mise-action',
].map((p) => p.split('/') as [string, string]);
const OWNERS = new Set(POPULAR.map(([o]) => o));

export default fileCheck<'github-workflow' | 'github-action'>((ctx) => {
  const report = onceEach(ctx);
  const wf = readWorkflow(ctx.file);
  if (!wf) return;
  const uses: WfValue[] = [...wf.jobs.flatMap((j) => (j.uses ? [j.uses] : [])), ...wf.allSteps.flatMap((s) => (s.step.uses ? [s.step.uses] : []))];
  for (const u of uses) {
    const ref = parseUses(u);
    if (ref.type !== 'repo') continue;
    const owner = ref.owner.toLowerCase();
    const repo = ref.repo.toLowerCase();
    if (OWNERS.has(owner) || owner.length < 4) continue;
    const match = POPULAR.find(([o, r]) => (r === repo || (repo.length >= 6 && distance(r, repo) <= 1)) && lookalike(owner, o));
    if (!match) continue;
    const popular = match.join('/');
    // The fix rewrites owner/repo in place, keeping the path and ref.
    const offset = ctx.file.text.indexOf(`${ref.owner}/${ref.repo}`, u.span.start);
    const fixes = offset >= 0 && offset < u.span.end ? [{ fixId: 'usePopular', safety: 'needs-review' as const, edits: [{ span: { start: offset, end: offset + ref.owner.length + 1 + ref.repo.length }, newText: popular }], data: { popular } }] : [];
    report({ messageId: 'typosquat', at: u.span, data: { uses: `${ref.owner}/${ref.repo}`, popular }, fixes });
  }
});

/** Owners that read the same after common keyboard slips and character swaps. */
function lookalike(a: string, b: string): boolean {
  if (a === b) return false;
  const na = normalise(a);
  const nb = normalise(b);
  if (na === nb) return true;
  return Math.min(a.length, b.length) >= 4 && (distance(a, b) <= 1 || distance(na, nb) <= 1);
}

function normalise(s: string): string {
  return s.replace(/0/g, 'o').replace(/[1l|]/g, 'i').replace(/3/g, 'e').replace(/5/g, 's').replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[-_.]/g, '');
}

/** Damerau-Levenshtein distance (adjacent transpositions count as one edit), capped at 2. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
