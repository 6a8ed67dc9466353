//! The workspace knowledge base: TOML files that define entities by id, type, name, aliases,
//! roles, description and Wikidata id. Defined entities are found in article text by any alias
//! (and its genitive) and win over the tagger.
//!
//! ```toml
//! [[entity]]
//! id = "wolodymyr-selenskyj"
//! type = "PER"
//! name = "Wolodymyr Selenskyj"
//! aliases = ["Selenskyj", "Selensky", "Zelensky"]
//! description = "Präsident der Ukraine seit 2019"
//! wikidata = "Q3881"
//! [[entity.roles]]
//! title = "Präsident der Ukraine"
//! from = 2019-05-20
//! ```

use crate::analysis::model::{ByteRange, Candidate, EntityKind, MentionOrigin};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One entity defined in a knowledge-base file.
#[derive(Debug, Clone, PartialEq)]
pub struct KbEntity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub wikidata: Option<String>,
    pub roles: Vec<KbRole>,
    /// The file the entry comes from and the byte range of its `[[entity]]` table there, so
    /// go-to-definition can jump to it.
    pub source: PathBuf,
    pub source_range: ByteRange,
}

impl KbEntity {
    /// The name and every alias, the name first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct KbRole {
    pub title: String,
    /// Dates as written in the file (TOML date or string), e.g. "2019-05-20".
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A problem in a knowledge-base file; `line` is 1-based (0 when the file could not be read).
#[derive(Debug, Clone, PartialEq)]
pub struct KbError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

/// An alias found in an article: which entity, where.
#[derive(Debug, Clone, PartialEq)]
pub struct KbMatch {
    pub range: ByteRange,
    /// Index into [`KnowledgeBase::entities`].
    pub entity: usize,
}

#[derive(Debug, Default)]
pub struct KnowledgeBase {
    entities: Vec<KbEntity>,
    /// Finds every name and alias; pattern i belongs to `pattern_entity[i]`.
    matcher: Option<AhoCorasick>,
    pattern_entity: Vec<usize>,
    /// Every name and alias → its entity (the first entity defining it).
    by_name: FxHashMap<String, usize>,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    /// Each entry is checked on its own, so one bad entry does not hide the others.
    entity: Vec<toml::Spanned<toml::Table>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    description: Option<String>,
    wikidata: Option<String>,
    #[serde(default)]
    roles: Vec<RawRole>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: String,
    from: Option<toml::Value>,
    to: Option<toml::Value>,
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

/// The byte range of an `[[entity]]` entry starting at `start`: up to the next table header that
/// is not one of its own sub-tables (`[[entity.roles]]`), trailing blank lines excluded.
fn entry_extent(source: &str, start: usize) -> ByteRange {
    let mut end = start;
    let mut offset = start;
    for (i, line) in source[start..].split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let own_subtable = trimmed.starts_with("[[entity.") || trimmed.starts_with("[entity.");
        if i > 0 && trimmed.starts_with('[') && !own_subtable {
            break;
        }
        offset += line.len();
        if !trimmed.trim().is_empty() && !trimmed.starts_with('#') {
            end = offset - (line.len() - line.trim_end().len());
        }
    }
    start..end
}

/// The line of the key an error message names ("unknown field `alias`"), searched within the
/// entry, since a table deserialised on its own no longer knows positions.
fn line_of_named_key(source: &str, entry: &ByteRange, message: &str) -> Option<usize> {
    let key = message.split('`').nth(1)?;
    let entry_text = source.get(entry.clone())?;
    let mut offset = entry.start;
    for line in entry_text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return Some(line_of(source, offset));
        }
        offset += line.len();
    }
    None
}

fn date_text(value: Option<toml::Value>) -> Option<String> {
    value.map(|v| match v {
        toml::Value::String(s) => s,
        other => other.to_string(),
    })
}

impl KnowledgeBase {
    pub fn empty() -> KnowledgeBase {
        KnowledgeBase::default()
    }

    /// Reads every file; unreadable files and invalid entries become errors, the rest loads.
    pub fn load<P: AsRef<Path>>(paths: &[P]) -> (KnowledgeBase, Vec<KbError>) {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for path in paths {
            let path = path.as_ref();
            match std::fs::read_to_string(path) {
                Ok(text) => sources.push((path.to_path_buf(), text)),
                Err(e) => errors.push(KbError {
                    path: path.to_path_buf(),
                    line: 0,
                    message: e.to_string(),
                }),
            }
        }
        let (kb, mut parse_errors) = KnowledgeBase::from_sources(&sources);
        errors.append(&mut parse_errors);
        (kb, errors)
    }

    /// Builds the knowledge base from file contents already in memory (the editor's unsaved
    /// buffers, or tests).
    pub fn from_sources(sources: &[(PathBuf, String)]) -> (KnowledgeBase, Vec<KbError>) {
        let mut entities: Vec<KbEntity> = Vec::new();
        let mut errors = Vec::new();
        for (path, text) in sources {
            let raw: RawFile = match toml::from_str(text) {
                Ok(raw) => raw,
                Err(e) => {
                    let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
                    errors.push(KbError {
                        path: path.clone(),
                        line,
                        message: e.message().to_string(),
                    });
                    continue;
                }
            };
            for spanned in raw.entity {
                let source_range = entry_extent(text, spanned.span().start);
                let line = line_of(text, source_range.start);
                let raw: RawEntity = match toml::Value::Table(spanned.into_inner()).try_into() {
                    Ok(raw) => raw,
                    Err(e) => {
                        let message = e.message().to_string();
                        let line = line_of_named_key(text, &source_range, &message).unwrap_or(line);
                        errors.push(KbError {
                            path: path.clone(),
                            line,
                            message,
                        });
                        continue;
                    }
                };
                let Some(kind) = EntityKind::from_label(&raw.kind) else {
                    errors.push(KbError {
                        path: path.clone(),
                        line,
                        message: format!(
                            "unknown entity type `{}` (expected PER, ORG, LOC, MISC or ROLE)",
                            raw.kind
                        ),
                    });
                    continue;
                };
                if let Some(previous) = entities.iter().find(|e| e.id == raw.id) {
                    errors.push(KbError {
                        path: path.clone(),
                        line,
                        message: format!(
                            "duplicate entity id `{}` (first defined in {})",
                            raw.id,
                            previous.source.display()
                        ),
                    });
                    continue;
                }
                entities.push(KbEntity {
                    id: raw.id,
                    kind,
                    name: raw.name,
                    aliases: raw.aliases,
                    description: raw.description,
                    wikidata: raw.wikidata,
                    roles: raw
                        .roles
                        .into_iter()
                        .map(|r| KbRole {
                            title: r.title,
                            from: date_text(r.from),
                            to: date_text(r.to),
                        })
                        .collect(),
                    source: path.clone(),
                    source_range,
                });
            }
        }
        (KnowledgeBase::with_entities(entities), errors)
    }

    fn with_entities(entities: Vec<KbEntity>) -> KnowledgeBase {
        let mut patterns = Vec::new();
        let mut pattern_entity = Vec::new();
        let mut by_name = FxHashMap::default();
        for (i, entity) in entities.iter().enumerate() {
            for name in entity.names() {
                if !name.trim().is_empty() {
                    by_name.entry(name.to_string()).or_insert(i);
                    patterns.push(name.to_string());
                    pattern_entity.push(i);
                }
            }
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .expect("knowledge-base aliases form a valid automaton"),
            )
        };
        KnowledgeBase {
            entities,
            matcher,
            pattern_entity,
            by_name,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entities(&self) -> &[KbEntity] {
        &self.entities
    }

    pub fn get(&self, id: &str) -> Option<&KbEntity> {
        self.entities.iter().find(|e| e.id == id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// The entity one of whose names is exactly `name`, also in the genitive ("Selenskyjs").
    pub fn entity_named(&self, name: &str) -> Option<usize> {
        let stems = [Some(name), strip_genitive(name)];
        stems
            .into_iter()
            .flatten()
            .find_map(|n| self.by_name.get(n).copied())
    }

    /// Every alias occurrence in `text` on word boundaries, longest first at each place. A
    /// genitive ending ("Putins", "Selenskyj’s") is included in the range; a hyphen after the
    /// alias ("Selenskyj-Regierung") is a boundary too.
    pub fn find_in(&self, text: &str) -> Vec<KbMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for m in scan_matches(matcher, text) {
            let end = word_end_with_genitive(text, m.end()).unwrap_or(m.end());
            found.push(KbMatch {
                range: m.start()..end,
                entity: self.pattern_entity[m.pattern().as_usize()],
            });
        }
        found
    }

    /// The alias occurrences as recogniser candidates (origin knowledge base, score 1).
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        self.find_in(text)
            .into_iter()
            .map(|m| Candidate {
                range: m.range,
                kind: self.entities[m.entity].kind,
                derived: false,
                origin: MentionOrigin::KnowledgeBase,
                score: 1.0,
            })
            .collect()
    }
}

/// Leftmost-longest matches; after a match rejected for a word boundary the search restarts one
/// character later, so "Paris" in "Parisienne Paris" is still found.
fn scan_matches(matcher: &AhoCorasick, text: &str) -> Vec<aho_corasick::Match> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let input = aho_corasick::Input::new(text).span(at..text.len());
        let Some(m) = matcher.find(input) else { break };
        let accepted =
            is_word_start(text, m.start()) && word_end_with_genitive(text, m.end()).is_some();
        at = if accepted {
            m.end()
        } else {
            m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8)
        };
        if accepted {
            out.push(m);
        }
    }
    out
}

pub(crate) fn is_word_start(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Where a name ending at `end` really ends: at `end` on a word boundary, or after a genitive
/// "s" / "’s" / "'s" / "’". `None` when the name continues as a longer word.
pub(crate) fn word_end_with_genitive(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let boundary = |s: &str| s.chars().next().is_none_or(|c| !c.is_alphanumeric());
    if boundary(rest) {
        for apostrophe in ["’s", "'s"] {
            if let Some(after) = rest.strip_prefix(apostrophe) {
                if boundary(after) {
                    return Some(end + apostrophe.len());
                }
            }
        }
        return Some(end);
    }
    if let Some(after) = rest.strip_prefix('s') {
        if boundary(after) {
            return Some(end + 1);
        }
    }
    None
}

/// "Putins" → "Putin", "Selenskyj’s" → "Selenskyj", "Cohn-Bendit'" → "Cohn-Bendit".
pub(crate) fn strip_genitive(name: &str) -> Option<&str> {
    for suffix in ["’s", "'s", "’", "'", "s"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            if stem.chars().count() >= 2 {
                return Some(stem);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# People in the Ukraine coverage
[[entity]]
id = "wolodymyr-selenskyj"
type = "PER"
name = "Wolodymyr Selenskyj"
aliases = ["Selenskyj", "Selensky", "Zelensky"]
description = "Präsident der Ukraine"
wikidata = "Q3881"
[[entity.roles]]
title = "Präsident der Ukraine"
from = 2019-05-20

[[entity]]
id = "eu"
type = "ORG"
name = "Europäische Union"
aliases = ["EU"]
"#;

    fn kb() -> KnowledgeBase {
        let (kb, errors) =
            KnowledgeBase::from_sources(&[(PathBuf::from("kb/people.toml"), FILE.to_string())]);
        assert_eq!(errors, vec![]);
        kb
    }

    #[test]
    fn parses_entities_roles_and_source_ranges() {
        let kb = kb();
        assert_eq!(kb.entities().len(), 2);
        let selenskyj = &kb.entities()[0];
        assert_eq!(selenskyj.kind, EntityKind::Person);
        assert_eq!(selenskyj.aliases, vec!["Selenskyj", "Selensky", "Zelensky"]);
        assert_eq!(selenskyj.wikidata.as_deref(), Some("Q3881"));
        assert_eq!(
            selenskyj.roles,
            vec![KbRole {
                title: "Präsident der Ukraine".into(),
                from: Some("2019-05-20".into()),
                to: None
            }]
        );
        assert_eq!(line_of(FILE, selenskyj.source_range.start), 2);
        assert_eq!(&FILE[selenskyj.source_range.clone()][..10], "[[entity]]");
        assert!(FILE[selenskyj.source_range.clone()].ends_with("from = 2019-05-20"));
        let eu = &kb.entities()[1];
        assert_eq!(line_of(FILE, eu.source_range.start), 13);
        assert_eq!(kb.index_of("eu"), Some(1));
    }

    #[test]
    fn errors_carry_line_numbers() {
        let broken = "[[entity]]\nid = \"a\"\ntype = \"PER\"\nname = \"A\"\n\n[[entity]]\nid = \"b\"\ntype = \"PERSONA\"\nname = \"B\"\n";
        let (kb, errors) =
            KnowledgeBase::from_sources(&[(PathBuf::from("x.toml"), broken.to_string())]);
        assert_eq!(kb.entities().len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 6);
        assert!(
            errors[0].message.contains("PERSONA"),
            "{}",
            errors[0].message
        );

        let syntax = "[[entity]]\nid = \"a\"\ntype = \"PER\"\nname = \n";
        let (_, errors) =
            KnowledgeBase::from_sources(&[(PathBuf::from("y.toml"), syntax.to_string())]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);

        let typo = "[[entity]]\nid = \"a\"\ntype = \"PER\"\nname = \"A\"\nalias = [\"B\"]\n\n[[entity]]\nid = \"c\"\ntype = \"ORG\"\nname = \"C\"\n";
        let (kb, errors) =
            KnowledgeBase::from_sources(&[(PathBuf::from("t.toml"), typo.to_string())]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 5);
        // The bad entry does not hide the good one after it.
        assert_eq!(
            kb.entities()
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            vec!["c"]
        );
        assert!(errors[0].message.contains("alias"), "{}", errors[0].message);

        let missing = "[[entity]]\nid = \"a\"\ntype = \"PER\"\n";
        let (_, errors) =
            KnowledgeBase::from_sources(&[(PathBuf::from("z.toml"), missing.to_string())]);
        assert!(errors[0].message.contains("name"), "{}", errors[0].message);
    }

    #[test]
    fn finds_aliases_on_word_boundaries_with_genitive() {
        let kb = kb();
        let text = "Selenskyjs Appell an die EU. Die EUropa-Idee; Zelensky’s Rede, Selenskyj-Regierung, Selenskyjew.";
        let found: Vec<(&str, usize)> = kb
            .find_in(text)
            .iter()
            .map(|m| (&text[m.range.clone()], m.entity))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Selenskyjs", 0),
                ("EU", 1),
                ("Zelensky’s", 0),
                ("Selenskyj", 0)
            ]
        );
        assert_eq!(kb.entity_named("Selenskys"), Some(0));
        assert_eq!(kb.entity_named("Europäische Union"), Some(1));
        assert_eq!(kb.entity_named("Europa"), None);
    }

    #[test]
    fn load_reports_unreadable_files() {
        let (kb, errors) = KnowledgeBase::load(&["/nonexistent/kb.toml"]);
        assert!(kb.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 0);
    }
}
