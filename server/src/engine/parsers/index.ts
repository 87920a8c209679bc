// Parser dispatch: a file kind's parser, and the model type each kind gets.
import { type FILE_KINDS, type FileKind, type ParserName } from '../detect';
import type { LineIndex } from '../text';
import { parseDockerfile, type DockerfileModel } from './dockerfile';
import { parseGoMod, type GoModModel } from './gomod';
import { parseJson, type JsonModel } from './json';
import { parseNpmrc, type NpmrcModel } from './npmrc';
import { parseRequirements, type RequirementsModel } from './requirements';
import { parseToml, type TomlModel } from './toml';
import type { ParseOutcome } from './types';
import { parseXml, type XmlModel } from './xml';
import { parseYaml, type YamlModel } from './yaml';
import { parseYarnLock, type YarnLockModel } from './yarnlock';

/** Plain text kinds get no model beyond the text and its line index. */
export type TextModel = Record<string, never>;

export interface ModelByParser {
  yaml: YamlModel;
  json: JsonModel;
  dockerfile: DockerfileModel;
  npmrc: NpmrcModel;
  requirements: RequirementsModel;
  gomod: GoModModel;
  toml: TomlModel;
  yarnlock: YarnLockModel;
  xml: XmlModel;
  text: TextModel;
  none: TextModel;
}
export type ModelFor<K extends FileKind> = ModelByParser[(typeof FILE_KINDS)[K]];

export function parseAs(parser: ParserName, text: string, lines: LineIndex): ParseOutcome<ModelByParser[ParserName]> {
  try {
    switch (parser) {
      case 'yaml':
        return parseYaml(text);
      case 'json':
        return parseJson(text, lines);
      case 'dockerfile':
        return parseDockerfile(text, lines);
      case 'npmrc':
        return parseNpmrc(text, lines);
      case 'requirements':
        return parseRequirements(text, lines);
      case 'gomod':
        return parseGoMod(text, lines);
      case 'toml':
        return parseToml(text);
      case 'yarnlock':
        return parseYarnLock(text, lines);
      case 'xml':
        return parseXml(text);
      case 'text':
      case 'none':
        return { ok: true, model: {} };
    }
  } catch (e) {
    // Parsers are written not to throw; this keeps a bug in one from stopping the scan.
    return { ok: false, reason: { en: `internal parser error: ${String(e)}`, ja: `内部パーサーエラー: ${String(e)}` } };
  }
}
