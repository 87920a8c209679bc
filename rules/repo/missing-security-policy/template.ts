// The SECURITY.md offered by the quick fix: English and Japanese, with placeholders in angle brackets.
export const SECURITY_TEMPLATE = `# Security Policy / セキュリティポリシー

## Reporting a vulnerability / 脆弱性の報告

Please do not report security problems in public issues.
Report them privately through GitHub's "Report a vulnerability" button on the Security tab, or by email to <security@example.com>.

セキュリティ上の問題は公開 Issue に投稿しないでください。
Security タブの「Report a vulnerability」から GitHub の非公開報告機能を使うか、<security@example.com> へメールでご連絡ください。

## Response / 対応

We acknowledge reports within 3 business days and aim to publish a fix within 90 days, coordinating the disclosure date with the reporter.
You may also report through IPA (Information-technology Promotion Agency, Japan); JPCERT/CC will coordinate with us.

報告は 3 営業日以内に受領を連絡し、90 日以内の修正公開を目標とします。公開日は報告者と調整します。
IPA (情報処理推進機構) へ届け出ていただくこともでき、その場合は JPCERT/CC が私たちとの調整を行います。

## Supported versions / サポート対象バージョン

| Version / バージョン | Security fixes until / セキュリティ修正の提供期限 |
| --- | --- |
| <x.y> | <YYYY-MM> |
`;
