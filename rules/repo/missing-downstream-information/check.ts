// Strict-profile advice: tell users where to get support and where to find the SBOM the project publishes.
import { repoCheck, type FileKind } from '../../../server/src/engine/ruleApi';

const SUPPORT = /^\s*#{1,6}\s*(support|getting help|help|contact|community|questions|サポート|お問い合わせ|問い合わせ)\b/im;
const SBOM_MENTION = /\bSBOM\b|CycloneDX|SPDX|software bill of materials|ソフトウェア部品表/i;
const SBOM_FILE = /(^|\/)([^/]+\.cdx\.(json|xml)|bom\.(json|xml)|sbom\.[a-z]+|[^/]+\.spdx(\.[a-z]+)?)$/i;
const GENERATOR = /anchore\/sbom-action|\bsyft\b|cyclonedx|\bcdxgen\b|npm\s+sbom|\bkamae(?:@[^\s/]+)?\s+sbom\b|--sbom[=\s]|sbom-tool|actions\/attest-sbom/i;
const DOCS: readonly FileKind[] = ['readme', 'security-policy', 'support'];

export default repoCheck((ctx) => {
  const docs = DOCS.flatMap((k) => ctx.repo.filesOfKind(k));
  if (ctx.repo.pathsOfKind('readme').length === 0 && docs.length === 0) {
    ctx.notApplicable('no README, SECURITY.md or SUPPORT.md');
    return;
  }
  if (ctx.repo.pathsOfKind('support').length === 0 && !docs.some((d) => SUPPORT.test(d.text))) ctx.report({ messageId: 'noSupportContact' });
  const hasSbom = ctx.repo.pathsOfKind('sbom').length > 0 || ctx.repo.paths.some((p) => SBOM_FILE.test(p)) || ctx.repo.filesOfKind('github-workflow').some((w) => GENERATOR.test(w.text));
  if (hasSbom && !docs.some((d) => SBOM_MENTION.test(d.text))) ctx.report({ messageId: 'noSbomLocation' });
});
