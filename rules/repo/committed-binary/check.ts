// Flags compiled binaries and archives of compiled code committed to the repository.
import { basename, repoCheck } from '../../../server/src/engine/ruleApi';

/** Extensions of compiled code (Scorecard's Binary-Artifacts list, trimmed to what cannot be reviewed). */
const BINARY = /\.(exe|dll|so|dylib|jar|war|ear|class|pyc|pyo|whl|egg|wasm|a|o|lib|elf|msi|deb|rpm|apk|aab|ipa|dex)$/i;
const WRAPPER_JAR = /(^|\/)gradle\/wrapper\/gradle-wrapper\.jar$/;
const WRAPPER_VALIDATION = /gradle\/(actions\/wrapper-validation|wrapper-validation-action)@/;

export default repoCheck((ctx) => {
  // .so.1.2.3 style versioned libraries count too.
  const binaries = ctx.repo.paths.filter((p) => BINARY.test(p) || /\.so\.[0-9.]+$/.test(p));
  if (binaries.length === 0) return;
  const validated = ctx.repo.filesOfKind('github-workflow').some((w) => WRAPPER_VALIDATION.test(w.text));
  for (const path of binaries) {
    if (WRAPPER_JAR.test(path)) {
      if (!validated) ctx.report({ messageId: 'gradleWrapper', path, data: { path } });
      continue;
    }
    ctx.report({ messageId: 'binary', path, data: { path, name: basename(path) } });
  }
});
