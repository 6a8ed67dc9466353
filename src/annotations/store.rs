//! The annotation set of one article: a person's decisions kept in the article's `.ann` file.
//!
//! The set keeps the parsed brat document as the source of truth for everything that does not
//! depend on the text's positions (labels, attributes, links, notes, relations, unknown lines),
//! and keeps the spans of `T` lines in memory as byte ranges into the article text it holds.
//! Code-point offsets are computed only when the file is written.
//!
//! How decisions look in brat (declare these in brat's `annotation.conf` to see them there):
//! - status: attribute `Status` with value `Confirmed`, `Rejected` or `Added`
//!   (`A1\tStatus T3 Rejected`). A `T` line without `Status` is `Confirmed`: a file made in brat
//!   or INCEpTION holds a person's annotations.
//! - link: `N1\tReference T1 Wikidata:Q567\tname` or `N1\tReference T1 dossier:<id>`.
//! - note: `#1\tAnnotatorNotes T1\ttext`.
//! - claim speaker and cue: `R1\tSource Arg1:T<claim> Arg2:T<speaker>`,
//!   `R2\tCue Arg1:T<claim> Arg2:T<cue>`; claim kind: `A2\tClaimKind T<claim> quote`.
//! - anchoring trouble survives a restart: attribute `Anchor` with value `Changed` or
//!   `Orphaned` (`A3\tAnchor T5 Orphaned`). An orphan's `T` line is written back exactly as it
//!   was last written, never deleted.

use super::AnnError;
use super::brat::{self, Attribute, BratDocument, BratLine, TextBound, sanitize_field};
use super::offsets::char_to_byte;
use super::persist::BoundFile;
use super::validate::check_document;
use crate::analysis::model::{ByteRange, ClaimKind, EntityKind};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const STATUS_ATTRIBUTE: &str = "Status";
pub const ANCHOR_ATTRIBUTE: &str = "Anchor";
pub const CLAIM_KIND_ATTRIBUTE: &str = "ClaimKind";
pub const SPEAKER_RELATION: &str = "Source";
pub const CUE_RELATION: &str = "Cue";
pub const NOTE_KIND: &str = "AnnotatorNotes";
pub const LINK_KIND: &str = "Reference";

/// What a `T` line's type means to Dossier; other types are kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Entity(EntityKind),
    /// `Claim` (Dossier) or `Message` (SpkAtt-style gold files).
    Claim,
    Cue,
    Other(String),
}

impl Label {
    pub fn parse(label: &str) -> Label {
        if let Some(kind) = EntityKind::from_label(label) {
            return Label::Entity(kind);
        }
        match label {
            "Claim" | "Message" => Label::Claim,
            "Cue" => Label::Cue,
            other => Label::Other(other.to_string()),
        }
    }
}

/// A person's decision about an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Right as it is (also every annotation without a `Status` attribute).
    Confirmed,
    /// Not an entity/claim at this place: never suggested here again.
    Rejected,
    /// A span the analysis missed, added by a person.
    Added,
}

impl Status {
    pub fn brat_value(self) -> &'static str {
        match self {
            Status::Confirmed => "Confirmed",
            Status::Rejected => "Rejected",
            Status::Added => "Added",
        }
    }

    fn parse(value: &str) -> Option<Status> {
        [Status::Confirmed, Status::Rejected, Status::Added]
            .into_iter()
            .find(|s| s.brat_value() == value)
    }
}

/// Whether an annotation still sits on the text it was made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnchorState {
    /// The span covers the text it was made on, or a small correction of it.
    Anchored,
    /// An edit crossed the span's boundary or changed its text beyond a small correction, or
    /// re-anchoring found only an approximate match. The LSP reports "annotation text changed";
    /// confirming the annotation accepts the new text.
    Changed,
    /// At load, the `T` line's text was not the article's text at its offsets (the article
    /// changed while Dossier was not looking). Has no span until [`super::reanchor`] places it.
    Mismatch,
    /// Re-anchoring could not find the text. Has no span; its `T` line is written back unchanged.
    Orphaned,
}

impl AnchorState {
    /// Whether the annotation has a span in the current text.
    pub fn is_placed(self) -> bool {
        matches!(self, AnchorState::Anchored | AnchorState::Changed)
    }

    pub(super) fn persisted_value(self) -> Option<&'static str> {
        match self {
            AnchorState::Changed => Some("Changed"),
            AnchorState::Orphaned => Some("Orphaned"),
            // Mismatch is found again at every load; Anchored is the default.
            AnchorState::Anchored | AnchorState::Mismatch => None,
        }
    }
}

/// One annotation as the LSP and CLI see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// The `T` line's id ("T12").
    pub id: String,
    /// The type as written in the file.
    pub label_text: String,
    pub label: Label,
    /// Byte ranges into the article text, in file order; empty when not placed.
    pub fragments: Vec<ByteRange>,
    /// The text the annotation was made on (as of the last load, save, confirmation or
    /// creation): fragments joined by one space, line breaks and tabs as spaces.
    pub quote: String,
    pub status: Status,
    pub anchor: AnchorState,
    /// `Wikidata:Q…` or `dossier:<id>`.
    pub link: Option<String>,
    pub note: Option<String>,
    pub claim_kind: Option<ClaimKind>,
    /// The `T` id of the claim's speaker mention.
    pub speaker: Option<String>,
    /// The `T` id of the claim's cue.
    pub cue: Option<String>,
}

impl Annotation {
    /// The smallest range covering every fragment, when placed.
    pub fn covering_range(&self) -> Option<ByteRange> {
        covering(&self.fragments)
    }
}

pub(super) fn covering(fragments: &[ByteRange]) -> Option<ByteRange> {
    let start = fragments.iter().map(|f| f.start).min()?;
    let end = fragments.iter().map(|f| f.end).max()?;
    Some(start..end)
}

/// In-memory anchoring state of one `T` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SpanState {
    /// Byte ranges into `AnnotationSet::text`; empty unless `anchor.is_placed()`.
    pub(super) fragments: Vec<ByteRange>,
    /// See [`Annotation::quote`].
    pub(super) reference: String,
    pub(super) anchor: AnchorState,
}

/// All annotations of one article.
#[derive(Debug, Clone)]
pub struct AnnotationSet {
    pub(super) doc: BratDocument,
    pub(super) text: String,
    pub(super) spans: BTreeMap<String, SpanState>,
    pub(super) file: Option<BoundFile>,
}

/// Equal when they hold the same lines, text and spans, wherever they were loaded from.
impl PartialEq for AnnotationSet {
    fn eq(&self, other: &Self) -> bool {
        self.doc == other.doc && self.text == other.text && self.spans == other.spans
    }
}

/// The text a `T` line's third field holds for these fragments.
pub(super) fn span_text(text: &str, fragments: &[ByteRange]) -> String {
    let joined: Vec<&str> = fragments.iter().map(|f| &text[f.clone()]).collect();
    sanitize_field(&joined.join(" "))
}

fn claim_kind_from_value(value: &str) -> Option<ClaimKind> {
    [
        ClaimKind::Quote,
        ClaimKind::Indirect,
        ClaimKind::Reported,
        ClaimKind::Numeric,
        ClaimKind::Vague,
    ]
    .into_iter()
    .find(|k| k.label() == value)
}

/// Facts other lines state about one `T` annotation, gathered in one pass.
#[derive(Default)]
pub(super) struct Facts<'a> {
    status: Option<Status>,
    link: Option<&'a str>,
    note: Option<&'a str>,
    claim_kind: Option<ClaimKind>,
    speaker: Option<&'a str>,
    cue: Option<&'a str>,
}

impl AnnotationSet {
    /// An empty set for `text` that is not tied to a file (export, import, tests).
    pub fn new(text: &str) -> AnnotationSet {
        AnnotationSet {
            doc: BratDocument::default(),
            text: text.to_string(),
            spans: BTreeMap::new(),
            file: None,
        }
    }

    /// Parses and checks brat text for `text`, without a file behind it.
    pub fn from_brat(content: &str, text: &str) -> Result<AnnotationSet, AnnError> {
        let doc = brat::parse(content)?;
        check_document(&doc)?;
        let mut spans = BTreeMap::new();
        let anchors = attribute_values(&doc, ANCHOR_ATTRIBUTE);
        for (index, line) in doc.lines.iter().enumerate() {
            let BratLine::TextBound(t) = line else {
                continue;
            };
            let state = match anchors.get(t.id.as_str()) {
                Some(&"Orphaned") => SpanState {
                    fragments: Vec::new(),
                    reference: t.text.clone().unwrap_or_default(),
                    anchor: AnchorState::Orphaned,
                },
                persisted => {
                    let changed = persisted == Some(&"Changed");
                    place_text_bound(t, text, changed).map_err(|m| AnnError::at(index + 1, m))?
                }
            };
            spans.insert(t.id.clone(), state);
        }
        Ok(AnnotationSet {
            doc,
            text: text.to_string(),
            spans,
            file: None,
        })
    }

    /// The article text the spans index into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The `.ann` file this set saves to, if any.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Every `T` annotation in file order.
    pub fn annotations(&self) -> Vec<Annotation> {
        let facts = self.facts();
        self.doc
            .lines
            .iter()
            .filter_map(|line| match line {
                BratLine::TextBound(t) => Some(self.view(t, facts.get(t.id.as_str()))),
                _ => None,
            })
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<Annotation> {
        let t = self.text_bound(id)?;
        let facts = self.facts();
        Some(self.view(t, facts.get(id)))
    }

    /// Annotations with a fragment overlapping `range`; an empty range (a cursor) finds the
    /// fragments it touches, including at their edges.
    pub fn overlapping(&self, range: ByteRange) -> Vec<Annotation> {
        let hits = |f: &ByteRange| {
            if range.is_empty() {
                f.start <= range.start && range.start <= f.end
            } else {
                f.start < range.end && range.start < f.end
            }
        };
        self.annotations()
            .into_iter()
            .filter(|a| a.fragments.iter().any(hits))
            .collect()
    }

    /// The annotation made on exactly `range` (one fragment), if any: what a code action on an
    /// automatic mention asks before it adds a decision of its own.
    pub fn at_range(&self, range: &ByteRange) -> Option<Annotation> {
        self.annotations()
            .into_iter()
            .find(|a| a.fragments.len() == 1 && a.fragments[0] == *range)
    }

    /// Annotations that need a person's look: text changed, mismatched or orphaned.
    pub fn needing_attention(&self) -> Vec<Annotation> {
        self.annotations()
            .into_iter()
            .filter(|a| a.anchor != AnchorState::Anchored)
            .collect()
    }

    fn view(&self, t: &TextBound, facts: Option<&Facts>) -> Annotation {
        let span = &self.spans[&t.id];
        let facts_or_default = Facts::default();
        let facts = facts.unwrap_or(&facts_or_default);
        Annotation {
            id: t.id.clone(),
            label_text: t.label.clone(),
            label: Label::parse(&t.label),
            fragments: span.fragments.clone(),
            quote: span.reference.clone(),
            status: facts.status.unwrap_or(Status::Confirmed),
            anchor: span.anchor,
            link: facts.link.map(str::to_string),
            note: facts.note.map(str::to_string),
            claim_kind: facts.claim_kind,
            speaker: facts.speaker.map(str::to_string),
            cue: facts.cue.map(str::to_string),
        }
    }

    fn facts(&self) -> HashMap<&str, Facts<'_>> {
        let mut facts: HashMap<&str, Facts> = HashMap::new();
        for line in &self.doc.lines {
            match line {
                BratLine::Attribute(a) if a.name == STATUS_ATTRIBUTE => {
                    facts.entry(&a.target).or_default().status =
                        a.value.as_deref().and_then(Status::parse);
                }
                BratLine::Attribute(a) if a.name == CLAIM_KIND_ATTRIBUTE => {
                    facts.entry(&a.target).or_default().claim_kind =
                        a.value.as_deref().and_then(claim_kind_from_value);
                }
                BratLine::Normalization(n) => {
                    let entry = facts.entry(&n.target).or_default();
                    entry.link = entry.link.or(Some(n.reference.as_str()));
                }
                BratLine::Note(n) if n.kind == NOTE_KIND => {
                    let entry = facts.entry(&n.target).or_default();
                    entry.note = entry.note.or(Some(n.text.as_deref().unwrap_or("")));
                }
                BratLine::Relation(r) if r.label == SPEAKER_RELATION => {
                    facts.entry(&r.args[0].target).or_default().speaker =
                        Some(r.args[1].target.as_str());
                }
                BratLine::Relation(r) if r.label == CUE_RELATION => {
                    facts.entry(&r.args[0].target).or_default().cue =
                        Some(r.args[1].target.as_str());
                }
                _ => {}
            }
        }
        facts
    }

    pub(super) fn text_bound(&self, id: &str) -> Option<&TextBound> {
        self.doc.lines.iter().find_map(|line| match line {
            BratLine::TextBound(t) if t.id == id => Some(t),
            _ => None,
        })
    }

    pub(super) fn text_bound_mut(&mut self, id: &str) -> Result<&mut TextBound, AnnError> {
        self.doc
            .lines
            .iter_mut()
            .find_map(|line| match line {
                BratLine::TextBound(t) if t.id == id => Some(t),
                _ => None,
            })
            .ok_or_else(|| unknown(id))
    }

    pub(super) fn require(&self, id: &str) -> Result<(), AnnError> {
        if self.spans.contains_key(id) {
            Ok(())
        } else {
            Err(unknown(id))
        }
    }

    /// The next free id with this prefix (`T`, `A`, `R`, `N`, `#`).
    pub(super) fn next_id(&self, prefix: char) -> String {
        format!("{prefix}{}", highest_id_number(&self.doc, prefix) + 1)
    }

    /// Sets (or adds) the attribute `name` of `target` to `value`.
    pub(super) fn set_attribute(&mut self, target: &str, name: &str, value: &str) {
        for line in &mut self.doc.lines {
            match line {
                BratLine::Attribute(a) if a.name == name && a.target == target => {
                    a.value = Some(value.to_string());
                    return;
                }
                _ => {}
            }
        }
        let id = self.next_id('A');
        self.doc.lines.push(BratLine::Attribute(Attribute {
            id,
            name: name.to_string(),
            target: target.to_string(),
            value: Some(value.to_string()),
            tail: None,
        }));
    }

    pub(super) fn status_of(&self, id: &str) -> Status {
        self.facts()
            .get(id)
            .and_then(|f| f.status)
            .unwrap_or(Status::Confirmed)
    }
}

/// The highest number among the ids with this prefix (`T12` → 12), 0 when there is none.
pub(super) fn highest_id_number(doc: &BratDocument, prefix: char) -> u64 {
    doc.lines
        .iter()
        .filter_map(BratLine::id)
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
}

pub(super) fn unknown(id: &str) -> AnnError {
    AnnError::file(format!("there is no text annotation `{id}`"))
}

/// The value of attribute `name` per target.
pub(super) fn attribute_values<'a>(doc: &'a BratDocument, name: &str) -> HashMap<&'a str, &'a str> {
    doc.lines
        .iter()
        .filter_map(|line| match line {
            BratLine::Attribute(a) if a.name == name => {
                Some((a.target.as_str(), a.value.as_deref().unwrap_or("")))
            }
            _ => None,
        })
        .collect()
}

/// Turns a `T` line into a span of `text`: placed when its offsets lie in the text and its
/// text (if written) is the article's text there, `Mismatch` when the offsets or the text do not
/// fit (the article changed since), an error when there is nothing to find it by.
fn place_text_bound(t: &TextBound, text: &str, changed: bool) -> Result<SpanState, String> {
    let fragments: Option<Vec<ByteRange>> = t
        .fragments
        .iter()
        .map(|f| Some(char_to_byte(text, f.start)?..char_to_byte(text, f.end)?))
        .collect();
    let placed = fragments.map(|fragments| {
        let found = span_text(text, &fragments);
        (fragments, found)
    });
    match (placed, &t.text) {
        (Some((fragments, found)), written) if written.as_ref().is_none_or(|w| *w == found) => {
            Ok(SpanState {
                fragments,
                reference: found,
                anchor: if changed {
                    AnchorState::Changed
                } else {
                    AnchorState::Anchored
                },
            })
        }
        (_, Some(written)) => Ok(SpanState {
            fragments: Vec::new(),
            reference: written.clone(),
            anchor: AnchorState::Mismatch,
        }),
        (_, None) => Err(format!(
            "`{}` lies past the end of the article ({} characters) and has no text to find it by",
            t.id,
            text.chars().count()
        )),
    }
}

/// Small article and `.ann` file shared by the store's tests.
#[cfg(test)]
pub(super) mod test_fixtures {
    use crate::analysis::model::ByteRange;

    pub const TEXT: &str =
        "Andrij Jermak, Leiter der Präsidialverwaltung, sagte: „Wir kämpfen weiter.“ 👍 Kiew";

    pub fn byte_range(text: &str, needle: &str) -> ByteRange {
        let start = text.find(needle).expect("needle in text");
        start..start + needle.len()
    }

    pub fn sample_file() -> String {
        // Code-point offsets: "Andrij Jermak" 0..13, "Präsidialverwaltung" 26..45, the quote
        // 55..74, "sagte" 47..52, "Kiew" 78..82.
        "T1\tPER 0 13\tAndrij Jermak\n\
T2\tORG 26 45\tPräsidialverwaltung\n\
T3\tClaim 55 74\tWir kämpfen weiter.\n\
T4\tCue 47 52\tsagte\n\
T5\tLOC 78 82\tKiew\n\
R1\tSource Arg1:T3 Arg2:T1\n\
A1\tClaimKind T3 quote\n\
A2\tStatus T2 Rejected\n\
N1\tReference T1 Wikidata:Q60497290\tAndrij Jermak\n\
#1\tAnnotatorNotes T1\tLeiter des Büros\n\
% kept as it is\n"
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::test_fixtures::*;

    #[test]
    fn loads_spans_as_byte_ranges_with_their_decisions() {
        let set = AnnotationSet::from_brat(&sample_file(), TEXT).unwrap();
        let all = set.annotations();
        assert_eq!(all.len(), 5);
        let jermak = &all[0];
        assert_eq!(jermak.fragments, vec![byte_range(TEXT, "Andrij Jermak")]);
        assert_eq!(jermak.label, Label::Entity(EntityKind::Person));
        assert_eq!(jermak.status, Status::Confirmed);
        assert_eq!(jermak.link.as_deref(), Some("Wikidata:Q60497290"));
        assert_eq!(jermak.note.as_deref(), Some("Leiter des Büros"));
        assert_eq!(all[1].status, Status::Rejected);
        let claim = &all[2];
        assert_eq!(
            claim.fragments,
            vec![byte_range(TEXT, "Wir kämpfen weiter.")]
        );
        assert_eq!(claim.claim_kind, Some(ClaimKind::Quote));
        assert_eq!(claim.speaker.as_deref(), Some("T1"));
        assert_eq!(all[4].fragments, vec![byte_range(TEXT, "Kiew")]);
        assert!(all.iter().all(|a| a.anchor == AnchorState::Anchored));
    }

    #[test]
    fn unchanged_set_writes_the_same_file() {
        let set = AnnotationSet::from_brat(&sample_file(), TEXT).unwrap();
        assert_eq!(set.to_brat_string(), sample_file());
    }

    #[test]
    fn finds_overlapping_annotations() {
        let set = AnnotationSet::from_brat(&sample_file(), TEXT).unwrap();
        let ids =
            |range| -> Vec<String> { set.overlapping(range).into_iter().map(|a| a.id).collect() };
        let jermak = byte_range(TEXT, "Jermak");
        assert_eq!(ids(jermak.clone()), vec!["T1"]);
        assert_eq!(ids(jermak.end..jermak.end), vec!["T1"]);
        assert_eq!(ids(0..TEXT.len()).len(), 5);
        assert!(ids(jermak.end..jermak.end + 1).is_empty());
        let full_name = byte_range(TEXT, "Andrij Jermak");
        assert_eq!(
            set.at_range(&full_name).map(|a| a.id).as_deref(),
            Some("T1")
        );
        assert_eq!(set.at_range(&jermak), None);
    }

    #[test]
    fn keeps_lines_it_does_not_interpret_in_place() {
        // As brat writes it on Windows: CRLF, an event, an equivalence, a binary attribute and
        // an attribute Dossier does not know, no line break at the end.
        let file = "T1\tPER 0 13\tAndrij Jermak\r\n\
T2\tORG 26 45\tPräsidialverwaltung\r\n\
E1\tLeads:T1 Org:T2\r\n\
*\tEquiv T1 T2\r\n\
M1\tUncertain E1\r\n\
A2\tSalience T1 high";
        let mut set = AnnotationSet::from_brat(file, TEXT).unwrap();
        assert_eq!(set.to_brat_string(), file);
        set.reject("T1").unwrap();
        assert_eq!(
            set.to_brat_string(),
            format!("{file}\r\nA3\tStatus T1 Rejected")
        );
    }

    #[test]
    fn reads_discontinuous_spans_and_spans_across_lines() {
        let text = "Andrij\nJermak sagte: man werde kämpfen.";
        // brat joins a discontinuous span's pieces with a space and writes a line break as one.
        let file = "T1\tPER 0 13\tAndrij Jermak\nT2\tClaim 21 24;31 38\tman kämpfen\n";
        let set = AnnotationSet::from_brat(file, text).unwrap();
        let all = set.annotations();
        assert_eq!(all[0].fragments, vec![0..13]);
        assert_eq!(all[1].fragments, vec![21..24, 31..39]);
        assert!(all.iter().all(|a| a.anchor == AnchorState::Anchored));
        assert_eq!(set.to_brat_string(), file);
    }

    #[test]
    fn flags_text_that_does_not_match_the_article() {
        let file = "T1\tPER 0 13\tAndrij Jermac\nT2\tLOC 500 504\tKiew\n";
        let set = AnnotationSet::from_brat(file, TEXT).unwrap();
        let all = set.annotations();
        assert_eq!(all[0].anchor, AnchorState::Mismatch);
        assert_eq!(all[0].quote, "Andrij Jermac");
        assert!(all[0].fragments.is_empty());
        assert_eq!(all[1].anchor, AnchorState::Mismatch);
        // Written back exactly as they were.
        assert_eq!(set.to_brat_string(), file);
    }
}
