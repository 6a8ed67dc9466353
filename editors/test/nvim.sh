#!/usr/bin/env bash
# Real-editor test: headless Neovim with editors/nvim against a Dossier server.
#   editors/test/nvim.sh [NVIM]      (NVIM defaults to `nvim` on PATH)
# DOSSIER_BIN: the server binary to test. The script also checks that the same test
# FAILS against broken servers, so a harness that cannot fail is caught.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
nvim_bin=${1:-nvim}

run_nvim() { # $1 = server binary
  local ws; ws=$(make_workspace)
  DOSSIER_BIN=$1 DOSSIER_EDITORS="$EDITORS_DIR" DOSSIER_ARTICLE="$ws/$ARTICLE" \
    timeout "$EDITOR_TIMEOUT" "$nvim_bin" --clean --headless -c "luafile $here/nvim_test.lua"
}

echo "== $("$nvim_bin" --version | head -n 1) ($nvim_bin)"
expect_pass "neovim" run_nvim "$DOSSIER_BIN"
expect_fail_on_broken_servers "neovim" run_nvim
finish
