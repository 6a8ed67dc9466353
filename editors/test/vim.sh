#!/usr/bin/env bash
# Real-editor test: Vim 9 in batch (-es) with ALE and editors/vim.
# DOSSIER_BIN: the server binary. Also checks the test fails against broken servers.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

run_vim() { # $1 = server binary
  local ws rc; ws=$(make_workspace)
  DOSSIER_BIN=$1 DOSSIER_EDITORS="$EDITORS_DIR" DOSSIER_ARTICLE="$ws/$ARTICLE" DOSSIER_TEST_LOG="$ws/vim-test.log" \
    timeout "$EDITOR_TIMEOUT" vim -N -u NONE -i NONE -es -S "$here/vim_test.vim" </dev/null
  rc=$?
  cat "$ws/vim-test.log" >&2 2>/dev/null
  return $rc
}

echo "== $(vim --version | head -n 1)"
expect_pass "vim+ale" run_vim "$DOSSIER_BIN"
expect_fail_on_broken_servers "vim+ale" run_vim
finish
