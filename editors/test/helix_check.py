#!/usr/bin/env python3
"""Checks editors/helix/languages.toml against the format in Helix's book
("Languages", languages.md): only documented keys, every language server that a
language names is defined here or is one of Helix's defaults, and the Dossier
server runs `dossier lsp`. Helix itself cannot be installed here."""
import sys
import tomllib
from pathlib import Path

# Keys from the tables in Helix's languages.md.
LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots",
    "auto-format", "diagnostic-severity", "comment-tokens", "comment-token",
    "block-comment-tokens", "indent", "language-servers", "grammar", "formatter", "soft-wrap",
    "text-width", "rulers", "path-completion", "word-completion", "workspace-lsp-roots",
    "persistent-diagnostic-sources", "auto-pairs", "debugger",
}
SERVER_KEYS = {"command", "args", "config", "timeout", "environment", "required-root-patterns"}
HELIX_DEFAULT_SERVERS = {"marksman"}  # defined in Helix's built-in languages.toml

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "helix" / "languages.toml")
errors = []
with path.open("rb") as f:
    doc = tomllib.load(f)
unknown_top = set(doc) - {"language-server", "language", "grammar", "use-grammars"}
if unknown_top:
    errors.append(f"unknown top-level keys {sorted(unknown_top)}")
servers = doc.get("language-server", {})
for name, server in servers.items():
    if set(server) - SERVER_KEYS:
        errors.append(f"language-server.{name}: unknown keys {sorted(set(server) - SERVER_KEYS)}")
    if not isinstance(server.get("command"), str):
        errors.append(f"language-server.{name}: command must be a string")
    if not all(isinstance(a, str) for a in server.get("args", [])):
        errors.append(f"language-server.{name}: args must be strings")
dossier = servers.get("dossier", {})
if [Path(dossier.get("command", "")).name, *dossier.get("args", [])] != ["dossier", "lsp"]:
    errors.append("language-server.dossier must run `dossier lsp`")
languages = {lang.get("name"): lang for lang in doc.get("language", [])}
for name, lang in languages.items():
    if set(lang) - LANGUAGE_KEYS:
        errors.append(f"language {name}: unknown keys {sorted(set(lang) - LANGUAGE_KEYS)}")
    for entry in lang.get("language-servers", []):
        server = entry if isinstance(entry, str) else entry.get("name")
        if server not in servers and server not in HELIX_DEFAULT_SERVERS:
            errors.append(f"language {name}: language server {server!r} is not defined")
    if "dossier" not in [e if isinstance(e, str) else e.get("name") for e in lang.get("language-servers", [])]:
        errors.append(f"language {name}: does not use dossier")
for required in ("text", "markdown"):
    if required not in languages:
        errors.append(f"no [[language]] for {required}")
text = languages.get("text", {})
if not {"scope", "file-types"} <= set(text):
    errors.append("language text is new to Helix and needs scope and file-types")
if "txt" not in text.get("file-types", []):
    errors.append("language text must cover .txt")
for e in errors:
    print(f"helix: {path}: {e}")
print(f"helix languages.toml: {'ok' if not errors else 'FAIL'} ({len(languages)} languages, {len(servers)} server)")
sys.exit(1 if errors else 0)
