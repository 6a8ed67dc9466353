//! The real binary driven over stdio through whole sessions.

mod support;

use serde_json::{Value, json};
use support::{LspClient, file_uri};

#[test]
fn whole_session_exits_zero_after_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = LspClient::start();
    let result = client.initialize(&["utf-16"], Some(dir.path()));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        result["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    let uri = file_uri(&dir.path().join("leer.txt"));
    client.open(&uri, "   \n");
    let diagnostics = client.wait_for_diagnostics(&uri, Some(1));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["code"], "dossier.empty-file");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(hover, Value::Null);
    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn nothing_is_sent_after_shutdown_while_the_workspace_is_still_indexed() {
    // Enough articles that indexing goes on well past the shutdown request, which comes
    // right after `initialized`.
    let workspace = tempfile::tempdir().unwrap();
    let seed = include_str!("../seeds/000_d6396046d8ded179.txt");
    for i in 0..80 {
        std::fs::write(workspace.path().join(format!("artikel-{i}.txt")), seed).unwrap();
    }
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("stderr.log");
    let mut client = LspClient::start_logging_to(&log);
    // Without progress reports, which would keep indexing waiting on the client's answer.
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(workspace.path()), "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    client.request("shutdown", Value::Null);
    let before_shutdown = client.notifications.len();
    // Long enough for the whole workspace to be read and its diagnostics published, had
    // the server gone on after the shutdown.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let after_shutdown = client.exit_collecting_notifications();
    let sent: Vec<&Value> = after_shutdown[before_shutdown..]
        .iter()
        .map(|n| &n["method"])
        .collect();
    assert!(sent.is_empty(), "sent after shutdown: {sent:?}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(!logged.contains("failed to send"), "{logged}");
}

#[test]
fn exit_without_shutdown_exits_one() {
    let mut client = LspClient::start_with_args(&["--stdio"]);
    client.initialize(&[], None);
    assert_eq!(client.exit_without_shutdown().code(), Some(1));
}

#[test]
fn utf8_is_chosen_when_offered() {
    let mut client = LspClient::start();
    let result = client.initialize(&["utf-16", "utf-8"], None);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn malformed_settings_file_gets_a_diagnostic_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dossier.toml"),
        "language = \"de\"\n\n[diagnostics]\nvague-source = \"laut\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("artikel.txt"),
        "Der Präsident sagte, die Lage sei ernst.",
    )
    .unwrap();
    let mut client = LspClient::start();
    client.initialize(&["utf-16"], Some(dir.path()));
    let uri = file_uri(&dir.path().join("dossier.toml"));
    let diagnostics = client.wait_for_diagnostics(&uri, None);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "dossier.config");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 3);
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("laut"));
    // The rest of the workspace keeps working: the article is indexed and diagnosed.
    let article = file_uri(&dir.path().join("artikel.txt"));
    client.wait_for_diagnostics(&article, None);
    // The progress of indexing was reported through a token the client created.
    assert!(
        client
            .server_requests
            .iter()
            .any(|r| r["method"] == "window/workDoneProgress/create")
    );
    assert!(
        client
            .notifications
            .iter()
            .any(|n| n["method"] == "$/progress" && n["params"]["value"]["kind"] == "end")
    );
    assert!(
        client
            .server_requests
            .iter()
            .any(|r| r["method"] == "client/registerCapability")
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn bad_files_in_the_workspace_get_clear_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Zeile\nK\xf6ln").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02\x03").unwrap();
    std::fs::write(dir.path().join("dossier.toml"), "max_file_size = 100\n").unwrap();
    std::fs::write(dir.path().join("big.md"), "Wort ".repeat(50)).unwrap();
    let mut client = LspClient::start();
    client.initialize(&["utf-16"], Some(dir.path()));
    let code_of = |client: &mut LspClient, name: &str| {
        let diagnostics = client.wait_for_diagnostics(&file_uri(&dir.path().join(name)), None);
        (
            diagnostics[0]["code"].clone(),
            diagnostics[0]["range"]["start"]["line"].clone(),
        )
    };
    assert_eq!(
        code_of(&mut client, "latin1.txt"),
        (json!("dossier.not-utf8"), json!(1))
    );
    assert_eq!(code_of(&mut client, "binary.txt").0, "dossier.binary-file");
    assert_eq!(code_of(&mut client, "big.md").0, "dossier.file-too-large");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn files_changed_on_disk_are_reindexed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("artikel.txt");
    std::fs::write(&path, "Der Präsident sagte, die Lage sei ernst.").unwrap();
    let mut client = LspClient::start();
    client.initialize(&["utf-16"], Some(dir.path()));
    let uri = file_uri(&path);
    assert!(client.wait_for_diagnostics(&uri, None).is_empty());
    std::fs::write(&path, b"\xff\xfe kaputt").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}]}),
    );
    let diagnostics = client.wait_for_diagnostics(&uri, None);
    assert_eq!(diagnostics[0]["code"], "dossier.not-utf8");
    std::fs::remove_file(&path).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 3}]}),
    );
    assert!(
        client.wait_for_diagnostics(&uri, None).is_empty(),
        "cleared after deletion"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn positions_past_the_end_are_clamped_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut client = LspClient::start();
    client.initialize(&["utf-16"], None);
    client.open(&uri, "Der Präsident sprach in Köln.");
    client.wait_for_diagnostics(&uri, Some(1));
    let far = json!({"textDocument": {"uri": uri}, "position": {"line": 999, "character": 999}});
    assert_eq!(
        client.request("textDocument/hover", far.clone()),
        Value::Null
    );
    assert_eq!(client.request("textDocument/definition", far), Value::Null);
    // An edit whose range lies past the end appends at the end.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 5, "character": 0}, "end": {"line": 9, "character": 3}},
            "text": " Merz antwortete in Bonn."}]}),
    );
    client.wait_for_diagnostics(&uri, Some(2));
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let places: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["name"] == "Places")
        .flat_map(|g| {
            g["children"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap())
        })
        .collect();
    assert_eq!(places, ["Köln", "Bonn"]);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
