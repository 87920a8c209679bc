// Client UI strings go through @vscode/l10n, fed with the bundle VS Code loaded for the display
// language (l10n/bundle.l10n.<lang>.json, declared by package.json "l10n"). English is the key.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function initL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}

export const t = l10n.t;
