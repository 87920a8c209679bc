// Flags npm lifecycle scripts that run at install time and download and execute remote code.
import { fileCheck, jsonAt, jsonEntries, jsonSpan, jsonString } from '../../../server/src/engine/ruleApi';

/** Scripts npm, yarn and pnpm run on `install` (prepare also runs for git dependencies). */
const INSTALL_SCRIPTS = new Set(['preinstall', 'install', 'postinstall', 'prepare']);

const FETCH = /\b(curl|wget|iwr|invoke-webrequest|invoke-restmethod|irm)\b/i;
// Piped straight into an interpreter: `curl ... | sh`, `iwr ... | iex`.
const PIPE_EXEC = /\|\s*(sudo\s+)?(sh|bash|zsh|dash|ksh|node|python3?|perl|ruby|iex|invoke-expression|pwsh|powershell)\b/i;
// Executed through substitution: `sh -c "$(curl ...)"`, `bash <(curl ...)`, `node -e "$(wget -qO- ...)"`.
const SUBST_EXEC = /\b(sh|bash|zsh|node|python3?)\b[^|;&]*(\$\(|<\(|`)\s*(curl|wget)\b/i;
// Downloaded to a file, then run in the same script: `curl -o x.sh ... && sh x.sh`, `chmod +x`.
const SAVE_THEN_RUN = /\b(curl|wget)\b[^;&|]*(-o\s*|-O\s*|--output[= ]|>\s*)([\w./-]+)[\s\S]*?(&&|;|\|\|)\s*(sudo\s+)?((sh|bash|node|python3?|chmod\s+\+x)\s+)?(\.\/)?\3\b/i;
// Node one-liners that fetch and evaluate.
const NODE_EVAL = /\bnode\s+(-e|--eval|-p)\b.*\b(https?\.get|fetch\(|require\(['"]https?['"]\)).*\b(eval|Function|exec|spawn|execSync)\b/i;

export default fileCheck<'package-json'>((ctx) => {
  for (const { key, value } of jsonEntries(jsonAt(ctx.file.model.root, 'scripts'))) {
    if (!INSTALL_SCRIPTS.has(key)) continue;
    const script = jsonString(value);
    if (script === undefined || !FETCH.test(script) && !NODE_EVAL.test(script)) continue;
    if (PIPE_EXEC.test(script) || SUBST_EXEC.test(script) || SAVE_THEN_RUN.test(script) || NODE_EVAL.test(script)) {
      ctx.report({ messageId: 'remote', at: jsonSpan(value), data: { script: key } });
    }
  }
});
