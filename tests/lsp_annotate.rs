//! Annotating through the real server: every code action family runs as a server-side command
//! and leaves its decision in the `.ann` beside the article (or the knowledge-base TOML), and
//! what the editor shows follows.

mod support;

use serde_json::{Value, json};
use std::path::Path;
use support::{LspClient, file_uri, position_at};

const ENC: &str = "utf-16";

const TEXT: &str = "Der ukrainische Präsident Wolodymyr Selenskyj traf am Montag in Kiew den Kanzler Olaf Scholz. „Wir brauchen mehr Hilfe“, sagte Selenskyj. Die Sparkasse Gütersloh meldete Gewinne. Laut Scholz sei die Lage ernst.\n";

struct Session {
    client: LspClient,
    dir: tempfile::TempDir,
    uri: String,
    text: String,
}

/// A server over a folder with `a.txt` (and the given extra files), with `a.txt` open.
fn session(text: &str, extra: &[(&str, &str)]) -> Session {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    for (name, content) in extra {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    reopen(dir, text)
}

fn reopen(dir: tempfile::TempDir, text: &str) -> Session {
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut client = LspClient::start();
    client.initialize(&[ENC], Some(dir.path()));
    client.wait_for_diagnostics(&uri, None);
    client.open(&uri, text);
    client.wait_for_diagnostics(&uri, Some(1));
    Session {
        client,
        dir,
        uri,
        text: text.to_string(),
    }
}

fn nth(text: &str, needle: &str, n: usize) -> std::ops::Range<usize> {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in text"))
        .0;
    start..start + needle.len()
}

fn chars(text: &str, range: &std::ops::Range<usize>) -> (usize, usize) {
    (
        text[..range.start].chars().count(),
        text[..range.end].chars().count(),
    )
}

impl Session {
    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn ann(&self) -> String {
        std::fs::read_to_string(self.path("a.ann")).unwrap_or_default()
    }

    fn actions(&mut self, range: std::ops::Range<usize>) -> Vec<Value> {
        let params = json!({
            "textDocument": {"uri": self.uri},
            "range": {"start": position_at(&self.text, range.start, ENC), "end": position_at(&self.text, range.end, ENC)},
            "context": {"diagnostics": []}
        });
        let result = self.client.request("textDocument/codeAction", params);
        result.as_array().cloned().unwrap_or_default()
    }

    fn titles(&mut self, range: std::ops::Range<usize>) -> Vec<String> {
        self.actions(range)
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    }

    fn action(&mut self, range: std::ops::Range<usize>, title: &str) -> Value {
        let actions = self.actions(range);
        actions
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| {
                let titles: Vec<_> = actions.iter().map(|a| &a["title"]).collect();
                panic!("no action {title:?} among {titles:#?}")
            })
            .clone()
    }

    /// Runs an action's command as an editor does.
    fn run(&mut self, action: &Value) -> Value {
        let command = &action["command"];
        self.client.request(
            "workspace/executeCommand",
            json!({"command": command["command"], "arguments": command["arguments"]}),
        )
    }

    fn hover(&mut self, offset: usize) -> Value {
        self.client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": self.uri}, "position": position_at(&self.text, offset, ENC)}),
        )
    }

    fn hover_text(&mut self, offset: usize) -> String {
        self.hover(offset)["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Semantic tokens as (line, start char, length, type, modifiers).
    fn tokens(&mut self) -> Vec<(u64, u64, u64, u64, u64)> {
        let result = self.client.request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": self.uri}}),
        );
        let data: Vec<u64> = result["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let (mut line, mut start) = (0, 0);
        data.chunks(5)
            .map(|t| {
                if t[0] > 0 {
                    start = 0;
                }
                line += t[0];
                start += t[1];
                (line, start, t[2], t[3], t[4])
            })
            .collect()
    }

    fn token_at(&mut self, offset: usize) -> Option<(u64, u64, u64, u64, u64)> {
        let column = position_at(&self.text, offset, ENC)["character"]
            .as_u64()
            .unwrap();
        self.tokens().into_iter().find(|t| t.1 == column)
    }
}

/// A `T` line without a `Status` attribute is confirmed (how brat and INCEpTION files read).
#[test]
fn confirming_writes_the_t_line_with_its_status_and_marks_the_token() {
    let mut s = session(TEXT, &[]);
    let selenskyj = nth(TEXT, "Selenskyj", 1);
    assert_eq!(s.token_at(selenskyj.start).unwrap().4 & 1, 0);
    // Editors that ask only for refactorings still get the annotation actions.
    let only = s.client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": s.uri},
               "range": {"start": position_at(TEXT, selenskyj.start, ENC), "end": position_at(TEXT, selenskyj.end, ENC)},
               "context": {"diagnostics": [], "only": ["refactor.rewrite"]}}),
    );
    assert!(
        only.as_array()
            .unwrap()
            .iter()
            .all(|a| a["kind"] == "refactor.rewrite")
    );
    let confirm = s.action(selenskyj.clone(), "Confirm PER “Selenskyj”");
    assert_eq!(confirm["kind"], "refactor.rewrite");
    assert_eq!(s.run(&confirm), Value::Null);
    let (a, b) = chars(TEXT, &selenskyj);
    assert_eq!(s.ann(), format!("T1\tPER {a} {b}\tSelenskyj\n"));
    assert_eq!(
        s.token_at(selenskyj.start).unwrap().4 & 1,
        1,
        "confirmed modifier"
    );
    // Confirmed once: not offered again.
    assert!(!s.titles(selenskyj).iter().any(|t| t.starts_with("Confirm")));
}

#[test]
fn a_rejected_mention_disappears_and_stays_gone_after_a_restart() {
    let mut s = session(TEXT, &[]);
    let kiew = nth(TEXT, "Kiew", 0);
    assert!(s.hover_text(kiew.start).contains("### Kiew"));
    let reject = s.action(kiew.clone(), "Not an entity: reject “Kiew”");
    assert_eq!(reject["kind"], "quickfix");
    s.run(&reject);
    let (a, b) = chars(TEXT, &kiew);
    assert_eq!(
        s.ann(),
        format!("T1\tLOC {a} {b}\tKiew\nA1\tStatus T1 Rejected\n")
    );
    assert_eq!(s.hover(kiew.start), Value::Null);
    assert_eq!(s.token_at(kiew.start), None);
    let Session { client, dir, .. } = s;
    client.shutdown_and_exit();
    let mut s = reopen(dir, TEXT);
    assert_eq!(s.hover(kiew.start), Value::Null);
    assert_eq!(s.token_at(kiew.start), None);
    // Scholz is untouched.
    assert!(
        s.hover_text(nth(TEXT, "Scholz", 1).start)
            .contains("### Olaf Scholz")
    );
}

#[test]
fn retyping_gives_the_mention_the_persons_type() {
    let mut s = session(TEXT, &[]);
    let place = nth(TEXT, "Gütersloh", 0);
    assert!(s.hover_text(place.start).contains("*place*"));
    let retype = s.action(place.clone(), "Change type of “Gütersloh” to ORG");
    s.run(&retype);
    let (a, b) = chars(TEXT, &place);
    assert_eq!(s.ann(), format!("T1\tORG {a} {b}\tGütersloh\n"));
    assert!(s.hover_text(place.start).contains("*organisation*"));
}

#[test]
fn a_note_shows_in_the_hover_card() {
    let mut s = session(TEXT, &[]);
    let scholz = nth(TEXT, "Olaf Scholz", 0);
    let mut note = s.action(scholz.clone(), "Add note to “Olaf Scholz”");
    assert_eq!(note["command"]["arguments"][0]["note"], "to check");
    note["command"]["arguments"][0]["note"] = json!("Amt prüfen: Kanzler bis 2025");
    s.run(&note);
    let (a, b) = chars(TEXT, &scholz);
    assert_eq!(
        s.ann(),
        format!(
            "T1\tPER {a} {b}\tOlaf Scholz\n#1\tAnnotatorNotes T1\tAmt prüfen: Kanzler bis 2025\n"
        )
    );
    assert!(
        s.hover_text(scholz.start + 1)
            .ends_with("**Note:** Amt prüfen: Kanzler bis 2025")
    );
}

#[test]
fn a_selection_becomes_an_organisation() {
    let mut s = session(TEXT, &[]);
    let sparkasse = nth(TEXT, "Sparkasse Gütersloh", 0);
    assert!(
        !s.hover_text(sparkasse.start)
            .contains("### Sparkasse Gütersloh")
    );
    let mark = s.action(sparkasse.clone(), "Mark “Sparkasse Gütersloh” as ORG");
    s.run(&mark);
    let (a, b) = chars(TEXT, &sparkasse);
    assert_eq!(
        s.ann(),
        format!("T1\tORG {a} {b}\tSparkasse Gütersloh\nA1\tStatus T1 Added\n")
    );
    let card = s.hover_text(sparkasse.start);
    assert!(
        card.starts_with("### Sparkasse Gütersloh\n\n*organisation*"),
        "{card}"
    );
}

#[test]
fn a_selection_becomes_a_claim_of_the_nearest_person() {
    let mut s = session(TEXT, &[]);
    let claim = nth(TEXT, "die Lage ernst", 0);
    let titles = s.titles(claim.clone());
    let by: Vec<_> = titles
        .iter()
        .filter(|t| t.starts_with("Mark as claim by"))
        .collect();
    assert_eq!(
        by,
        [
            "Mark as claim by Olaf Scholz",
            "Mark as claim by Wolodymyr Selenskyj"
        ]
    );
    let mark = s.action(claim.clone(), "Mark as claim by Olaf Scholz");
    s.run(&mark);
    let scholz = nth(TEXT, "Scholz", 1);
    let (a, b) = chars(TEXT, &claim);
    let (c, d) = chars(TEXT, &scholz);
    assert_eq!(
        s.ann(),
        format!(
            "T1\tClaim {a} {b}\tdie Lage ernst\nA1\tStatus T1 Added\nT2\tPER {c} {d}\tScholz\nR1\tSource Arg1:T1 Arg2:T2\n"
        )
    );
}

#[test]
fn claims_are_confirmed_with_their_kind_and_rekinded() {
    let mut s = session(TEXT, &[]);
    let quote = nth(TEXT, "„Wir brauchen mehr Hilfe“", 0);
    let inside = quote.start + 5..quote.start + 5;
    let confirm = s.action(inside.clone(), "Confirm quote claim");
    s.run(&confirm);
    let (a, b) = chars(TEXT, &quote);
    assert_eq!(
        s.ann(),
        format!("T1\tClaim {a} {b}\t„Wir brauchen mehr Hilfe“\nA1\tClaimKind T1 quote\n")
    );
    let kind = s.action(inside.clone(), "Set claim kind to indirect");
    s.run(&kind);
    assert!(
        s.ann().ends_with("A1\tClaimKind T1 indirect\n"),
        "{}",
        s.ann()
    );
    // The analysis found Selenskyj as the speaker; the person says it was Scholz.
    let titles = s.titles(inside.clone());
    assert!(
        !titles.iter().any(|t| t.ends_with("to Wolodymyr Selenskyj")),
        "{titles:#?}"
    );
    let speaker = s.action(inside, "Set speaker of quote claim to Olaf Scholz");
    s.run(&speaker);
    let (c, d) = chars(TEXT, &nth(TEXT, "Olaf Scholz", 0));
    assert!(
        s.ann().ends_with(&format!(
            "A1\tClaimKind T1 indirect\nT2\tPER {c} {d}\tOlaf Scholz\nR1\tSource Arg1:T1 Arg2:T2\n"
        )),
        "{}",
        s.ann()
    );
}

#[test]
fn a_name_confirmed_in_one_article_is_recognised_in_another() {
    let other = "Die Sparkasse Gütersloh schloss zwei Filialen.\n";
    let mut s = session(TEXT, &[("b.txt", other)]);
    let b_uri = file_uri(&s.path("b.txt"));
    let hover_b = |s: &mut Session| {
        s.client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": b_uri}, "position": position_at(other, 4, ENC)}),
        )["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(!hover_b(&mut s).starts_with("### Sparkasse Gütersloh"));
    let sparkasse = nth(TEXT, "Sparkasse Gütersloh", 0);
    let mark = s.action(sparkasse, "Mark “Sparkasse Gütersloh” as ORG");
    s.run(&mark);
    let card = hover_b(&mut s);
    assert!(
        card.starts_with("### Sparkasse Gütersloh\n\n*organisation*"),
        "{card}"
    );
}

const KB: &str = "[[entity]]\nid = \"wolodymyr-selenskyj\"\ntype = \"PER\"\nname = \"Wolodymyr Selenskyj\"\naliases = [\"Selenskyj\"]\n";
const SELENSKIJ: &str = "Der Präsident Selenskij sagte am Montag, die Lage sei ernst.\n";

#[test]
fn linking_offers_the_knowledge_base_entity_by_name_and_normalising_edits_the_text() {
    let mut s = session(
        SELENSKIJ,
        &[
            ("dossier.toml", "knowledge_base = [\"kb.toml\"]\n"),
            ("kb.toml", KB),
        ],
    );
    let name = nth(SELENSKIJ, "Selenskij", 0);
    let link = s.action(
        name.clone(),
        "Link “Selenskij” to Wolodymyr Selenskyj (wolodymyr-selenskyj)",
    );
    s.run(&link);
    assert_eq!(
        s.ann(),
        "T1\tPER 14 23\tSelenskij\nN1\tReference T1 dossier:wolodymyr-selenskyj\tWolodymyr Selenskyj\n"
    );
    assert!(
        s.hover_text(name.start)
            .starts_with("### Wolodymyr Selenskyj")
    );
    // Linked now: the alias and the spelling of the entry are offered.
    let titles = s.titles(name.clone());
    assert!(titles.contains(&"Add “Selenskij” as an alias of Wolodymyr Selenskyj".to_string()));
    let normalise = s.action(name.clone(), "Normalise spelling to “Wolodymyr Selenskyj”");
    s.run(&normalise);
    let edit = s
        .client
        .server_requests
        .iter()
        .find(|r| r["method"] == "workspace/applyEdit")
        .expect("the server asked the editor to change the text")
        .clone();
    assert_eq!(
        edit["params"]["edit"]["changes"][&s.uri],
        json!([{"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 23}}, "newText": "Wolodymyr Selenskyj"}])
    );
    // Adding the alias extends the entry in place.
    let alias = s.action(name, "Add “Selenskij” as an alias of Wolodymyr Selenskyj");
    s.run(&alias);
    assert_eq!(
        std::fs::read_to_string(s.path("kb.toml")).unwrap(),
        KB.replace("[\"Selenskyj\"]", "[\"Selenskyj\", \"Selenskij\"]")
    );
}

#[test]
fn creating_a_knowledge_base_entry_writes_toml_that_defines_the_entity() {
    let mut s = session(TEXT, &[]);
    let scholz = nth(TEXT, "Olaf Scholz", 0);
    let create = s.action(scholz.clone(), "Create knowledge-base entry “Olaf Scholz”");
    s.run(&create);
    assert_eq!(
        std::fs::read_to_string(s.path("knowledge.toml")).unwrap(),
        "[[entity]]\nid = \"olaf-scholz\"\ntype = \"PER\"\nname = \"Olaf Scholz\"\n"
    );
    assert_eq!(
        std::fs::read_to_string(s.path("dossier.toml")).unwrap(),
        "knowledge_base = [\"knowledge.toml\"]\n"
    );
    let (kb, errors) =
        dossier::corpus::knowledge_base::KnowledgeBase::load(&[s.path("knowledge.toml")]);
    assert!(errors.is_empty());
    assert_eq!(kb.get("olaf-scholz").unwrap().name, "Olaf Scholz");
    let (a, b) = chars(TEXT, &scholz);
    assert_eq!(
        s.ann(),
        format!(
            "T1\tPER {a} {b}\tOlaf Scholz\nN1\tReference T1 dossier:olaf-scholz\tOlaf Scholz\n"
        )
    );
    // The server read the new entry: "Scholz" alone is now offered as its alias.
    let surname = nth(TEXT, "Scholz", 1);
    let titles = s.titles(surname.clone());
    assert!(
        titles.contains(&"Add “Scholz” as an alias of Olaf Scholz".to_string()),
        "{titles:#?}"
    );
}

fn change(s: &mut Session, version: i64, start: usize, end: usize, new_text: &str) -> Vec<Value> {
    let range =
        json!({"start": position_at(&s.text, start, ENC), "end": position_at(&s.text, end, ENC)});
    s.client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": s.uri, "version": version},
               "contentChanges": [{"range": range, "text": new_text}]}),
    );
    s.text.replace_range(start..end, new_text);
    s.client.wait_for_diagnostics(&s.uri.clone(), Some(version))
}

#[test]
fn edits_keep_annotations_anchored_through_change_and_save() {
    let mut s = session(TEXT, &[]);
    let selenskyj = nth(TEXT, "Selenskyj", 1);
    let confirm = s.action(selenskyj.clone(), "Confirm PER “Selenskyj”");
    s.run(&confirm);
    // Text inserted before the name, then a typo fixed inside it.
    change(&mut s, 2, 0, 0, "Kiew, Montag. ");
    let moved = nth(&s.text, "Selenskyj", 1);
    change(&mut s, 3, moved.start + 7, moved.start + 8, "i");
    assert!(s.text.contains("sagte Selenskij."));
    s.client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": s.uri}}),
    );
    let name = nth(&s.text, "Selenskij", 0);
    let (a, b) = chars(&s.text.clone(), &name);
    let expected = format!("T1\tPER {a} {b}\tSelenskij\n");
    // didSave is a notification: ask for something to know it was handled.
    s.hover(name.start);
    assert_eq!(s.ann(), expected);
    assert!(
        s.hover_text(name.start).contains("Selenskij")
            || s.hover_text(name.start).contains("Selenskyj")
    );
}

#[test]
fn a_malformed_ann_gets_its_diagnostic_and_is_never_written() {
    let bad = "T1\tPER 0 3\tDer\nT2\tPER zwei drei\tukrainische\n";
    let mut s = session(TEXT, &[("a.ann", bad)]);
    let ann_uri = file_uri(&s.path("a.ann"));
    let diagnostics = s.client.wait_for_diagnostics(&ann_uri, None);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "dossier.annotation-file");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 1);
    let selenskyj = nth(TEXT, "Selenskyj", 1);
    let confirm = s.action(selenskyj, "Confirm PER “Selenskyj”");
    let response = s.client.request_raw(
        "workspace/executeCommand",
        json!({"command": confirm["command"]["command"], "arguments": confirm["command"]["arguments"]}),
    );
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap()
            .contains("left untouched")
    );
    s.client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": s.uri}}),
    );
    s.hover(0);
    assert_eq!(std::fs::read(s.path("a.ann")).unwrap(), bad.as_bytes());
}

#[test]
fn the_unreadable_article_gets_a_hint() {
    let bad = "T1\tPER drei vier\tDer\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), TEXT).unwrap();
    std::fs::write(dir.path().join("a.ann"), bad).unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut client = LspClient::start();
    client.initialize(&[ENC], Some(dir.path()));
    let diagnostics = client.wait_for_diagnostics(&uri, None);
    let hint = diagnostics
        .iter()
        .find(|d| d["code"] == "dossier.annotation-file")
        .expect("a hint on the article");
    assert_eq!(hint["severity"], 4);
    assert!(hint["message"].as_str().unwrap().contains("a.ann"));
}

const SEED_A: &str = "000_d6396046d8ded179.txt";
const SEED_B: &str = "001_2779e59d105fe22f.txt";

/// Entity `T` lines of an exported brat file as (label, char start, char end).
fn exported_entities(ann: &str) -> Vec<(String, usize, usize)> {
    use dossier::annotations::brat::{BratLine, parse};
    parse(ann)
        .unwrap()
        .lines
        .into_iter()
        .filter_map(|line| match line {
            BratLine::TextBound(t)
                if ["PER", "ORG", "LOC", "MISC", "ROLE"].contains(&t.label.as_str()) =>
            {
                Some((t.label, t.fragments[0].start, t.fragments[0].end))
            }
            _ => None,
        })
        .collect()
}

/// A person works through both seed articles in the editor: every automatic mention is
/// confirmed, rejected, retyped or noted, every claim confirmed, a missed name added; the brat
/// export then holds exactly those decisions.
#[test]
fn a_person_annotates_both_seeds_completely() {
    let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    let dir = tempfile::tempdir().unwrap();
    for name in [SEED_A, SEED_B] {
        std::fs::copy(seeds.join(name), dir.path().join(name)).unwrap();
    }
    let mut client = LspClient::start();
    client.initialize(&[ENC], Some(dir.path()));
    let mut decisions = Vec::new();
    for (name, missed) in [(SEED_A, "Koalition der Willigen"), (SEED_B, "Grünen")] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let uri = file_uri(&dir.path().join(name));
        client.wait_for_diagnostics(&uri, None);
        client.open(&uri, &text);
        let analysis = dossier::analysis::analyze(&text, &Default::default());
        let mut s = Session {
            client,
            dir: tempfile::tempdir().unwrap(),
            uri: uri.clone(),
            text: text.clone(),
        };
        let mut ranges: Vec<_> = analysis
            .mentions
            .iter()
            .filter(|m| !m.derived)
            .map(|m| (m.range.clone(), m.kind.label()))
            .collect();
        ranges.dedup();
        assert!(ranges.len() > 20, "{name}: {} mentions", ranges.len());
        let mut expected: Vec<(String, usize, usize)> = Vec::new();
        let mut rejected = None;
        for (i, (range, label)) in ranges.iter().enumerate() {
            let written = &text[range.clone()];
            let (a, b) = chars(&text, range);
            let title = match i {
                0 => {
                    rejected = Some((label.to_string(), a, b));
                    format!("Not an entity: reject “{written}”")
                }
                1 if *label != "MISC" => format!("Change type of “{written}” to MISC"),
                2 => format!("Add note to “{written}”"),
                _ => format!("Confirm {label} “{written}”"),
            };
            let action = s.action(range.clone(), &title);
            s.run(&action);
            if i > 0 {
                let label = if i == 1 { "MISC" } else { label };
                expected.push((label.to_string(), a, b));
            }
        }
        for claim in &analysis.claims {
            let first = text[claim.range.clone()].chars().next().unwrap().len_utf8();
            let inside = claim.range.start + first..claim.range.start + first;
            let title = format!("Confirm {} claim", claim.kind.label());
            let action = s.action(inside, &title);
            s.run(&action);
        }
        let missed = nth(&text, missed, 0);
        assert!(!ranges.iter().any(|(r, _)| *r == missed));
        let mark = s.action(
            missed.clone(),
            &format!("Mark “{}” as ORG", &text[missed.clone()]),
        );
        s.run(&mark);
        let (a, b) = chars(&text, &missed);
        expected.push(("ORG".into(), a, b));
        expected.sort_by_key(|(_, a, b)| (*a, *b));
        // The .ann holds one T line per decision.
        let ann = std::fs::read_to_string(dir.path().join(name).with_extension("ann")).unwrap();
        let decided = exported_entities(&ann);
        assert_eq!(decided.len(), ranges.len() + 1, "{name}");
        assert!(ann.contains("\tStatus T1 Rejected\n"));
        decisions.push((name, expected, rejected.unwrap()));
        client = s.client;
    }
    client.shutdown_and_exit();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["export", "--format", "brat", "--out", "exported", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (name, expected, rejected) in decisions {
        let ann =
            std::fs::read_to_string(dir.path().join("exported").join(name).with_extension("ann"))
                .unwrap();
        let exported = exported_entities(&ann);
        for decision in &expected {
            assert!(
                exported.contains(decision),
                "{name}: {decision:?} not exported"
            );
        }
        assert!(
            !exported
                .iter()
                .any(|(_, a, b)| (*a, *b) == (rejected.1, rejected.2)),
            "{name}: rejected {rejected:?} exported"
        );
    }
}

fn watched(client: &mut LspClient, path: &std::path::Path) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(path), "type": 2}]}),
    );
}

#[test]
fn an_ann_changed_on_disk_is_read_again() {
    let mut s = session(TEXT, &[]);
    let kiew = nth(TEXT, "Kiew", 0);
    assert!(s.hover_text(kiew.start).contains("### Kiew"));
    let (a, b) = chars(TEXT, &kiew);
    std::fs::write(
        s.path("a.ann"),
        format!("T1\tLOC {a} {b}\tKiew\nA1\tStatus T1 Rejected\n"),
    )
    .unwrap();
    let path = s.path("a.ann");
    watched(&mut s.client, &path);
    assert_eq!(s.hover(kiew.start), Value::Null);
}

#[test]
fn annotations_follow_an_article_rewritten_outside_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let kiew = nth(TEXT, "Kiew", 0);
    let (a, b) = chars(TEXT, &kiew);
    std::fs::write(dir.path().join("a.txt"), TEXT).unwrap();
    std::fs::write(
        dir.path().join("a.ann"),
        format!("T1\tLOC {a} {b}\tKiew\nA1\tStatus T1 Rejected\n"),
    )
    .unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut client = LspClient::start();
    client.initialize(&[ENC], Some(dir.path()));
    client.wait_for_diagnostics(&uri, None);
    // Another program puts a dateline in front; the rejection stays on "Kiew".
    let rewritten = format!("PARIS (dpa) – {TEXT}");
    std::fs::write(dir.path().join("a.txt"), &rewritten).unwrap();
    watched(&mut client, &dir.path().join("a.txt"));
    let moved = nth(&rewritten, "Kiew", 0);
    let hover = |client: &mut LspClient, offset: usize| {
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position_at(&rewritten, offset, ENC)}),
        )
    };
    let scholz = nth(&rewritten, "Olaf Scholz", 0);
    // The notification is handled alongside requests: wait until the new text is in.
    let card_at_scholz = |client: &mut LspClient| {
        hover(client, scholz.start)["range"]["start"]["character"]
            == position_at(&rewritten, scholz.start, ENC)["character"]
    };
    for _ in 0..100 {
        if card_at_scholz(&mut client) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(hover(&mut client, moved.start), Value::Null);
    assert!(
        hover(&mut client, scholz.start)["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("### Olaf Scholz")
    );
}

#[test]
fn unreviewed_findings_are_listed_when_switched_on_and_leave_once_decided() {
    let text = "Laut Olaf Scholz sei die Lage ernst.\n";
    let mut s = session(
        text,
        &[(
            "dossier.toml",
            "[diagnostics]\n\"dossier.unreviewed\" = \"hint\"\n",
        )],
    );
    let unreviewed = |diagnostics: &[Value]| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d["code"] == "dossier.unreviewed")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    s.client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": s.uri, "version": 2}, "contentChanges": []}),
    );
    let diagnostics = s.client.wait_for_diagnostics(&s.uri.clone(), Some(2));
    assert_eq!(
        unreviewed(&diagnostics),
        ["unreviewed PER: Olaf Scholz", "unreviewed reported claim"]
    );
    let scholz = nth(text, "Olaf Scholz", 0);
    let confirm = s.action(scholz, "Confirm PER “Olaf Scholz”");
    s.run(&confirm);
    let diagnostics = s.client.wait_for_diagnostics(&s.uri.clone(), None);
    assert_eq!(unreviewed(&diagnostics), ["unreviewed reported claim"]);
}

#[test]
fn an_edit_across_an_annotation_is_reported_and_saved_by_command() {
    let mut s = session(TEXT, &[]);
    let scholz = nth(TEXT, "Olaf Scholz", 0);
    let confirm = s.action(scholz.clone(), "Confirm PER “Olaf Scholz”");
    s.run(&confirm);
    // "Olaf Scholz" → "Markus Scholz": more than a typo fixed.
    let diagnostics = change(&mut s, 2, scholz.start, scholz.start + 4, "Markus");
    let changed: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] == "dossier.annotation-changed")
        .collect();
    assert_eq!(changed.len(), 1, "{diagnostics:#?}");
    assert!(
        changed[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("annotation text changed: T1 PER was made on “Olaf Scholz”")
    );
    let reply = s.client.request(
        "workspace/executeCommand",
        json!({"command": "dossier.saveAnnotations", "arguments": [s.uri]}),
    );
    assert_eq!(reply, Value::Null);
    assert!(s.ann().contains("\tAnchor T1 Changed\n"), "{}", s.ann());
}
