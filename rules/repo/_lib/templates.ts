// Files Kamae offers to create when a repository lacks them: bilingual SECURITY.md and SUPPORT.md,
// and a workflow that attaches an SBOM to every release. Filled from the repository's own facts;
// what only a person can decide stays in <angle brackets> so it is visibly unfinished.
import { supportedLine, type RepoFacts } from './facts';

/** actions/checkout v4.2.2, the one action the templates need, pinned as Kamae's own rule asks. */
const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';

export function securityPolicy(facts: RepoFacts): string {
  const name = facts.name ?? '<project>';
  const advisory = facts.github ? `https://github.com/${facts.github.owner}/${facts.github.repo}/security/advisories/new` : undefined;
  const email = facts.email ?? (advisory ? undefined : '<security@example.com>');
  const channelsEn = [
    ...(advisory ? [`- GitHub private vulnerability reporting: ${advisory}`] : []),
    ...(email ? [`- E-mail: ${email}`] : []),
  ].join('\n');
  const channelsJa = [
    ...(advisory ? [`- GitHub の非公開脆弱性報告: ${advisory}`] : []),
    ...(email ? [`- メール: ${email}`] : []),
  ].join('\n');
  const line = supportedLine(facts.version) ?? '<x.y>';
  return `# Security Policy / セキュリティポリシー

## Reporting a vulnerability / 脆弱性の報告

Please do not report security problems in ${name} in public issues. Report them privately:

${channelsEn}

${name} のセキュリティ上の問題は公開 Issue に投稿せず、次の非公開の窓口からご報告ください。

${channelsJa}

## Response / 対応

We acknowledge a report within 3 business days, agree a disclosure date with the reporter, and aim
to publish a fix within 90 days. Fixed vulnerabilities are announced with a GitHub Security
Advisory and a CVE where one applies.

報告は 3 営業日以内に受領を連絡し、報告者と公開日を調整のうえ、90 日以内の修正公開を目標とします。
修正した脆弱性は GitHub Security Advisory と、該当する場合は CVE で公表します。

## Coordination in Japan / 日本での調整

You may also report through IPA (Information-technology Promotion Agency, Japan) under METI's
vulnerability-handling rules; JPCERT/CC then coordinates with us and the advisory is published on JVN.

経済産業省の「ソフトウエア製品等の脆弱性関連情報に関する取扱規程」に基づき、IPA (情報処理推進機構)
へ届け出ていただくこともできます。その場合は JPCERT/CC が私たちとの調整を行い、JVN で公表されます。

## Supported versions / サポート対象バージョン

| Version / バージョン | Security fixes until / セキュリティ修正の提供期限 |
| --- | --- |
| ${line} | <YYYY-MM> |

Versions not listed receive no security fixes. The EU Cyber Resilience Act expects a support period
of at least five years unless the product's expected use is shorter.

表にないバージョンにはセキュリティ修正を提供しません。EU サイバーレジリエンス法は、想定利用期間が
より短い場合を除き、5 年以上のサポート期間を求めています。
`;
}

export function supportStatement(facts: RepoFacts): string {
  const line = supportedLine(facts.version) ?? '<x.y>';
  return `# Support / サポート

| Version / バージョン | Status / 状態 | Security fixes until / セキュリティ修正の提供期限 |
| --- | --- | --- |
| ${line} | supported / サポート中 | <YYYY-MM> |

Only the versions above receive security fixes; older versions are end of life, please upgrade.
Security updates are free of charge and released separately from feature updates where feasible.

上記のバージョンのみセキュリティ修正の対象です。それ以前のバージョンはサポートを終了しています。
アップグレードしてください。セキュリティ更新は無償で、可能な限り機能更新とは別に提供します。
`;
}

/**
 * One job per release that writes an SBOM for each ecosystem the repository uses, with generators
 * pinned to exact versions, and attaches them. Undefined when no ecosystem has a generator here.
 */
export function sbomWorkflow(facts: RepoFacts): string | undefined {
  const steps: string[] = [];
  if (facts.ecosystems.includes('npm')) {
    steps.push('      - name: SBOM of the npm dependencies (npm 10+)', '        run: npm sbom --sbom-format cyclonedx --sbom-type application --omit dev > sbom-npm.cdx.json');
  }
  if (facts.ecosystems.includes('gomod')) {
    steps.push('      - name: SBOM of the Go modules', '        run: go run github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@v1.9.0 mod -json -output sbom-go.cdx.json');
  }
  if (facts.ecosystems.includes('pip')) {
    steps.push('      - name: SBOM of the Python requirements', '        run: pipx run --spec cyclonedx-bom==4.1.6 cyclonedx-py requirements requirements.txt --of JSON -o sbom-python.cdx.json');
  }
  if (steps.length === 0) return undefined;
  return `# Generates a CycloneDX SBOM for every release and attaches it to the release.
# リリースごとに CycloneDX 形式の SBOM を生成し、リリースに添付します。
name: sbom
on:
  release:
    types: [published]

permissions:
  contents: read

jobs:
  sbom:
    runs-on: ubuntu-24.04
    permissions:
      contents: write # to upload the SBOM to the release
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
${steps.join('\n')}
      - name: Attach the SBOMs to the release
        env:
          GH_TOKEN: \${{ github.token }}
          TAG: \${{ github.event.release.tag_name }}
        run: gh release upload "$TAG" sbom-*.cdx.json --clobber
`;
}
