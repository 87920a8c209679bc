// Recognises the licence in LICENSE/COPYING files by key phrases of the common licence texts, offline.
import { repoCheck } from '../../../server/src/engine/ruleApi';

/** SPDX id and the phrases (all must appear, case- and space-insensitive) that identify its text. */
const LICENCES: readonly { id: string; all: readonly string[]; none?: readonly string[] }[] = [
  { id: 'AGPL-3.0', all: ['gnu affero general public license', 'version 3'] },
  { id: 'LGPL-3.0', all: ['gnu lesser general public license', 'version 3'] },
  { id: 'LGPL-2.1', all: ['gnu lesser general public license', 'version 2.1'] },
  { id: 'LGPL-2.0', all: ['gnu library general public license', 'version 2'] },
  { id: 'GPL-3.0', all: ['gnu general public license', 'version 3'] },
  { id: 'GPL-2.0', all: ['gnu general public license', 'version 2'] },
  { id: 'Apache-2.0', all: ['apache license', 'version 2.0'] },
  { id: 'MPL-2.0', all: ['mozilla public license', '2.0'] },
  { id: 'EPL-2.0', all: ['eclipse public license', '2.0'] },
  { id: 'EPL-1.0', all: ['eclipse public license', '1.0'] },
  { id: 'EUPL-1.2', all: ['european union public licence', '1.2'] },
  { id: 'BSL-1.0', all: ['boost software license', 'version 1.0'] },
  { id: 'CC0-1.0', all: ['cc0 1.0 universal'] },
  { id: 'Unlicense', all: ['this is free and unencumbered software released into the public domain'] },
  { id: 'MIT', all: ['permission is hereby granted, free of charge, to any person obtaining a copy'] },
  { id: 'ISC', all: ['permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted', 'provided that the above copyright notice'] },
  { id: '0BSD', all: ['permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted'] },
  { id: 'BSD-3-Clause', all: ['redistribution and use in source and binary forms', 'neither the name'] },
  { id: 'BSD-3-Clause', all: ['redistribution and use in source and binary forms', 'names of its contributors may be used to endorse'] },
  { id: 'BSD-2-Clause', all: ['redistribution and use in source and binary forms', 'redistributions in binary form must reproduce'] },
  { id: 'Zlib', all: ["this software is provided 'as-is'", 'altered source versions must be plainly marked'] },
  { id: 'BlueOak-1.0.0', all: ['blue oak model license', '1.0.0'] },
  { id: 'Artistic-2.0', all: ['the artistic license 2.0'] },
  { id: 'WTFPL', all: ['do what the fuck you want to public license'] },
  { id: 'PSF-2.0', all: ['python software foundation license'] },
  { id: 'CC-BY-4.0', all: ['creative commons attribution 4.0'] },
  { id: 'CC-BY-SA-4.0', all: ['creative commons attribution-sharealike 4.0'] },
];

/** The SPDX id of a licence text, or undefined. Short pointer files ("MIT License", an SPDX tag) count too. */
export function recogniseLicence(text: string): string | undefined {
  const spdx = /SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)/.exec(text);
  if (spdx) return spdx[1];
  const flat = text.toLowerCase().replace(/[\s*#>]+/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
  for (const l of LICENCES) if (l.all.every((p) => flat.includes(p))) return l.id;
  // A short file that only names its licence ("Licensed under the MIT License").
  if (flat.length < 2000) {
    const named = /\b(mit|apache[- ]2\.0|apache license|bsd[- ][23]-clause|isc|mpl[- ]2\.0|gpl-?[23]\.0|lgpl|agpl|unlicense|cc0)\b/.exec(flat);
    if (named) return named[1]!.toUpperCase();
  }
  return undefined;
}

export default repoCheck((ctx) => {
  const files = ctx.repo.filesOfKind('license');
  if (files.length === 0) {
    ctx.notApplicable('no licence file to inspect');
    return;
  }
  // Several files (LICENSE-MIT, LICENSE-APACHE, COPYING.LESSER) are fine as long as one is recognised.
  if (files.some((f) => recogniseLicence(f.text) !== undefined)) return;
  const f = files[0]!;
  if (f.text.trim() === '') ctx.report({ messageId: 'empty', path: f.path, data: { path: f.path } });
  else ctx.report({ messageId: 'unknown', path: f.path, data: { path: f.path } });
});
