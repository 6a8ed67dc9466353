//! Claim features through the real server on the seed articles: diagnostics with related
//! information, the claim card, definition from a cue, inlay hints, code lenses, symbols.

mod support;

use serde_json::{Value, json};
use std::path::Path;
use support::{LspClient, file_uri, position_at, text_at};

const SEED_A: &str = "000_d6396046d8ded179.txt";
const SEED_B: &str = "001_2779e59d105fe22f.txt";

fn seed(name: &str) -> String {
    std::fs::read_to_string(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).join(name))
        .unwrap()
}

struct Session {
    client: LspClient,
    a: (String, String),
    b: (String, String),
    diagnostics_a: Vec<Value>,
    diagnostics_b: Vec<Value>,
}

fn session() -> Session {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    let mut client = LspClient::start();
    client.initialize(&["utf-16"], Some(root));
    let (uri_a, uri_b) = (file_uri(&root.join(SEED_A)), file_uri(&root.join(SEED_B)));
    let diagnostics_a = client.wait_for_diagnostics(&uri_a, None);
    let diagnostics_b = client.wait_for_diagnostics(&uri_b, None);
    Session {
        client,
        a: (uri_a, seed(SEED_A)),
        b: (uri_b, seed(SEED_B)),
        diagnostics_a,
        diagnostics_b,
    }
}

fn at(uri: &str, text: &str, needle: &str, extra: usize) -> Value {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}")) + extra;
    json!({"textDocument": {"uri": uri}, "position": position_at(text, offset, "utf-16")})
}

#[test]
fn seed_diagnostics_flag_vague_sources_and_the_trump_role_conflict() {
    let s = session();
    let (uri_a, a) = &s.a;
    let (uri_b, b) = &s.b;
    let vague = s
        .diagnostics_a
        .iter()
        .find(|d| d["code"] == "dossier.vague-source")
        .expect("vague source in A");
    assert!(
        text_at(a, &vague["range"], "utf-16").starts_with("von Explosionen"),
        "{vague}"
    );
    assert!(
        vague["message"]
            .as_str()
            .unwrap()
            .contains("Rundfunkberichte")
            || vague["message"].as_str().unwrap().contains("erzählen")
    );
    let conflict = s
        .diagnostics_a
        .iter()
        .find(|d| d["code"] == "dossier.role-conflict")
        .expect("role conflict in A");
    assert_eq!(
        text_at(a, &conflict["range"], "utf-16"),
        "ehemaligen Präsidenten"
    );
    let related = &conflict["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], *uri_b);
    assert_eq!(
        text_at(b, &related["location"]["range"], "utf-16"),
        "US-Präsident"
    );
    let back = s
        .diagnostics_b
        .iter()
        .find(|d| d["code"] == "dossier.role-conflict")
        .expect("role conflict in B");
    assert_eq!(back["relatedInformation"][0]["location"]["uri"], *uri_a);
    s.client.shutdown_and_exit();
}

#[test]
fn selenskyj_figure_card_definition_and_hints() {
    let mut s = session();
    let (uri_a, a) = s.a.clone();
    let hover = s
        .client
        .request("textDocument/hover", at(&uri_a, &a, "über 40 Prozent", 6));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(
        card.contains("**Speaker:** Präsident Wolodymyr Selenskyj"),
        "{card}"
    );
    assert!(card.contains("**Figures:** > 40 %"), "{card}");
    assert!(card.contains("**Cue:** “betont”"), "{card}");
    assert!(
        card.contains("### Wolodymyr Selenskyj"),
        "the speaker's card is included: {card}"
    );
    assert!(card.contains("Other claims by this speaker"), "{card}");
    // From the cue, definition goes to the speaker's introducing mention.
    let definition = s.client.request(
        "textDocument/definition",
        at(&uri_a, &a, "Selenskyj betont", 11),
    );
    let definition = if definition.is_array() {
        definition[0].clone()
    } else {
        definition
    };
    assert_eq!(
        text_at(&a, &definition["range"], "utf-16"),
        "Wolodymyr Selenskyj"
    );
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}});
    let hints = s.client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri_a}, "range": whole}),
    );
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"= > 40 %"), "{labels:?}");
    let lenses = s.client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri_a}}),
    );
    let on_selenskyj = lenses
        .as_array()
        .unwrap()
        .iter()
        .find(|l| text_at(&a, &l["range"], "utf-16") == "Wolodymyr Selenskyj")
        .expect("a lens on Selenskyj");
    let title = on_selenskyj["command"]["title"].as_str().unwrap();
    assert!(title.ends_with("claims in 2 articles"), "{title}");
    s.client.shutdown_and_exit();
}

#[test]
fn claims_appear_in_document_symbols_under_their_speaker() {
    let mut s = session();
    let (uri_b, _) = s.b.clone();
    let symbols = s.client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri_b}}),
    );
    let people = symbols
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "People")
        .unwrap();
    let pistorius = people["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Boris Pistorius")
        .unwrap();
    let claims: Vec<&Value> = pistorius["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["detail"] == "claim · indirect")
        .collect();
    assert!(
        claims.iter().any(|c| c["name"]
            .as_str()
            .unwrap()
            .starts_with("Zweifel an einem echten Interesse")),
        "{pistorius}"
    );
    let unsourced = symbols
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Claims without a named source")
        .unwrap();
    assert!(!unsourced["children"].as_array().unwrap().is_empty());
    s.client.shutdown_and_exit();
}
