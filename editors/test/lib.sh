# Shared by the editor tests (sourced). Sets up a throw-away workspace with the
# seed articles and runs each test against the real server and against broken ones.
EDITORS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$EDITORS_DIR/.." && pwd)
ARTICLE=000_d6396046d8ded179.txt
: "${DOSSIER_BIN:=$(command -v dossier || true)}"
if [ -z "$DOSSIER_BIN" ] || [ ! -x "$DOSSIER_BIN" ]; then
  echo "DOSSIER_BIN must name the dossier binary (got '${DOSSIER_BIN}')" >&2
  exit 2
fi
DOSSIER_BIN=$(cd "$(dirname "$DOSSIER_BIN")" && pwd)/$(basename "$DOSSIER_BIN")
export DOSSIER_BIN
: "${EDITOR_TIMEOUT:=180}"
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-editor-test.XXXXXX")
[ -n "${KEEP_TEST_TMP:-}" ] || trap 'rm -rf "$TEST_TMP"' EXIT
failures=0
passes=0

# A fresh copy of seeds/ with a dossier.toml marking it as the workspace root.
make_workspace() {
  local ws; ws=$(mktemp -d "$TEST_TMP/ws.XXXXXX")
  cp "$REPO_DIR"/seeds/*.txt "$ws/"
  printf '# Dossier workspace for the editor tests: defaults throughout.\n' >"$ws/dossier.toml"
  echo "$ws"
}

# Servers that must make every editor test fail: one that fails at once and one
# that exits cleanly without a word of LSP.
make_broken_servers() {
  mkdir -p "$TEST_TMP/broken"
  printf '#!/bin/sh\nexit 0\n' >"$TEST_TMP/broken/exits"
  chmod +x "$TEST_TMP/broken/exits"
  echo "/bin/false $TEST_TMP/broken/exits"
}

expect_pass() { # NAME COMMAND...
  local name=$1; shift
  local start=$SECONDS
  if "$@"; then
    echo "ok   $name against $DOSSIER_BIN ($((SECONDS - start)) s)"
    passes=$((passes + 1))
  else
    echo "FAIL $name against $DOSSIER_BIN ($((SECONDS - start)) s)"
    failures=$((failures + 1))
  fi
}

expect_fail_on_broken_servers() { # NAME COMMAND... (the server path is appended)
  local name=$1; shift
  local server start
  for server in $(make_broken_servers); do
    start=$SECONDS
    if "$@" "$server" >"$TEST_TMP/negative.log" 2>&1; then
      echo "FAIL $name passed against broken server $server: the test cannot fail"
      cat "$TEST_TMP/negative.log"
      failures=$((failures + 1))
    else
      echo "ok   $name fails against broken server $(basename "$server") ($((SECONDS - start)) s)"
      passes=$((passes + 1))
    fi
  done
}

finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
