// Rules the engine reports itself: problems with Kamae's own configuration and suppressions.
// Their metadata lives here, beside the code that reports them, and joins the catalogue in every report.
import { BUILTIN, type RuleMeta } from './catalog';

const common = {
  scope: 'file',
  kinds: ['kamae-config'],
  confidence: 'high',
  lifecycle: 'stable',
  profiles: ['recommended', 'strict'],
  network: false,
  fix: 'none',
  builtin: true,
  references: [{ source: 'meti-cip', ref: '4-3', relation: 'partial' }],
} as const;

export const BUILTIN_RULES: readonly RuleMeta[] = [
  {
    ...common,
    id: BUILTIN.invalidConfig,
    severity: 'medium',
    title: { en: 'Kamae configuration is invalid', ja: 'Kamae の設定が不正です' },
    messages: { problem: { en: 'Configuration problem: {problem}', ja: '設定の問題: {problemJa}' } },
    rationale: {
      en: 'A mistyped key or value in .kamae.yaml is ignored, so a setting the team relies on (an allow-list, a disabled rule, a suppression) silently does nothing.',
      ja: '.kamae.yaml のキーや値の誤りは無視されるため、チームが前提としている設定 (許可リスト、無効化したルール、抑制) が黙って効かなくなります。',
    },
    remediation: {
      en: 'Correct the key or value named in the message. The schema of .kamae.yaml is listed in the README under "Configuration".',
      ja: 'メッセージが示すキーまたは値を修正してください。.kamae.yaml のスキーマは README の「Configuration」にあります。',
    },
  },
  {
    ...common,
    id: BUILTIN.invalidSuppression,
    severity: 'medium',
    title: { en: 'Suppression is missing a reason or names an unknown rule', ja: '抑制コメントに理由がないか、不明なルールを指定しています' },
    messages: {
      noReason: { en: 'Suppression of {rule} has no reason; write "kamae-ignore {rule}: <why this is acceptable>"', ja: '{rule} の抑制に理由がありません。「kamae-ignore {rule}: <許容できる理由>」と書いてください' },
      noReasonConfig: { en: 'Suppression of {rule} has no reason; replace the reason with why this is acceptable', ja: '{rule} の抑制に理由がありません。reason に許容できる理由を書いてください' },
      unknownRule: { en: 'Suppression names unknown rule "{rule}"', ja: '抑制コメントが不明なルール "{rule}" を指定しています' },
      badDate: { en: 'Suppression expiry "{date}" is not a valid date (write YYYY-MM-DD)', ja: '抑制の期限 "{date}" は有効な日付ではありません (YYYY-MM-DD 形式で書いてください)' },
      malformed: { en: 'Suppression comment could not be read; write "kamae-ignore <rule-id> [until YYYY-MM-DD]: <reason>"', ja: '抑制コメントを解釈できません。「kamae-ignore <ルールID> [until YYYY-MM-DD]: <理由>」と書いてください' },
    },
    rationale: {
      en: 'A suppression records an accepted risk. Without a reason nobody can later judge whether the acceptance still holds, so Kamae does not honour it.',
      ja: '抑制は受容したリスクの記録です。理由がなければ後から受容が妥当か判断できないため、Kamae はその抑制を適用しません。',
    },
    remediation: {
      en: 'Write the rule id and a reason: "# kamae-ignore <rule-id>: <reason>", optionally with "until YYYY-MM-DD" before the colon.',
      ja: 'ルール ID と理由を書いてください: 「# kamae-ignore <ルールID>: <理由>」。必要ならコロンの前に「until YYYY-MM-DD」を付けます。',
    },
  },
  {
    ...common,
    id: BUILTIN.expiredSuppression,
    severity: 'medium',
    title: { en: 'Suppression has expired', ja: '抑制の期限が切れています' },
    messages: {
      expired: { en: 'Suppression of {rule} expired on {date}; the finding it hid is reported again', ja: '{rule} の抑制は {date} に期限切れとなりました。抑制していた指摘を再び報告します' },
    },
    rationale: {
      en: 'An expiry date turns an accepted risk into a decision with a review date. Once it passes, the acceptance must be renewed or the problem fixed.',
      ja: '期限を設けることで、受容したリスクは見直し日付きの判断になります。期限を過ぎたら受容を更新するか、問題を修正する必要があります。',
    },
    remediation: {
      en: 'Fix the underlying finding, or review the risk and move the "until" date forward with an updated reason.',
      ja: '元の指摘を修正するか、リスクを見直したうえで理由を更新し「until」の日付を延ばしてください。',
    },
  },
  {
    ...common,
    kinds: ['kamae-attestations'],
    id: BUILTIN.invalidAttestation,
    severity: 'medium',
    title: { en: 'Attestation file is invalid', ja: '証明ファイルが不正です' },
    messages: { problem: { en: 'Attestation problem: {problem}', ja: '証明の問題: {problemJa}' } },
    references: [{ source: 'meti-cip', ref: '4-5', relation: 'partial' }],
    rationale: {
      en: 'An attestation that cannot be read does not count, so the requirement it was meant to cover reads as needing attestation. Saying so beats a silently missing statement.',
      ja: '読み取れない証明は数えられないため、その証明が対象とする要求事項は「要証明」のままになります。黙って無視するより、問題として知らせる方が安全です。',
    },
    remediation: {
      en: 'Correct the entry named in the message. Each entry needs requirement, owner, evidence and date (YYYY-MM-DD), and may have item, expires and note.',
      ja: 'メッセージが示すエントリを修正してください。各エントリには requirement、owner、evidence、date (YYYY-MM-DD) が必須で、item、expires、note を任意で書けます。',
    },
  },
  {
    ...common,
    kinds: ['kamae-attestations'],
    id: BUILTIN.expiredAttestation,
    severity: 'medium',
    title: { en: 'Attestation has expired', ja: '証明の期限が切れています' },
    messages: {
      expired: { en: 'The attestation of requirement {requirement} by {owner} expired on {date}; the requirement now reads as not met', ja: '{owner} による要求事項 {requirement} の証明は {date} に期限切れとなりました。この要求事項は未充足として扱われます' },
    },
    references: [{ source: 'meti-cip', ref: '4-5', relation: 'partial' }],
    rationale: {
      en: 'Processes drift: the PSIRT that existed last year may not exist today. An expiry forces the statement to be made again by someone who checked.',
      ja: 'プロセスは変化します。昨年存在した PSIRT が今日も機能しているとは限りません。期限を設けることで、確認した人による証明の更新を促します。',
    },
    remediation: {
      en: 'Check that the statement still holds, then update date, expires and evidence (or remove the attestation and fix the gap).',
      ja: '証明内容がまだ成り立つか確認し、date、expires、evidence を更新してください (成り立たない場合は証明を削除し、不足を解消してください)。',
    },
  },
];
