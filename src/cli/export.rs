//! `dossier export`: the analysis in the formats annotation tools and NLP libraries read.
//!
//! - brat: `DIR/NAME.ann` (with a copy of `NAME.txt` and an `annotation.conf`, so `DIR` opens
//!   as a brat collection), never beside the article, whose `.ann` belongs to the person.
//! - jsonl: one object per article, in the doccano/Prodigy shape (`text`, `label`) plus
//!   Dossier's entities and claims; offsets in code points.
//! - conll: one token per line with its IOB2 label, a blank line between sentences.

use super::load::load_paths;
use super::{ExportArgs, ExportFormat, exit};
use crate::analysis::model::{ByteRange, EntityKind};
use crate::annotations::brat::{
    Argument, Attribute, BratDocument, BratLine, CharSpan, Normalization, Relation, TextBound,
    sanitize_field, write,
};
use crate::corpus::conflicts::describe;
use crate::corpus::workspace::{Article, Corpus};
use crate::text::lines::char_offset;
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = load_paths(&args.paths);
    for (path, error) in &loaded.io_errors {
        let _ = writeln!(err, "dossier: cannot read {}: {error}", path.display());
    }
    if !loaded.io_errors.is_empty() {
        return exit::FAILURE;
    }
    let corpus = &loaded.corpus;
    let result = match (args.format, &args.out) {
        (ExportFormat::Brat, None) => {
            let _ = writeln!(
                err,
                "dossier: --format brat needs --out DIR (the .ann beside an article is the person's own)"
            );
            return exit::FAILURE;
        }
        (ExportFormat::Brat, Some(dir)) => write_brat_collection(corpus, dir),
        (ExportFormat::Jsonl, dir) => {
            let lines: Vec<String> = corpus
                .articles()
                .map(|(id, a)| jsonl_record(corpus, id, a).to_string())
                .collect();
            emit(
                dir.as_deref(),
                "documents.jsonl",
                &(lines.join("\n") + "\n"),
                out,
            )
        }
        (ExportFormat::Conll, None) => {
            let all: String = corpus
                .articles()
                .map(|(id, a)| format!("# {id}\n{}", conll(a)))
                .collect();
            out.write_all(all.as_bytes())
        }
        (ExportFormat::Conll, Some(dir)) => corpus.articles().try_for_each(|(id, a)| {
            write_file(
                &dir.join(relative_path(id)).with_extension("conll"),
                &conll(a),
            )
        }),
    };
    match result {
        Ok(()) => {
            let _ = writeln!(err, "exported {} articles", corpus.len());
            exit::OK
        }
        Err(error) => {
            let _ = writeln!(err, "dossier: cannot write the export: {error}");
            exit::FAILURE
        }
    }
}

fn emit(dir: Option<&Path>, name: &str, content: &str, out: &mut dyn Write) -> std::io::Result<()> {
    match dir {
        Some(dir) => write_file(&dir.join(name), content),
        None => out.write_all(content.as_bytes()),
    }
}

fn write_file(path: &Path, content: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, content)
}

/// Where an article goes inside the output folder: its path without leading `../` or `/`.
fn relative_path(id: &str) -> PathBuf {
    Path::new(id)
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect()
}

fn write_brat_collection(corpus: &Corpus, dir: &Path) -> std::io::Result<()> {
    for (id, article) in corpus.articles() {
        if article.problem.is_some() {
            continue;
        }
        let target = dir.join(relative_path(id));
        write_file(&target.with_extension("txt"), &article.text)?;
        write_file(
            &target.with_extension("ann"),
            &write(&brat_document(corpus, article)),
        )?;
    }
    write_file(&dir.join("annotation.conf"), ANNOTATION_CONF)
}

/// brat's type declarations for what Dossier exports, so the collection opens as is.
const ANNOTATION_CONF: &str = "[entities]\nPER\nORG\nLOC\nMISC\nROLE\nClaim\nCue\nSpeaker\n\n\
[relations]\nSource\tArg1:Claim, Arg2:<ENTITY>\nCue\tArg1:Claim, Arg2:Cue\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n\
[events]\n\n[attributes]\nClaimKind\tArg:Claim, Value:quote|indirect|reported|numeric|vague\n";

struct BratBuilder<'a> {
    text: &'a str,
    lines: Vec<BratLine>,
    counters: [usize; 4],
    /// Text-bound ids by byte range, so a claim's speaker reuses the entity's T line.
    spans: Vec<(ByteRange, String)>,
}

impl BratBuilder<'_> {
    fn next_id(&mut self, prefix: char) -> String {
        let slot = match prefix {
            'T' => 0,
            'R' => 1,
            'A' => 2,
            _ => 3,
        };
        self.counters[slot] += 1;
        format!("{prefix}{}", self.counters[slot])
    }

    fn text_bound(&mut self, label: &str, range: &ByteRange) -> String {
        if let Some((_, id)) = self.spans.iter().find(|(r, _)| r == range) {
            return id.clone();
        }
        let id = self.next_id('T');
        let span = CharSpan {
            start: char_offset(self.text, range.start),
            end: char_offset(self.text, range.end),
        };
        self.lines.push(BratLine::TextBound(TextBound {
            id: id.clone(),
            label: label.to_string(),
            fragments: vec![span],
            text: Some(sanitize_field(&self.text[range.clone()])),
        }));
        self.spans.push((range.clone(), id.clone()));
        id
    }
}

pub fn brat_document(corpus: &Corpus, article: &Article) -> BratDocument {
    let analysis = &article.analysis;
    let mut builder = BratBuilder {
        text: &article.text,
        lines: Vec::new(),
        counters: [0; 4],
        spans: Vec::new(),
    };
    for mention in analysis.mentions.iter().filter(|m| !m.derived) {
        let Some(entity) = analysis.entities.get(mention.entity) else {
            continue;
        };
        let t = builder.text_bound(mention.kind.label(), &mention.range);
        let reference = match corpus.wikidata_of(&entity.key) {
            Some(q) => format!("Wikidata:{q}"),
            None => format!("dossier:{}", entity.key),
        };
        let id = builder.next_id('N');
        builder.lines.push(BratLine::Normalization(Normalization {
            id,
            kind: "Reference".into(),
            target: t,
            reference,
            name: Some(sanitize_field(&entity.name)),
        }));
    }
    for claim in &analysis.claims {
        let claim_t = builder.text_bound("Claim", &claim.range);
        if let Some(cue) = &claim.cue {
            let cue_t = builder.text_bound("Cue", cue);
            let id = builder.next_id('R');
            builder
                .lines
                .push(BratLine::Relation(relation(id, "Cue", &claim_t, &cue_t)));
        }
        if let Some(speaker) = &claim.speaker {
            let speaker_t = builder.text_bound("Speaker", speaker);
            let id = builder.next_id('R');
            builder.lines.push(BratLine::Relation(relation(
                id, "Source", &claim_t, &speaker_t,
            )));
        }
        let id = builder.next_id('A');
        builder.lines.push(BratLine::Attribute(Attribute {
            id,
            name: "ClaimKind".into(),
            target: claim_t,
            value: Some(claim.kind.label().into()),
            tail: None,
        }));
    }
    BratDocument {
        lines: builder.lines,
        ..BratDocument::default()
    }
}

fn relation(id: String, label: &str, arg1: &str, arg2: &str) -> Relation {
    Relation {
        id,
        label: label.into(),
        args: vec![
            Argument {
                role: "Arg1".into(),
                target: arg1.into(),
            },
            Argument {
                role: "Arg2".into(),
                target: arg2.into(),
            },
        ],
        tail: None,
    }
}

fn char_span(text: &str, range: &ByteRange) -> Value {
    json!([char_offset(text, range.start), char_offset(text, range.end)])
}

pub fn jsonl_record(corpus: &Corpus, id: &str, article: &Article) -> Value {
    let text: &str = &article.text;
    let analysis = &article.analysis;
    let label: Vec<Value> = analysis
        .mentions
        .iter()
        .filter(|m| !m.derived)
        .map(|m| {
            json!([
                char_offset(text, m.range.start),
                char_offset(text, m.range.end),
                m.kind.label()
            ])
        })
        .collect();
    let entities: Vec<Value> = analysis
        .entities
        .iter()
        .map(|entity| {
            let mentions: Vec<Value> = entity
                .mentions
                .iter()
                .filter_map(|&i| analysis.mentions.get(i))
                .map(|m| {
                    json!({
                        "start": char_offset(text, m.range.start),
                        "end": char_offset(text, m.range.end),
                        "text": &text[m.range.clone()],
                        "type": m.kind.label(),
                        "derived": m.derived,
                    })
                })
                .collect();
            let roles: Vec<&str> = entity.roles.iter().map(|r| r.role.as_str()).collect();
            json!({
                "id": entity.key,
                "name": entity.name,
                "type": entity.kind.label(),
                "wikidata": corpus.wikidata_of(&entity.key),
                "roles": roles,
                "mentions": mentions,
            })
        })
        .collect();
    let claims: Vec<Value> = analysis
        .claims
        .iter()
        .map(|claim| {
            let speaker_entity = claim.speaker_entity.and_then(|i| analysis.entities.get(i)).map(|e| e.key.clone());
            json!({
                "id": claim.id,
                "kind": claim.kind.label(),
                "span": char_span(text, &claim.range),
                "text": &text[claim.range.clone()],
                "cue": claim.cue.as_ref().map(|r| json!({"span": char_span(text, r), "text": &text[r.clone()]})),
                "speaker": claim.speaker.as_ref().map(|r| json!({"span": char_span(text, r), "text": &text[r.clone()], "entity": speaker_entity})),
                "figures": claim.figures.iter().map(|f| json!({
                    "span": char_span(text, &f.range),
                    "value": f.value,
                    "unit": f.unit,
                    "comparison": f.comparison,
                    "normalised": describe(f),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "path": id,
        "language": analysis.language,
        "text": text,
        "label": label,
        "entities": entities,
        "claims": claims,
    })
}

/// IOB2 labels per token; a token inside a non-derived mention gets its type.
pub fn conll(article: &Article) -> String {
    let analysis = &article.analysis;
    let mut out = String::new();
    let mut names: Vec<(&ByteRange, EntityKind)> = analysis
        .mentions
        .iter()
        .filter(|m| !m.derived)
        .map(|m| (&m.range, m.kind))
        .collect();
    // Where a role contains a name ("Außenminister Marco Rubio"), the name's label wins.
    names.sort_by_key(|(r, _)| r.len());
    for sentence in &analysis.sentences {
        let mut previous: Option<&ByteRange> = None;
        for token in &analysis.tokens[sentence.tokens.clone()] {
            let covering = names
                .iter()
                .find(|(r, _)| r.start <= token.range.start && token.range.end <= r.end);
            let label = match covering {
                Some((range, kind)) => {
                    let inside = previous == Some(*range);
                    previous = Some(range);
                    format!("{}-{}", if inside { "I" } else { "B" }, kind.label())
                }
                None => {
                    previous = None;
                    "O".to_string()
                }
            };
            out.push_str(&article.text[token.range.clone()].replace(char::is_whitespace, "_"));
            out.push('\t');
            out.push_str(&label);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
