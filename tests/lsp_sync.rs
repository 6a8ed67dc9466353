//! Ordering and encodings under pressure: hundreds of rapid incremental edits, then a
//! request at once; the server must answer from exactly the client's final text.

mod support;

use dossier::analysis::AnalysisContext;
use dossier::config::Config;
use dossier::corpus::workspace::{Article, Corpus};
use dossier::text::lines::{Encoding, LineIndex};
use serde_json::{Value, json};
use std::sync::Arc;
use support::{LspClient, position_at};

/// A tiny deterministic generator, so a failing run can be replayed from its seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

const INSERTS: &[&str] = &[
    "ü",
    "👋",
    " Selenskyj",
    "Ä",
    "\n",
    "laut Experten ",
    "40 Prozent",
    "ß",
    "\r\n",
    "x",
];

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What the library says about a text, as (code, start line, start column in UTF-16).
fn expected_diagnostics(text: &str) -> Vec<(String, u64, u64)> {
    let mut corpus = Corpus::new(Config::default());
    corpus.insert(
        "doc",
        Article::from_text(
            Arc::from(text),
            &Config::default(),
            &AnalysisContext::default(),
        ),
    );
    let lines = LineIndex::new(text);
    let mut found: Vec<_> = corpus
        .diagnostics("doc")
        .iter()
        .map(|d| {
            let p = lines.position(text, d.range.start, Encoding::Utf16);
            (d.code.to_string(), p.line as u64, p.col as u64)
        })
        .collect();
    found.sort();
    found
}

fn run_edits(seed: u64, encoding: &str) {
    let mut rng = Lcg(seed);
    let mut text = include_str!("../seeds/000_d6396046d8ded179.txt").to_string();
    let dir = tempfile::tempdir().unwrap();
    let uri = support::file_uri(&dir.path().join("artikel.txt"));
    let mut client = LspClient::start();
    client.initialize(&[encoding], None);
    client.open(&uri, &text);
    for version in 2..=501 {
        let start = floor(&text, rng.next(text.len() + 1));
        let (end, insert) = if rng.next(2) == 0 {
            (start, INSERTS[rng.next(INSERTS.len())])
        } else {
            (floor(&text, (start + rng.next(12)).min(text.len())), "")
        };
        // A CRLF must not be split by an edit, or the two sides would count lines differently.
        if text[..start].ends_with('\r') || text[..end].ends_with('\r') {
            continue;
        }
        let range = json!({"start": position_at(&text, start, encoding), "end": position_at(&text, end, encoding)});
        text.replace_range(start..end, insert);
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": insert}]}),
        );
    }
    let final_version = 501;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": final_version + 1}, "contentChanges": []}),
    );
    // A request right after the burst answers from the final text …
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.is_array());
    // … and the diagnostics published for the final version are those of the final text.
    let published = client.wait_for_diagnostics(&uri, Some(final_version + 1));
    let mut got: Vec<(String, u64, u64)> = published
        .iter()
        .map(|d: &Value| {
            let start = &d["range"]["start"];
            let column = start["character"].as_u64().unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                start["line"].as_u64().unwrap(),
                column,
            )
        })
        .collect();
    got.sort();
    let mut expected = expected_diagnostics(&text);
    if encoding == "utf-8" {
        // Compare UTF-8 columns by converting the expectation.
        let lines = LineIndex::new(&text);
        expected = Corpus::default()
            .ids()
            .map(|_| unreachable!())
            .collect::<Vec<_>>();
        let mut corpus = Corpus::new(Config::default());
        corpus.insert(
            "doc",
            Article::from_text(
                Arc::from(text.as_str()),
                &Config::default(),
                &AnalysisContext::default(),
            ),
        );
        expected.extend(corpus.diagnostics("doc").iter().map(|d| {
            let p = lines.position(&text, d.range.start, Encoding::Utf8);
            (d.code.to_string(), p.line as u64, p.col as u64)
        }));
        expected.sort();
    }
    assert_eq!(got, expected, "seed {seed}, {encoding}");
    assert!(
        !expected.is_empty(),
        "the final text has diagnostics to compare (seed {seed})"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn five_hundred_rapid_edits_in_utf16_twenty_times() {
    for seed in 0..20 {
        run_edits(seed, "utf-16");
    }
}

#[test]
fn five_hundred_rapid_edits_in_utf8() {
    for seed in 100..105 {
        run_edits(seed, "utf-8");
    }
}
