// Checks that the repository commits an SBOM or generates one in a workflow.
import { repoCheck, type FileKind } from '../../../server/src/engine/ruleApi';
import { repoFacts } from '../_lib/facts';
import { sbomWorkflow } from '../_lib/templates';

const MANIFESTS: readonly FileKind[] = ['package-json', 'requirements-txt', 'pyproject', 'pipfile', 'go-mod', 'pom-xml', 'gradle', 'cargo-toml', 'dockerfile'];
/** SBOM file names from the CycloneDX and SPDX conventions, beyond the JSON ones detected as `sbom`. */
const SBOM_FILE = /(^|\/)([^/]+\.cdx\.(json|xml)|bom\.(json|xml)|sbom\.(json|xml|spdx)|[^/]+\.spdx(\.(json|ya?ml|rdf|xml))?)$/i;
/** Generators a workflow may run: syft/anchore, the CycloneDX family, cdxgen, npm sbom, Kamae's own `kamae sbom` (also via npx, versioned), trivy, docker buildx --sbom, Microsoft sbom-tool. */
const GENERATOR = /anchore\/sbom-action|\bsyft\b|cyclonedx|\bcdxgen\b|npm\s+sbom|\bkamae(?:@[^\s/]+)?\s+sbom\b|spdx-sbom-generator|--sbom[=\s]|sbom:\s*true|\btrivy\b[^\n]*--format[=\s]+(cyclonedx|spdx)|microsoft\/sbom|sbom-tool|advanced-security\/(sbom|spdx)|actions\/attest-sbom/i;

const WORKFLOW_PATH = '.github/workflows/sbom.yml';

export default repoCheck((ctx) => {
  const manifests = MANIFESTS.flatMap((k) => ctx.repo.pathsOfKind(k));
  if (manifests.length === 0) {
    ctx.notApplicable('no package manifests or Dockerfiles to describe');
    return;
  }
  if (ctx.repo.pathsOfKind('sbom').length > 0 || ctx.repo.paths.some((p) => SBOM_FILE.test(p))) return;
  if (ctx.repo.filesOfKind('github-workflow').some((w) => GENERATOR.test(w.text))) return;
  // Offer a release workflow that generates one, unless a file already sits where it would go.
  const workflow = ctx.repo.has(WORKFLOW_PATH) ? undefined : sbomWorkflow(repoFacts(ctx.repo));
  ctx.report({ messageId: 'missing', fixes: workflow ? [{ fixId: 'createWorkflow', safety: 'needs-review', edits: [{ path: WORKFLOW_PATH, create: workflow }] }] : [] });
});
