#!/usr/bin/env bash
# Real-editor test: Emacs --batch with Eglot and editors/emacs/dossier.el.
# DOSSIER_BIN: the server binary. Also checks the test fails against broken servers.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

run_emacs() { # $1 = server binary
  local ws; ws=$(make_workspace)
  DOSSIER_BIN=$1 DOSSIER_EDITORS="$EDITORS_DIR" DOSSIER_ARTICLE="$ws/$ARTICLE" \
    timeout "$EDITOR_TIMEOUT" emacs --batch -l "$here/emacs_test.el"
}

echo "== $(emacs --version | head -n 1)"
expect_pass "emacs+eglot" run_emacs "$DOSSIER_BIN"
expect_fail_on_broken_servers "emacs+eglot" run_emacs
finish
