//! `dossier check` on the seed articles, and agreement with the language server.

mod support;

use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use support::{LspClient, file_uri};

fn dossier(args: &[&str], dir: &Path) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_seeds_text() {
    let (stdout, _, code) = dossier(&["check", "seeds"], repo());
    insta::assert_snapshot!("check_seeds_text", stdout);
    assert_eq!(code, 0, "no diagnostic on the seeds has error severity");
}

#[test]
fn check_seeds_json() {
    let (stdout, _, _) = dossier(&["check", "--format", "json", "seeds"], repo());
    for line in stdout.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        for key in [
            "path", "start", "end", "line", "column", "severity", "code", "message",
        ] {
            assert!(value.get(key).is_some(), "{key} missing in {line}");
        }
    }
    insta::assert_snapshot!("check_seeds_json", stdout);
}

#[test]
fn exit_codes_follow_severity_and_usage() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gut.txt"),
        "Der Präsident sagte, die Lage sei ernst.",
    )
    .unwrap();
    assert_eq!(dossier(&["check"], dir.path()).2, 0);
    std::fs::write(dir.path().join("kaputt.txt"), b"Zeile eins\nK\xf6ln").unwrap();
    let (stdout, _, code) = dossier(&["check", "."], dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        stdout.lines().next().unwrap(),
        "kaputt.txt:2:1: error[dossier.not-utf8]: not UTF-8 text (invalid byte at offset 12, line 2); save the file as UTF-8 to analyse it"
    );
    let (_, stderr, code) = dossier(&["check", "fehlt.txt"], dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read fehlt.txt"), "{stderr}");
    assert_eq!(dossier(&["check", "--format", "xml"], dir.path()).2, 2);
}

#[test]
fn json_offsets_count_code_points() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dossier.toml"),
        "[diagnostics]\nlanguage = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("e.txt"),
        "👋 The minister said that the talks in Paris were important for the peace.",
    )
    .unwrap();
    let (stdout, _, _) = dossier(&["check", "--format", "json"], dir.path());
    let first: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "dossier.language");
    assert_eq!(first["severity"], "warning");
    assert_eq!(
        (first["line"].clone(), first["column"].clone()),
        (json!(1), json!(1))
    );
}

#[test]
fn malformed_settings_are_reported_with_their_line_and_defaults_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dossier.toml"),
        "language = \"de\"\nmax_file_size = \"groß\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Der Präsident sagte, die Lage sei ernst.",
    )
    .unwrap();
    let (stdout, _, code) = dossier(&["check"], dir.path());
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("dossier.toml:2:1: error[dossier.config]: "),
        "{stdout}"
    );
}

/// The language server and `dossier check` must say the same about the same text.
#[test]
fn server_and_cli_agree_on_the_seeds() {
    let (stdout, _, _) = dossier(&["check", "--format", "json", "seeds"], repo());
    let mut from_cli: Vec<(String, String, usize, usize, String)> = stdout
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let name = Path::new(v["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                v["code"].as_str().unwrap().into(),
                v["line"].as_u64().unwrap() as usize - 1,
                v["column"].as_u64().unwrap() as usize - 1,
                v["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut client = LspClient::start();
    // UTF-32 is not offered, so columns are compared after converting UTF-16 to characters.
    client.initialize(&["utf-16"], Some(&repo().join("seeds")));
    let mut from_server = Vec::new();
    for entry in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for d in client.wait_for_diagnostics(&file_uri(&path), None) {
            let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
            let utf16_col = d["range"]["start"]["character"].as_u64().unwrap() as usize;
            let line_text = text.split('\n').nth(line).unwrap();
            let mut units = 0;
            let column = line_text
                .chars()
                .take_while(|c| {
                    units += c.len_utf16();
                    units <= utf16_col
                })
                .count();
            from_server.push((
                name.clone(),
                d["code"].as_str().unwrap().into(),
                line,
                column,
                d["message"].as_str().unwrap().into(),
            ));
        }
    }
    from_cli.sort();
    from_server.sort();
    assert_eq!(from_cli, from_server);
    client.shutdown_and_exit();
}

#[test]
fn json_offsets_after_umlauts_and_emoji_are_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Grüße aus Köln 👋. Rundfunkberichte erzählen von Explosionen und zerstörten Wohnhäusern.";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let (stdout, _, _) = dossier(&["check", "--format", "json"], dir.path());
    let vague: Value = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["code"] == "dossier.vague-source")
        .unwrap_or_else(|| panic!("no vague source in {stdout}"));
    let start = vague["start"].as_u64().unwrap() as usize;
    let end = vague["end"].as_u64().unwrap() as usize;
    let covered: String = text.chars().skip(start).take(end - start).collect();
    assert!(covered.starts_with("von Explosionen"), "{covered:?}");
    assert_eq!(
        vague["column"].as_u64().unwrap() as usize,
        start + 1,
        "one line: column = code point + 1"
    );
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let (stdout, _, code) = dossier(&["--help"], dir.path());
    assert_eq!(code, 0);
    for command in ["lsp", "check", "export", "entities", "eval"] {
        assert!(stdout.contains(command), "{command} missing from --help");
    }
    let (stdout, _, code) = dossier(&["check", "--help"], dir.path());
    assert_eq!(code, 0);
    assert!(stdout.contains("--format"));
    let (stdout, _, _) = dossier(&["--version"], dir.path());
    assert_eq!(
        stdout.trim(),
        format!("dossier {}", env!("CARGO_PKG_VERSION"))
    );
}
