// Client settings (the `kamae` section) -> validated KamaeSettings -> the engine options they layer
// over .kamae.yaml. Anything malformed falls back to the default instead of failing the folder.
import type { AnalyzeOptions, RuleSetting } from '../engine';
import { DEFAULT_SETTINGS, type KamaeSettings, type LanguageSetting, type ProfileSetting, type SeverityOverride, type TraceSetting } from '../protocol';

const PROFILES: readonly ProfileSetting[] = ['auto', 'recommended', 'strict'];
const SEVERITIES: readonly SeverityOverride[] = ['critical', 'high', 'medium', 'low', 'info', 'off'];
const TRACES: readonly TraceSetting[] = ['off', 'messages', 'verbose'];
const LANGUAGES: readonly LanguageSetting[] = ['auto', 'en', 'ja'];

export function readSettings(raw: unknown): KamaeSettings {
  const o = isObject(raw) ? raw : {};
  const overrides: Record<string, SeverityOverride> = {};
  if (isObject(o.severityOverrides)) {
    for (const [id, v] of Object.entries(o.severityOverrides)) if (SEVERITIES.includes(v as SeverityOverride)) overrides[id] = v as SeverityOverride;
  }
  const trace = isObject(o.trace) ? o.trace.server : undefined;
  return {
    enable: typeof o.enable === 'boolean' ? o.enable : DEFAULT_SETTINGS.enable,
    profile: PROFILES.includes(o.profile as ProfileSetting) ? (o.profile as ProfileSetting) : DEFAULT_SETTINGS.profile,
    severityOverrides: overrides,
    language: LANGUAGES.includes(o.language as LanguageSetting) ? (o.language as LanguageSetting) : DEFAULT_SETTINGS.language,
    trace: { server: TRACES.includes(trace as TraceSetting) ? (trace as TraceSetting) : DEFAULT_SETTINGS.trace.server },
  };
}

/** The parts of AnalyzeOptions that come from the editor. `off` disables a rule; a severity also enables it, as in .kamae.yaml. */
export function editorOptions(settings: KamaeSettings): Pick<AnalyzeOptions, 'profile' | 'ruleOverrides'> {
  const ruleOverrides: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(settings.severityOverrides)) ruleOverrides[id] = v === 'off' ? { enabled: false } : { enabled: true, severity: v };
  return {
    ...(settings.profile !== 'auto' ? { profile: settings.profile } : {}),
    ...(Object.keys(ruleOverrides).length > 0 ? { ruleOverrides } : {}),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
