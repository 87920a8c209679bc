// Commands and actions that publish artifacts: to registries that support trusted publishing (for
// long-lived-publish-token) and, more broadly, anything that releases (for release-cache-poisoning).
import { optionValue, type ScriptCommand } from './scripts';
import { actionRepo, isFalsy, stepInput, type WfStep } from './workflow';

const NPM_HOST = /registry\.npmjs\.org/i;

/** The registry a command publishes to, when that registry supports trusted publishing. */
export function trustedPublishTarget(c: ScriptCommand, npmRegistry: string | undefined): { readonly registry: string } | undefined {
  const [n = '', sub = '', ...rest] = c.argv;
  const name = n.toLowerCase().replace(/\.exe$/, '');
  const args = [sub, ...rest];
  if (args.includes('--dry-run') || (args.includes('-n') && name === 'cargo')) return undefined;
  if ((name === 'npm' || name === 'pnpm' || name === 'bun' || name === 'yarn') && sub === 'publish') {
    const registry = optionValue(rest, ['--registry']) ?? npmRegistry;
    if (registry && !NPM_HOST.test(registry)) return undefined;
    return { registry: 'npm' };
  }
  if (name === 'twine' && sub === 'upload') {
    const url = optionValue(rest, ['--repository-url']);
    const repo = optionValue(rest, ['-r', '--repository']);
    if ((url && !/pypi\.org/i.test(url)) || (repo && !/^(pypi|testpypi)$/i.test(repo))) return undefined;
    return { registry: 'PyPI' };
  }
  if ((name === 'uv' || name === 'pdm' || name === 'hatch' || name === 'flit' || name === 'poetry') && sub === 'publish') {
    const url = optionValue(rest, ['--publish-url', '--repository-url', '--repository', '-r', '--repo']);
    if (url && !/pypi/i.test(url)) return undefined;
    return { registry: 'PyPI' };
  }
  if (name === 'gem' && sub === 'push') {
    const host = optionValue(rest, ['--host']);
    if (host && !/rubygems\.org/i.test(host)) return undefined;
    return { registry: 'RubyGems.org' };
  }
  if (name === 'cargo' && sub === 'publish') {
    if (optionValue(rest, ['--registry', '--index']) !== undefined) return undefined;
    return { registry: 'crates.io' };
  }
  if ((name === 'dotnet' && sub === 'nuget' && rest[0] === 'push') || (name === 'nuget' && sub === 'push')) {
    const source = optionValue(rest, ['--source', '-s', '-Source', '-source']);
    if (source && !/nuget\.org/i.test(source)) return undefined;
    return { registry: 'NuGet.org' };
  }
  return undefined;
}

/** Actions that publish what the job built (releases, packages, images, deployments). */
const PUBLISHER_ACTIONS = new Set([
  'pypa/gh-action-pypi-publish', 'rubygems/release-gem', 'jreleaser/release-action', 'goreleaser/goreleaser-action', 'softprops/action-gh-release',
  'ncipollo/release-action', 'release-drafter/release-drafter', 'googleapis/release-please-action', 'google-github-actions/release-please-action',
  'redhat-actions/push-to-registry', 'js-devtools/npm-publish', 'changesets/action', 'aws-actions/amazon-ecs-deploy-task-definition',
  'aws-actions/aws-cloudformation-github-deploy', 'azure/aci-deploy', 'azure/container-apps-deploy-action', 'azure/functions-action', 'azure/webapps-deploy',
  'cloudflare/wrangler-action', 'google-github-actions/deploy-appengine', 'google-github-actions/deploy-cloudrun', 'google-github-actions/deploy-cloud-functions',
  'actions/deploy-pages', 'peaceiris/actions-gh-pages', 'jamesives/github-pages-deploy-action',
]);

export function isPublisherStep(step: WfStep): boolean {
  const repo = actionRepo(step.uses);
  if (!repo) return false;
  if (repo === 'docker/build-push-action') {
    const push = stepInput(step, 'push');
    const outputs = stepInput(step, 'outputs')?.value ?? '';
    return (push !== undefined && !isFalsy(push.value)) || /type=registry|push=true/.test(outputs);
  }
  return PUBLISHER_ACTIONS.has(repo);
}

/** A command that publishes or releases something. */
export function isPublishCommand(c: ScriptCommand): boolean {
  if (trustedPublishTarget(c, undefined)) return true;
  const [n = '', sub = '', third = ''] = c.argv.map((a) => a.toLowerCase());
  if ((n === 'docker' || n === 'podman' || n === 'buildah') && sub === 'push') return true;
  if (n === 'docker' && sub === 'buildx' && third === 'build' && c.argv.includes('--push')) return true;
  if (n === 'gh' && sub === 'release' && (third === 'create' || third === 'upload')) return true;
  if (n === 'goreleaser' && (sub === 'release' || sub === '')) return true;
  if ((n === 'mvn' || n === './mvnw' || n === 'mvnw') && c.argv.some((a) => a === 'deploy')) return true;
  if ((n === 'gradle' || n === './gradlew' || n === 'gradlew') && c.argv.some((a) => /^publish/.test(a))) return true;
  if (n === 'npm' && sub === 'publish') return true;
  return false;
}
