// The language server's own words (code action titles, notices), in English and Japanese. Rule
// messages come from the engine; these are only what the adapter itself says.
import type { Lang, Text } from '../engine';

export const STRINGS = {
  needsReview: { en: '{title} (needs review)', ja: '{title} (要確認)' },
  fixAll: { en: 'Fix all safe Kamae problems in this file', ja: 'このファイルの安全に修正できる Kamae の問題をすべて修正' },
  suppressPrompt: { en: 'Suppress {rule} with a reason…', ja: '{rule} を理由付きで抑制…' },
  suppressPlaceholder: { en: 'Suppress {rule} (write the reason in place of the placeholder)', ja: '{rule} を抑制 (プレースホルダーを理由に書き換えてください)' },
  placeholderReason: { en: '<why this is acceptable>', ja: '<許容できる理由>' },
  suppressLabel: { en: 'Suppress {rule}', ja: '{rule} を抑制' },
  notEvaluated: { en: 'Kamae could not check this file: {reason}', ja: 'Kamae はこのファイルを検査できませんでした: {reason}' },
  fixLabel: { en: 'Kamae: {title}', ja: 'Kamae: {title}' },
  cannotCreate: { en: 'This editor cannot apply edits that create files.', ja: 'このエディターはファイルを作成する編集を適用できません。' },
} as const satisfies Record<string, Text>;

export function say(key: keyof typeof STRINGS, lang: Lang, data: Readonly<Record<string, string>> = {}): string {
  const template: string = STRINGS[key][lang];
  return template.replace(/\{([a-z]+)\}/g, (m, k: string) => data[k] ?? m);
}

/** 'ja', 'ja-JP'... -> Japanese; every other locale (or none) -> English. */
export function langOf(locale: string | undefined): Lang {
  return locale !== undefined && /^ja\b/i.test(locale) ? 'ja' : 'en';
}
