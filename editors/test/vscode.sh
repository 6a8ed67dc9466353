#!/usr/bin/env bash
# Real-editor test: VS Code (code-server) with the packaged Dossier .vsix, driven by
# headless Chromium. A test-only probe extension (editors/test/vscode-probe) reads
# diagnostics, hover and definition through the VS Code API and writes them to a file.
#   CODE_SERVER  code-server executable (default: on PATH)
#   DOSSIER_VSIX the packaged extension (default: editors/vscode/dossier-*.vsix)
#   CHROMIUM     browser (default: chromium)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
code_server=${CODE_SERVER:-code-server}
chromium=${CHROMIUM:-chromium}
vsix=${DOSSIER_VSIX:-$(ls "$EDITORS_DIR"/vscode/dossier-*.vsix 2>/dev/null | tail -n 1)}
vsce=$EDITORS_DIR/vscode/node_modules/.bin/vsce
if [ -z "$vsix" ] || [ ! -f "$vsix" ]; then
  echo "no .vsix: build it first (cd editors/vscode && npm ci && npx vsce package)" >&2
  exit 2
fi

# The probe is packaged like any extension, so code-server installs both the same way.
(cd "$here/vscode-probe" && "$vsce" package --no-dependencies --allow-missing-repository --skip-license \
  -o "$TEST_TMP/probe.vsix" >"$TEST_TMP/probe-package.log" 2>&1) || { cat "$TEST_TMP/probe-package.log"; exit 2; }
extensions=$TEST_TMP/extensions
"$code_server" --extensions-dir "$extensions" --install-extension "$vsix" \
  --install-extension "$TEST_TMP/probe.vsix" >"$TEST_TMP/install.log" 2>&1 || { cat "$TEST_TMP/install.log"; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

run_vscode() { # $1 = server binary
  local ws run port result pids=() rc=1
  ws=$(make_workspace)
  run=$(mktemp -d "$TEST_TMP/run.XXXXXX")
  result=$run/probe.json
  mkdir -p "$run/user/User" "$run/user/Machine"
  # User settings, and the same as remote "Machine" settings: code-server is a remote
  # window, where machine-scoped settings such as dossier.server.path come from there.
  cat >"$run/user/User/settings.json" <<JSON
{
  "dossier.server.path": "$1",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none"
}
JSON
  cp "$run/user/User/settings.json" "$run/user/Machine/settings.json"
  port=$(free_port)
  DOSSIER_PROBE_OUT=$result DOSSIER_ARTICLE=$ws/$ARTICLE \
    setsid "$code_server" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
    --disable-update-check --disable-workspace-trust --user-data-dir "$run/user" \
    --extensions-dir "$extensions" "$ws" >"$run/code-server.log" 2>&1 &
  pids+=($!)
  local deadline=$((SECONDS + EDITOR_TIMEOUT))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || break
    sleep 0.2
  done
  # Background-networking flags: this machine has no network but the registries.
  setsid "$chromium" --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --user-data-dir="$run/chromium" \
    "http://127.0.0.1:$port/?folder=$ws" >"$run/chromium.log" 2>&1 &
  pids+=($!)
  until [ -s "$result" ] || [ $SECONDS -ge $deadline ]; do sleep 0.5; done
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null; done
  wait "${pids[@]}" 2>/dev/null
  if [ -s "$result" ]; then
    python3 - "$result" <<'PY' && rc=0
import json, sys
r = json.load(open(sys.argv[1]))
for line in r["log"]:
    print("[vscode-test]", line, file=sys.stderr)
if not r["ok"]:
    print("[vscode-test] FAIL:", r["error"], file=sys.stderr)
    sys.exit(1)
print("[vscode-test] PASS", file=sys.stderr)
PY
  else
    echo "[vscode-test] FAIL: no result from the probe within ${EDITOR_TIMEOUT}s" >&2
    tail -n 20 "$run/code-server.log" >&2
  fi
  return $rc
}

echo "== code-server $("$code_server" --version | head -n 1), $("$chromium" --version 2>/dev/null)"
expect_pass "vscode" run_vscode "$DOSSIER_BIN"
expect_fail_on_broken_servers "vscode" run_vscode
finish
