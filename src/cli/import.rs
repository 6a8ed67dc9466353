//! `dossier import`: a corpus annotated elsewhere becomes `.txt` + `.ann` pairs Dossier opens.
//! JSONL in the doccano shape (`{"text": …, "label": [[start, end, "PER"], …]}`, offsets in code
//! points) and CoNLL (one token per line, IOB2 tag in the last column; blank lines between
//! sentences; `-DOCSTART-` or `# ` comment lines between documents). Imported spans are the
//! person's (confirmed) annotations.

use super::{ImportArgs, ImportFormat, exit};
use crate::analysis::model::{ByteRange, EntityKind};
use crate::annotations::{AnnotationSet, Status, char_to_byte};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// One imported document: a file name without extension, its text and labelled byte spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDocument {
    pub name: String,
    pub text: String,
    pub spans: Vec<(ByteRange, String)>,
}

pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let content = match std::fs::read_to_string(&args.file) {
        Ok(content) => content,
        Err(error) => {
            let _ = writeln!(err, "dossier: cannot read {}: {error}", args.file.display());
            return exit::FAILURE;
        }
    };
    let parsed = match args.format {
        ImportFormat::Jsonl => parse_jsonl(&content),
        ImportFormat::Conll => Ok(parse_conll(&content)),
    };
    let documents = match parsed {
        Ok(documents) => documents,
        Err(message) => {
            let _ = writeln!(err, "dossier: {}: {message}", args.file.display());
            return exit::FAILURE;
        }
    };
    if let Err(message) = write_documents(&documents, &args.out) {
        let _ = writeln!(err, "dossier: {message}");
        return exit::FAILURE;
    }
    let spans: usize = documents.iter().map(|d| d.spans.len()).sum();
    let _ = writeln!(
        out,
        "imported {} documents with {spans} annotations into {}",
        documents.len(),
        args.out.display()
    );
    exit::OK
}

/// Writes `NAME.txt` and `NAME.ann` for each document.
pub fn write_documents(documents: &[ImportedDocument], folder: &Path) -> Result<(), String> {
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    for document in documents {
        let mut set = AnnotationSet::new(&document.text);
        for (range, label) in &document.spans {
            set.add_span(range.clone(), label, Status::Confirmed)
                .map_err(|e| format!("{}: span {range:?} {label}: {e}", document.name))?;
        }
        for (extension, content) in [
            ("txt", document.text.clone()),
            ("ann", set.to_brat_string()),
        ] {
            let path = folder.join(format!("{}.{extension}", document.name));
            std::fs::write(&path, content)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The label Dossier uses for a foreign label (`PERSON` → `PER`); others are kept as written.
fn normalise_label(label: &str) -> String {
    EntityKind::from_label(label).map_or_else(|| label.to_string(), |k| k.label().to_string())
}

/// A file name from a record's id, or its position.
fn document_name(id: Option<&Value>, index: usize) -> String {
    let raw = match id {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() {
        format!("doc_{:04}", index + 1)
    } else {
        safe
    }
}

pub fn parse_jsonl(content: &str) -> Result<Vec<ImportedDocument>, String> {
    let mut documents = Vec::new();
    for (number, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |message: String| format!("line {}: {message}", number + 1);
        let record: Value = serde_json::from_str(line).map_err(|e| at(e.to_string()))?;
        let text = record["text"]
            .as_str()
            .ok_or_else(|| at("no \"text\"".into()))?
            .to_string();
        let labels = record
            .get("label")
            .or_else(|| record.get("labels"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut spans = Vec::new();
        for label in labels {
            let (Some(start), Some(end), Some(name)) =
                (label[0].as_u64(), label[1].as_u64(), label[2].as_str())
            else {
                return Err(at(format!("label {label} is not [start, end, \"TYPE\"]")));
            };
            let (Some(start), Some(end)) = (
                char_to_byte(&text, start as usize),
                char_to_byte(&text, end as usize),
            ) else {
                return Err(at(format!("label {label} is outside the text")));
            };
            if start >= end {
                return Err(at(format!("label {label} is empty")));
            }
            spans.push((start..end, normalise_label(name)));
        }
        documents.push(ImportedDocument {
            name: document_name(record.get("id"), documents.len()),
            text,
            spans,
        });
    }
    Ok(documents)
}

/// A token and its tag from one CoNLL line: GermEval's `index token tag [nested]` or the usual
/// `token … tag`.
fn token_and_tag(line: &str) -> (String, String) {
    let columns: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
    match columns.as_slice() {
        [only] => (only.to_string(), "O".to_string()),
        [index, token, tag, ..] if index.parse::<usize>().is_ok() && columns.len() <= 4 => {
            (token.to_string(), tag.to_string())
        }
        [token, .., tag] => (token.to_string(), tag.to_string()),
        [] => (String::new(), "O".to_string()),
    }
}

pub fn parse_conll(content: &str) -> Vec<ImportedDocument> {
    let mut documents: Vec<ImportedDocument> = Vec::new();
    let mut builder = TextBuilder::default();
    let finish = |builder: &mut TextBuilder, documents: &mut Vec<ImportedDocument>| {
        let built = std::mem::take(builder);
        if !built.text.is_empty() {
            let name = document_name(None, documents.len());
            documents.push(built.into_document(name));
        }
    };
    for line in content.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("-DOCSTART-") || trimmed.starts_with("# ") || trimmed == "#" {
            finish(&mut builder, &mut documents);
        } else if trimmed.is_empty() {
            builder.end_sentence();
        } else {
            let (token, tag) = token_and_tag(trimmed);
            builder.push(&token, &tag);
        }
    }
    finish(&mut builder, &mut documents);
    documents
}

/// Rebuilds running text from tokens: a space between tokens except before closing and after
/// opening punctuation, one sentence per line.
#[derive(Default)]
struct TextBuilder {
    text: String,
    spans: Vec<(ByteRange, String)>,
    open: Option<(ByteRange, String)>,
    sentence_started: bool,
    after_opening: bool,
    /// Whether an ASCII `"` seen last opened a quotation.
    ascii_quote_open: bool,
}

impl TextBuilder {
    fn push(&mut self, token: &str, tag: &str) {
        let closing = matches!(
            token,
            "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "“" | "»" | "%" | "'s"
        ) || (token == "\"" && self.ascii_quote_open);
        let opening = matches!(token, "(" | "[" | "{" | "„" | "«")
            || (token == "\"" && !self.ascii_quote_open);
        if token == "\"" {
            self.ascii_quote_open = !self.ascii_quote_open;
        }
        let (prefix, kind) = match tag.split_once('-') {
            Some((prefix, kind)) => (prefix, Some(normalise_label(kind))),
            None => (tag, None),
        };
        // The open span ends unless this token continues it.
        let continues = prefix == "I" && self.open.as_ref().map(|(_, k)| k) == kind.as_ref();
        if !continues && let Some(span) = self.open.take() {
            self.spans.push(span);
        }
        if self.sentence_started && !closing && !self.after_opening {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(token);
        let end = self.text.len();
        match (continues, kind) {
            (true, _) => {
                if let Some((range, _)) = &mut self.open {
                    range.end = end;
                }
            }
            (false, Some(kind)) if prefix == "B" || prefix == "I" => {
                self.open = Some((start..end, kind));
            }
            _ => {}
        }
        self.sentence_started = true;
        self.after_opening = opening;
    }

    fn end_sentence(&mut self) {
        if let Some(span) = self.open.take() {
            self.spans.push(span);
        }
        if self.sentence_started {
            self.text.push('\n');
        }
        self.sentence_started = false;
        self.after_opening = false;
        self.ascii_quote_open = false;
    }

    fn into_document(mut self, name: String) -> ImportedDocument {
        self.end_sentence();
        ImportedDocument {
            name,
            text: self.text,
            spans: self.spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Label, load};

    fn labelled(document: &ImportedDocument) -> Vec<(&str, &str)> {
        document
            .spans
            .iter()
            .map(|(r, l)| (&document.text[r.clone()], l.as_str()))
            .collect()
    }

    #[test]
    fn doccano_jsonl_round_trips_through_ann_files() {
        let jsonl = concat!(
            r#"{"id": 7, "text": "Grüße an Jürgen Klopp aus Köln.", "label": [[9, 21, "PERSON"], [26, 30, "LOC"]]}"#,
            "\n",
            r#"{"text": "Nichts.", "label": []}"#,
            "\n"
        );
        let documents = parse_jsonl(jsonl).unwrap();
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].name, "7");
        assert_eq!(documents[1].name, "doc_0002");
        assert_eq!(
            labelled(&documents[0]),
            [("Jürgen Klopp", "PER"), ("Köln", "LOC")]
        );
        let dir = tempfile::tempdir().unwrap();
        write_documents(&documents, dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("7.txt")).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("7.ann")).unwrap(),
            "T1\tPER 9 21\tJürgen Klopp\nT2\tLOC 26 30\tKöln\n"
        );
        let set = load(&dir.path().join("7.ann"), &text).unwrap();
        let read: Vec<_> = set
            .annotations()
            .into_iter()
            .map(|a| (a.fragments[0].clone(), a.label, a.status))
            .collect();
        assert_eq!(
            read,
            [
                (
                    documents[0].spans[0].0.clone(),
                    Label::Entity(EntityKind::Person),
                    Status::Confirmed
                ),
                (
                    documents[0].spans[1].0.clone(),
                    Label::Entity(EntityKind::Location),
                    Status::Confirmed
                ),
            ]
        );
        assert!(parse_jsonl(r#"{"text": "ab", "label": [[0, 5, "PER"]]}"#).is_err());
    }

    #[test]
    fn conll_documents_get_readable_text_and_their_spans() {
        let conll = "-DOCSTART- -X- O O\n\nAngela\tB-PER\nMerkel\tI-PER\nsagte\tO\n„\tO\nJa\tO\n“\tO\n.\tO\n\nIn\tO\nBerlin\tB-LOC\nNew\tB-LOC\nYork\tI-LOC\n(\tO\nUSA\tB-LOC\n)\tO\n\n-DOCSTART- -X- O O\n\nBMW\tB-ORG\n!\tO\n";
        let documents = parse_conll(conll);
        assert_eq!(documents.len(), 2);
        assert_eq!(
            documents[0].text,
            "Angela Merkel sagte „Ja“.\nIn Berlin New York (USA)\n"
        );
        assert_eq!(
            labelled(&documents[0]),
            [
                ("Angela Merkel", "PER"),
                ("Berlin", "LOC"),
                ("New York", "LOC"),
                ("USA", "LOC")
            ]
        );
        assert_eq!(documents[1].text, "BMW!\n");
        assert_eq!(labelled(&documents[1]), [("BMW", "ORG")]);
    }

    #[test]
    fn germeval_columns_and_comment_lines_are_understood() {
        let germeval = "# http://de.wikipedia.org/wiki/Foo [2009-10-17]\n1\tSchartau\tB-PER\tO\n2\tsagte\tO\tO\n3\tin\tO\tO\n4\tHamburgs\tB-LOCderiv\tO\n\n# second\n1\tDie\tO\tO\n2\tSPD\tB-ORG\tO\n";
        let documents = parse_conll(germeval);
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].text, "Schartau sagte in Hamburgs\n");
        assert_eq!(
            labelled(&documents[0]),
            [("Schartau", "PER"), ("Hamburgs", "LOCderiv")]
        );
        assert_eq!(labelled(&documents[1]), [("SPD", "ORG")]);
    }
}
