//! Entity features through the real server: hover cards, definition, references,
//! symbols, semantic tokens, completion, rename and quick fixes, in both encodings.

mod support;

use serde_json::{Value, json};
use std::path::Path;
use support::{LspClient, file_uri, fixture, position_at, text_at};

fn seeds() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
}

const SEED_A: &str = "000_d6396046d8ded179.txt";
const SEED_B: &str = "001_2779e59d105fe22f.txt";

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seeds().join(name)).unwrap()
}

/// A server over a copy of the seeds (so tests may add files), ready after indexing.
fn server_on_seeds(encoding: &str) -> (LspClient, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for name in [SEED_A, SEED_B] {
        std::fs::copy(seeds().join(name), dir.path().join(name)).unwrap();
    }
    let mut client = LspClient::start();
    client.initialize(&[encoding], Some(dir.path()));
    for name in [SEED_A, SEED_B] {
        client.wait_for_diagnostics(&file_uri(&dir.path().join(name)), None);
    }
    (client, dir)
}

fn at(uri: &str, text: &str, offset: usize, encoding: &str) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position_at(text, offset, encoding)})
}

fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn hover_and_definition_land_on_jürgen_in_both_encodings() {
    for (encoding, column) in [("utf-16", 21), ("utf-8", 26)] {
        let (text, offset) = fixture("Grüße aus Köln 👋 an $0Jürgen");
        assert_eq!(position_at(&text, offset, encoding)["character"], column);
        let dir = tempfile::tempdir().unwrap();
        let uri = file_uri(&dir.path().join("gruss.txt"));
        let mut client = LspClient::start();
        client.initialize(&[encoding], None);
        client.open(&uri, &text);
        client.wait_for_diagnostics(&uri, Some(1));
        let params =
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": column}});
        let hover = client.request("textDocument/hover", params.clone());
        assert!(
            hover_text(&hover).starts_with("### Jürgen"),
            "{encoding}: {hover}"
        );
        assert_eq!(text_at(&text, &hover["range"], encoding), "Jürgen");
        let definition = client.request("textDocument/definition", params);
        assert_eq!(
            definition["range"]["start"]["character"], column,
            "{encoding}"
        );
        assert_eq!(text_at(&text, &definition["range"], encoding), "Jürgen");
        // An edit after the emoji lands where the client meant: "Jürgen" moves right by one.
        let insert_at = position_at(&text, text.find(" an").unwrap(), encoding);
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2},
                   "contentChanges": [{"range": {"start": insert_at, "end": insert_at}, "text": "!"}]}),
        );
        let moved =
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": column + 1}});
        let hover = client.request("textDocument/hover", moved);
        let edited = text.replacen(" an", "! an", 1);
        assert_eq!(
            text_at(&edited, &hover["range"], encoding),
            "Jürgen",
            "{encoding}"
        );
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

#[test]
fn jermak_card_and_definition_in_the_seed() {
    let (mut client, dir) = server_on_seeds("utf-16");
    let text = seed_text(SEED_A);
    let uri = file_uri(&dir.path().join(SEED_A));
    let later = text.find("wie Jermak auf der Plattform").unwrap() + "wie ".len();
    let hover = client.request("textDocument/hover", at(&uri, &text, later + 2, "utf-16"));
    let card = hover_text(&hover);
    assert!(card.starts_with("### Andrij Jermak"), "{card}");
    assert!(card.contains("*person*"), "{card}");
    assert!(
        card.contains("Leiter der Kiewer Präsidialverwaltung"),
        "{card}"
    );
    assert!(card.contains("**Mentions:** "), "{card}");
    assert!(
        card.contains("Introduced:** “Der Leiter der Kiewer Präsidialverwaltung, Andrij Jermak"),
        "{card}"
    );
    let definition = client.request("textDocument/definition", at(&uri, &text, later, "utf-16"));
    assert_eq!(definition["uri"], uri);
    assert_eq!(
        text_at(&text, &definition["range"], "utf-16"),
        "Andrij Jermak"
    );
    let declaration = client.request("textDocument/declaration", at(&uri, &text, later, "utf-16"));
    assert_eq!(
        text_at(&text, &declaration["range"], "utf-16"),
        "Andrij Jermak"
    );
    client.shutdown_and_exit();
}

#[test]
fn references_and_definition_cross_articles() {
    let (mut client, dir) = server_on_seeds("utf-8");
    let (a, b) = (seed_text(SEED_A), seed_text(SEED_B));
    let (uri_a, uri_b) = (
        file_uri(&dir.path().join(SEED_A)),
        file_uri(&dir.path().join(SEED_B)),
    );
    let in_b =
        b.find("Präsident Wolodymyr Selenskyj betonte").unwrap() + "Präsident Wolodymyr ".len();
    // From the later article, the entity's first mention in the workspace is offered too.
    let definition = client.request("textDocument/definition", at(&uri_b, &b, in_b, "utf-8"));
    let targets: Vec<(String, String)> = definition
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let text = if l["uri"] == uri_a { &a } else { &b };
            (
                l["uri"].as_str().unwrap().to_string(),
                text_at(text, &l["range"], "utf-8"),
            )
        })
        .collect();
    assert_eq!(
        targets[0],
        (uri_b.clone(), "Wolodymyr Selenskyj".to_string())
    );
    assert_eq!(
        targets[1],
        (uri_a.clone(), "Wolodymyr Selenskyj".to_string())
    );
    let references = |client: &mut LspClient, include: bool| {
        let mut params = at(&uri_b, &b, in_b, "utf-8");
        params["context"] = json!({"includeDeclaration": include});
        client
            .request("textDocument/references", params)
            .as_array()
            .unwrap()
            .clone()
    };
    let all = references(&mut client, true);
    assert!(all.iter().any(|l| l["uri"] == uri_a) && all.iter().any(|l| l["uri"] == uri_b));
    let without = references(&mut client, false);
    assert_eq!(
        all.len() - without.len(),
        2,
        "one introducing mention per article left out"
    );
    let highlights = client.request(
        "textDocument/documentHighlight",
        at(&uri_b, &b, in_b, "utf-8"),
    );
    let highlights = highlights.as_array().unwrap();
    assert_eq!(
        highlights.len(),
        all.iter().filter(|l| l["uri"] == uri_b).count()
    );
    client.shutdown_and_exit();
}

#[test]
fn symbols_tokens_and_completion() {
    let (mut client, dir) = server_on_seeds("utf-16");
    let uri = file_uri(&dir.path().join(SEED_A));
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let groups: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(groups[..3], ["People", "Organisations", "Places"]);
    let people: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "Marco Rubio",
        "Steve Witkoff",
        "Donald Trump",
        "Andrij Jermak",
        "Wolodymyr Selenskyj",
    ] {
        assert!(people.contains(&name), "{name} missing from {people:?}");
    }
    let found = client.request("workspace/symbol", json!({"query": "selen"}));
    assert_eq!(found[0]["name"], "Wolodymyr Selenskyj");
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data = tokens["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    assert!(data.len() / 5 > 30, "every mention is a token");
    // The first token of the seed is "Paris" (line 0), a location (type index 2).
    assert_eq!((data[0].as_u64(), data[3].as_u64()), (Some(0), Some(2)));
    let (text, offset) = fixture("Heute sprach Selen$0 in Paris.");
    let new_uri = file_uri(&dir.path().join("neu.txt"));
    client.open(&new_uri, &text);
    let items = client.request(
        "textDocument/completion",
        at(&new_uri, &text, offset, "utf-16"),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"Selenskyj"), "{labels:?}");
    client.shutdown_and_exit();
}

#[test]
fn rename_keeps_inflection_across_articles() {
    let (mut client, dir) = server_on_seeds("utf-16");
    let b = seed_text(SEED_B);
    let uri_b = file_uri(&dir.path().join(SEED_B));
    let third = dir.path().join("002.txt");
    let third_text =
        "Präsident Wolodymyr Selenskyj reiste nach Berlin. Selenskyjs Rede wurde gelobt.";
    std::fs::write(&third, third_text).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&third), "type": 1}]}),
    );
    client.wait_for_diagnostics(&file_uri(&third), None);
    let at_name = b.find("Selenskyj betonte").unwrap() + 2;
    let prepared = client.request(
        "textDocument/prepareRename",
        at(&uri_b, &b, at_name, "utf-16"),
    );
    assert_eq!(prepared["placeholder"], "Selenskyj");
    let mut params = at(&uri_b, &b, at_name, "utf-16");
    params["newName"] = json!("Selenskij");
    let edit = client.request("textDocument/rename", params);
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 3, "all three articles change");
    let third_edits = changes[&file_uri(&third)].as_array().unwrap();
    let mut renamed = third_text.to_string();
    let mut edits: Vec<(String, String)> = third_edits
        .iter()
        .map(|e| {
            (
                text_at(third_text, &e["range"], "utf-16"),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort();
    edits.dedup();
    assert_eq!(edits, [("Selenskyj".to_string(), "Selenskij".to_string())]);
    for (old, new) in &edits {
        renamed = renamed.replace(old.as_str(), new);
    }
    assert!(renamed.contains("Selenskijs Rede"), "{renamed}");
    client.shutdown_and_exit();
}

#[test]
fn spelling_variant_gets_a_quick_fix() {
    let (mut client, dir) = server_on_seeds("utf-16");
    let path = dir.path().join("003.txt");
    let text =
        "Der ukrainische Präsident Wolodymyr Selensky reiste nach Berlin, wo Selensky sprach.";
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 1}]}),
    );
    let diagnostics = client.wait_for_diagnostics(&uri, None);
    let variant = diagnostics
        .iter()
        .find(|d| d["code"] == "dossier.spelling-variant")
        .unwrap_or_else(|| panic!("no variant diagnostic in {diagnostics:?}"));
    assert!(text_at(text, &variant["range"], "utf-16").ends_with("Selensky"));
    assert!(
        variant["message"].as_str().unwrap().contains("Selenskyj”"),
        "{variant}"
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": variant["range"], "context": {"diagnostics": [variant]}}),
    );
    let first = &actions[0];
    assert_eq!(first["kind"], "quickfix");
    let edits = first["edit"]["changes"][&uri].as_array().unwrap();
    assert!(
        edits[0]["newText"].as_str().unwrap().ends_with("Selenskyj"),
        "{first}"
    );
    client.shutdown_and_exit();
}

#[test]
fn knowledge_base_entries_define_entities() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dossier.toml"),
        "knowledge_base = [\"kb.toml\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kb.toml"),
        "# people we follow\n\n[[entity]]\nid = \"andrij-jermak\"\ntype = \"PER\"\nname = \"Andrij Jermak\"\n\
         aliases = [\"Andriy Yermak\", \"Jermak\"]\ndescription = \"Leiter des ukrainischen Präsidialamts\"\n\
         wikidata = \"Q20054337\"\n",
    )
    .unwrap();
    let text = "Andriy Yermak traf in Paris ein. Jermak sagte, die Gespräche seien gut verlaufen.";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let mut client = LspClient::start();
    client.initialize(&["utf-16"], Some(dir.path()));
    let uri = file_uri(&dir.path().join("a.txt"));
    client.wait_for_diagnostics(&uri, None);
    let offset = text.find("Jermak sagte").unwrap();
    let hover = client.request("textDocument/hover", at(&uri, text, offset, "utf-16"));
    let card = hover_text(&hover);
    assert!(card.starts_with("### Andrij Jermak"), "{card}");
    assert!(
        card.contains("Leiter des ukrainischen Präsidialamts") && card.contains("Q20054337"),
        "{card}"
    );
    let definition = client.request("textDocument/definition", at(&uri, text, offset, "utf-16"));
    assert_eq!(definition["uri"], file_uri(&dir.path().join("kb.toml")));
    assert_eq!(
        definition["range"]["start"]["line"], 2,
        "the [[entity]] table"
    );
    client.shutdown_and_exit();
}
