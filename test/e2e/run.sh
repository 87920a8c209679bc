#!/usr/bin/env bash
# `npm run test:e2e` (scripts/test-e2e.mjs): Kamae in real editors, offline.
#   1. setup.sh       the toolchain (apt chromium/neovim/libkrb5-dev, Node 24, code-server, playwright-core)
#   2. build          dist/ bundles, the e2e suites, and the .vsix (npm run package)
#   3. UI             code-server with the .vsix installed, driven in chromium (ui-e2e.js), then the
#                     compliance panel, dashboard, attestation and export in a fresh one (ui-panel-e2e.js)
#   4. extension host the mocha suite inside code-server's extension host (exthost-tests.js)
#   5. Neovim         a second LSP client, compared with the protocol client (nvim.test.ts)
# Prints `N passed, N failed` (individual checks) and writes {"passed":N,"failed":M} to
# $KAMAE_TEST_RESULTS_E2E when set. Every step runs in its own process group under a time limit,
# and the exit trap ends code-server and any step still running, also on failure or Ctrl-C.
# env: E2E_HOME (tools; default <repo>/.e2e-tools), E2E_PORT (default: a free port),
#      KEEP_E2E_RUN=1 keeps the scratch directory (logs, workspaces) for debugging.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/test/e2e"
cd "$repo"
export E2E_HOME="${E2E_HOME:-$repo/.e2e-tools}"
E2E_RUN="$(mktemp -d "${TMPDIR:-/tmp}/kamae-e2e.XXXXXX")"
export E2E_RUN
# Temporary files of the steps (Playwright's browser profiles among them) stay inside the run.
mkdir -p "$E2E_RUN/tmp"
export TMPDIR="$E2E_RUN/tmp"
E2E_PORT="${E2E_PORT:-$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')}"
export E2E_PORT
shots="$repo/artifacts/e2e"
passed=0
failed=0
groups=()
t0=$(date +%s)

cleanup() {
  bash "$here/code-server.sh" stop >/dev/null 2>&1 || true
  for g in "${groups[@]}"; do kill -- "-$g" 2>/dev/null || true; done
  # Playwright starts chromium in a process group of its own and ends it when the test script exits
  # normally; if the script was killed, its browser is found by its profile inside this run's
  # scratch directory (unique to this run) and ended by pid.
  for pid in $(pgrep -f -- "$E2E_RUN/tmp/" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  if [ "${KEEP_E2E_RUN:-0}" = 1 ]; then echo "[e2e] scratch kept in $E2E_RUN"; else rm -rf "$E2E_RUN"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "[e2e $(( $(date +%s) - t0 ))s] $*"; }
# Runs a command in a new process group with a time limit; the group is killed when it returns.
in_group() {
  local limit="$1"; shift
  setsid timeout --kill-after=10 "$limit" "$@" &
  local pid=$!
  groups+=("$pid")
  wait "$pid"; local rc=$?
  kill -- "-$pid" 2>/dev/null || true
  return "$rc"
}
# Adds the counts of a {"passed":N,"failed":M} file; a step that wrote none counts as one failure.
add_counts() {
  local file="$1" name="$2"
  if [ -f "$file" ]; then
    passed=$((passed + $(node -p "require('$file').passed"))); failed=$((failed + $(node -p "require('$file').failed")))
  else
    say "FAIL $name produced no results"; failed=$((failed + 1))
  fi
}
check() { # NAME COMMAND... : one check that passes or fails
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); say "PASS $name"; else failed=$((failed + 1)); say "FAIL $name"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  if [ -n "${KAMAE_TEST_RESULTS_E2E:-}" ]; then echo "{\"passed\":$passed,\"failed\":$failed}" > "$KAMAE_TEST_RESULTS_E2E"; fi
  [ "$failed" -eq 0 ]
  exit $?
}
fresh_workspace() { # a throwaway copy of the fixture repository: the tests edit it
  local ws="$E2E_RUN/$1"
  rm -rf "$ws"; cp -r "$repo/test/fixtures/e2e-repo" "$ws"; echo "$ws"
}

# 1. tools
if ! in_group 1800 bash "$here/setup.sh"; then say "FAIL setup"; failed=$((failed + 1)); finish; fi

# 2. bundles, e2e suites, .vsix
vsix="$E2E_RUN/kamae.vsix"
if ! { node scripts/build.mjs && node "$here/build.mjs" && node scripts/package.mjs --out "$vsix" >"$E2E_RUN/package.log" 2>&1; }; then
  cat "$E2E_RUN/package.log" 2>/dev/null; say "FAIL build/package"; failed=$((failed + 1)); finish
fi
vsix_has_what_it_needs() {
  local listing; listing="$(unzip -Z1 "$vsix")" || return 1
  local missing=0
  for f in extension/package.json extension/package.nls.json extension/package.nls.ja.json extension/l10n/bundle.l10n.ja.json \
           extension/dist/extension.js extension/dist/server.js extension/LICENSE.txt extension/readme.md extension/docs/rules/docker/root-user.md \
           extension/dist/webview.js extension/dist/codicons/codicon.css extension/dist/codicons/codicon.ttf extension/dist/codicons/LICENSE \
           extension/media/kamae.svg extension/media/dashboard.css extension/media/walkthrough/scan.svg; do
    grep -qx "$f" <<<"$listing" || { echo "  missing from the .vsix: $f"; missing=1; }
  done
  if grep -E '^extension/(node_modules|server/src|client/src|test|rules|scripts)/' <<<"$listing" | head -5 | grep -q .; then echo "  sources or dependencies shipped in the .vsix"; missing=1; fi
  say "vsix: $(wc -l <<<"$listing") entries, $(du -k "$vsix" | cut -f1) KB"
  return "$missing"
}
check "the .vsix holds the bundles, the dashboard's script, styles and codicons, media, rule docs, l10n bundle and nls files, and nothing else" vsix_has_what_it_needs

rm -rf "$shots"; mkdir -p "$shots"

# 3. the installed .vsix in the real workbench
ws="$(fresh_workspace ui-workspace)"
if in_group 180 bash "$here/code-server.sh" start "$vsix"; then
  E2E_WORKSPACE="$ws" E2E_SHOTS="$shots" in_group 900 node "$here/ui-e2e.js"
  add_counts "$shots/ui-e2e.result.json" "ui-e2e"
else
  say "FAIL code-server did not start"; failed=$((failed + 1))
fi
bash "$here/code-server.sh" stop

# 3b. the compliance panel in a fresh code-server and workspace (the steps above edited theirs)
ws="$(fresh_workspace ui-panel-workspace)"
if in_group 180 bash "$here/code-server.sh" start "$vsix"; then
  E2E_WORKSPACE="$ws" E2E_SHOTS="$shots" in_group 900 node "$here/ui-panel-e2e.js"
  add_counts "$shots/ui-panel-e2e.result.json" "ui-panel-e2e"
else
  say "FAIL code-server did not start (panel)"; failed=$((failed + 1))
fi
bash "$here/code-server.sh" stop

# 4. the extension-host suite, extension loaded from this checkout (dist/ built above).
#    E2E_TEST_OUTPUT must be in code-server's environment: the extension host inherits it.
ws="$(fresh_workspace exthost-workspace)"
export E2E_TEST_OUTPUT="$E2E_RUN/exthost.log"
if E2E_SMOKE_DRIVER=1 in_group 180 bash "$here/code-server.sh" start; then
  E2E_WORKSPACE="$ws" E2E_EXT_DEV_PATH="$repo" E2E_EXT_TESTS_PATH="$repo/out/e2e/exthost/index.js" in_group 600 node "$here/exthost-tests.js"
  add_counts "$E2E_TEST_OUTPUT.json" "extension-host suite"
  cp "$E2E_TEST_OUTPUT" "$shots/exthost-tests.log" 2>/dev/null || true
else
  say "FAIL code-server (smoke-test driver) did not start"; failed=$((failed + 1))
fi
bash "$here/code-server.sh" stop
unset E2E_TEST_OUTPUT

# 5. Neovim as a second LSP client
KAMAE_TEST_RESULTS="$E2E_RUN/nvim.json" in_group 300 node node_modules/mocha/bin/mocha.js --no-config --reporter test/reporter.js --timeout 90000 out/e2e/nvim.test.js
add_counts "$E2E_RUN/nvim.json" "Neovim suite"

say "screenshots and logs in ${shots#"$repo"/}"
finish
