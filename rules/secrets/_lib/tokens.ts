// Credentials of well-known formats. A cheap prefix scan finds candidates; each pattern is then
// checked at that position only (sticky regular expressions), so a file is read once, linearly.

export interface TokenFormat {
  readonly id: string;
  /** The service the credential is for (a product name, the same in every language). */
  readonly label: string;
  /** Matched at the candidate's position; group 1 (when present) is the secret part. */
  readonly re: RegExp;
  /** The character code every match starts with, to skip formats cheaply. */
  readonly first: number;
}

const LIST: readonly Omit<TokenFormat, 'first'>[] = [
  { id: 'aws-access-key', label: 'AWS', re: /(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/y },
  { id: 'github', label: 'GitHub', re: /gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y },
  { id: 'github-pat', label: 'GitHub', re: /github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/y },
  { id: 'gitlab', label: 'GitLab', re: /glpat-[A-Za-z0-9_-]{20,}/y },
  { id: 'npm', label: 'npm', re: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y },
  { id: 'pypi', label: 'PyPI', re: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/y },
  { id: 'slack', label: 'Slack', re: /xox[abprs]-[0-9]{1,16}-[A-Za-z0-9-]{10,}/y },
  { id: 'slack-webhook', label: 'Slack webhook', re: /hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/y },
  { id: 'google-api-key', label: 'Google API', re: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y },
  { id: 'stripe', label: 'Stripe', re: /[sr]k_live_[0-9A-Za-z]{24,}/y },
  { id: 'openai', label: 'OpenAI', re: /sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})/y },
  { id: 'anthropic', label: 'Anthropic', re: /sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}/y },
  { id: 'sendgrid', label: 'SendGrid', re: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/y },
  { id: 'huggingface', label: 'Hugging Face', re: /hf_[A-Za-z]{34}(?![A-Za-z0-9])/y },
  { id: 'azure-storage', label: 'Azure Storage', re: /AccountKey=([A-Za-z0-9+/]{86}==)/y },
];

export const FORMATS: readonly TokenFormat[] = LIST.map((f) => ({ ...f, first: firstChar(f.re) }));

/** The first character of a pattern that starts with a literal or a small class (`[sr]k_live_`); -1 when it varies. */
function firstChar(re: RegExp): number {
  const src = re.source.startsWith('(?:') ? re.source.slice(3) : re.source;
  return src.charCodeAt(0) === 91 ? -1 : src.charCodeAt(0);
}

/** Every prefix above, for the first pass. `aws_secret` candidates are handled separately. */
export const CANDIDATES = /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|npm_|pypi-|xox[abprs]-|hooks\.slack\.com|AIza|[sr]k_live_|sk-|SG\.|hf_|AccountKey=|aws_?secret|secret_?access_?key/gi;

/** An AWS secret access key assigned to a recognisable name: `aws_secret_access_key = ...`, `secretAccessKey: ...`. */
export const AWS_SECRET = /(?:aws_?secret(?:_?access)?_?key|secret_?access_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/iy;
