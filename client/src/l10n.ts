// Client UI strings go through @vscode/l10n. English is the key; the Japanese bundle is
// l10n/bundle.l10n.ja.json (declared by package.json "l10n"). The language follows the `kamae.language`
// setting: `auto` is VS Code's display language, and `ja` gives Japanese in an English VS Code too
// (so the bundle is loaded here rather than taken only from vscode.l10n).
import * as fs from 'node:fs';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { resolveLanguage, type Lang, type LanguageSetting } from '../../server/src/protocol';

let current: Lang = 'en';

/** The language of the panel, the dashboard and reports: the setting, else VS Code's display language. */
export function uiLang(): Lang {
  return current;
}

/** Reads `kamae.language` and loads the matching bundle. Returns true when the language changed. */
export function initL10n(extensionUri: vscode.Uri): boolean {
  const setting = vscode.workspace.getConfiguration('kamae').get<LanguageSetting>('language', 'auto');
  const lang = resolveLanguage(setting === 'en' || setting === 'ja' ? setting : 'auto', vscode.env.language);
  const changed = lang !== current;
  current = lang;
  if (lang === 'en') {
    l10n.config({ contents: {} });
    return changed;
  }
  // VS Code already loaded the bundle when it runs in Japanese; otherwise read the shipped one.
  const bundle = vscode.l10n.bundle && resolveLanguage('auto', vscode.env.language) === lang ? vscode.l10n.bundle : readBundle(vscode.Uri.joinPath(extensionUri, 'l10n', `bundle.l10n.${lang}.json`).fsPath);
  l10n.config({ contents: bundle ?? {} });
  return changed;
}

function readBundle(file: string): Record<string, string> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}

export const t = l10n.t;
