// Which expression contexts an outsider controls. Values such as numbers, SHAs and ids are safe.
import type { Text } from '../../../server/src/engine/ruleApi';

const AUTHOR: Text = { en: 'whoever opens the issue or pull request', ja: 'Issue や Pull Request の作成者' };
const COMMENTER: Text = { en: 'anyone who can comment', ja: 'コメントできる誰も' };
const PUSHER: Text = { en: 'the author of the pushed commits', ja: 'push されたコミットの作成者' };
const BRANCH: Text = { en: 'whoever names the pull request branch', ja: 'Pull Request のブランチ名を付けた人' };
const WIKI: Text = { en: 'anyone who can edit the wiki', ja: 'Wiki を編集できる誰も' };
const EVENT: Text = { en: 'whoever triggers the event', ja: 'イベントを発生させた人' };

const RULES: readonly [RegExp, Text][] = [
  [/^github\.head_ref$/, BRANCH],
  [/^github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)$/, BRANCH],
  [/^github\.event\.workflow_run\.(head_branch|pull_requests\.\*\.head\.ref)$/, BRANCH],
  [/^github\.event\.(issue|pull_request|discussion)\.(title|body)$/, AUTHOR],
  [/^github\.event\.(comment|review|review_comment)\.body$/, COMMENTER],
  [/^github\.event\.pages\.\*\.page_name$/, WIKI],
  [/^github\.event\.(head_commit|commits\.\*|workflow_run\.head_commit)\.(message|author\.(email|name)|committer\.(email|name))$/, PUSHER],
  [/^github\.event\.workflow_run\.display_title$/, PUSHER],
  [/^github\.event\.(release\.(name|body)|milestone\.(title|description)|check_run\.output\.(title|summary|text))$/, EVENT],
  // Whole payload objects carry every field above.
  [/^github\.event(\.(issue|pull_request|comment|review|review_comment|discussion|head_commit|commits|workflow_run))?$/, EVENT],
];

/** Context paths in an expression: `github.event.issue.title`, with `[0]` and `['x']` normalised. */
export function contextPaths(inner: string): string[] {
  const out: string[] = [];
  const ident = /[A-Za-z_][\w-]*/y;
  const dotted = /\.[\w*-]+/y;
  const indexed = /\[[^\]]*\]/y;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === "'" || c === '"') {
      // Skip string literals: their contents are data, not contexts.
      const close = inner.indexOf(c, i + 1);
      i = close < 0 ? inner.length : close;
      continue;
    }
    if (!/[A-Za-z_]/.test(c) || (i > 0 && /[\w.-]/.test(inner[i - 1]!))) continue;
    ident.lastIndex = i;
    const head = ident.exec(inner);
    if (!head) continue;
    let end = i + head[0].length;
    // Consume .name and [index] segments one at a time (no nested quantifier).
    for (;;) {
      dotted.lastIndex = end;
      indexed.lastIndex = end;
      const m = dotted.exec(inner) ?? indexed.exec(inner);
      if (!m) break;
      end += m[0].length;
    }
    const path = inner
      .slice(i, end)
      .replace(/\[\s*(\d+|\*)\s*\]/g, '.*')
      .replace(/\[\s*'([^']*)'\s*\]/g, '.$1')
      .replace(/\[\s*"([^"]*)"\s*\]/g, '.$1')
      .replace(/\.\d+(?=\.|$)/g, '.*')
      .toLowerCase();
    out.push(path);
    i = end - 1;
  }
  return out;
}

/** Who controls the first dangerous context in an expression, or undefined when none is. */
export function attacker(inner: string): { path: string; who: Text } | undefined {
  for (const path of contextPaths(inner)) {
    for (const [re, who] of RULES) if (re.test(path)) return { path, who };
  }
  return undefined;
}

/** An environment variable name for a context path: github.event.issue.title -> ISSUE_TITLE. */
export function envName(path: string): string {
  const core = path
    .replace(/^github\.event\./, '')
    .replace(/^github\./, '')
    .replace(/pull_request/g, 'pr')
    .replace(/\.\*/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return core.toUpperCase() || 'UNTRUSTED_INPUT';
}
