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
use super::brat::{self, Argument, Attribute, BratDocument, BratLine, CharSpan, Normalization};
use super::brat::{Note, Relation, TextBound, sanitize_field};
use super::offsets::{byte_to_char, char_to_byte};
use crate::analysis::model::{ByteRange, ClaimKind, EntityKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

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

    fn persisted_value(self) -> Option<&'static str> {
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

/// The `.ann` file a set was loaded from and what it held then, so that saving never
/// overwrites a file that changed (or broke) on disk since.
#[derive(Debug, Clone)]
struct BoundFile {
    path: PathBuf,
    /// `None` when the file did not exist.
    content_at_load: Option<String>,
}

/// All annotations of one article.
#[derive(Debug, Clone)]
pub struct AnnotationSet {
    pub(super) doc: BratDocument,
    pub(super) text: String,
    pub(super) spans: BTreeMap<String, SpanState>,
    file: Option<BoundFile>,
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

/// Reads `ann_path` for the article `article_text`. A missing file is an empty set that will
/// create the file when saved. A file that cannot be read, parsed or checked is an error with
/// its line; there is no set for it, so nothing can overwrite it.
pub fn load(ann_path: &Path, article_text: &str) -> Result<AnnotationSet, AnnError> {
    let content = match std::fs::read(ann_path) {
        Ok(bytes) => Some(String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            let line = bytes[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            AnnError::at(line, "the file is not valid UTF-8")
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(AnnError::file(format!(
                "cannot read {}: {e}",
                ann_path.display()
            )));
        }
    };
    let mut set = match &content {
        Some(content) => AnnotationSet::from_brat(content, article_text)?,
        None => AnnotationSet::new(article_text),
    };
    set.file = Some(BoundFile {
        path: ann_path.to_path_buf(),
        content_at_load: content,
    });
    Ok(set)
}

/// Facts other lines state about one `T` annotation, gathered in one pass.
#[derive(Default)]
struct Facts<'a> {
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

    fn text_bound_mut(&mut self, id: &str) -> Result<&mut TextBound, AnnError> {
        self.doc
            .lines
            .iter_mut()
            .find_map(|line| match line {
                BratLine::TextBound(t) if t.id == id => Some(t),
                _ => None,
            })
            .ok_or_else(|| unknown(id))
    }

    fn require(&self, id: &str) -> Result<(), AnnError> {
        if self.spans.contains_key(id) {
            Ok(())
        } else {
            Err(unknown(id))
        }
    }

    /// The next free id with this prefix (`T`, `A`, `R`, `N`, `#`).
    fn next_id(&self, prefix: char) -> String {
        let highest = self
            .doc
            .lines
            .iter()
            .filter_map(BratLine::id)
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", highest + 1)
    }

    /// Sets (or adds) the attribute `name` of `target` to `value`.
    fn set_attribute(&mut self, target: &str, name: &str, value: &str) {
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

    fn status_of(&self, id: &str) -> Status {
        self.facts()
            .get(id)
            .and_then(|f| f.status)
            .unwrap_or(Status::Confirmed)
    }

    /// A person confirms the annotation: a rejected one becomes confirmed (an added one stays
    /// added), and a changed text is accepted as the annotation's text from now on.
    pub fn confirm(&mut self, id: &str) -> Result<(), AnnError> {
        self.require(id)?;
        if self.status_of(id) == Status::Rejected {
            self.set_attribute(id, STATUS_ATTRIBUTE, Status::Confirmed.brat_value());
        }
        let span = self.spans.get_mut(id).expect("checked above");
        if span.anchor == AnchorState::Changed {
            span.reference = span_text(&self.text, &span.fragments);
            span.anchor = AnchorState::Anchored;
        }
        Ok(())
    }

    /// "Not an entity/claim here": kept in the file so the analysis never suggests it again.
    pub fn reject(&mut self, id: &str) -> Result<(), AnnError> {
        self.require(id)?;
        self.set_attribute(id, STATUS_ATTRIBUTE, Status::Rejected.brat_value());
        Ok(())
    }

    /// Changes the type (`PER`, `ORG`, `Claim`, …).
    pub fn retype(&mut self, id: &str, label: &str) -> Result<(), AnnError> {
        check_word("type", label)?;
        self.text_bound_mut(id)?.label = label.to_string();
        Ok(())
    }

    /// Links the annotation to `Wikidata:Q…` or `dossier:<id>`, replacing an earlier link.
    pub fn link(&mut self, id: &str, reference: &str, name: Option<&str>) -> Result<(), AnnError> {
        self.require(id)?;
        check_word("reference", reference)?;
        if !reference.contains(':') {
            return Err(AnnError::file(format!(
                "`{reference}` is not a reference of the form `Database:Key`"
            )));
        }
        let name = name.map(sanitize_field);
        for line in &mut self.doc.lines {
            match line {
                BratLine::Normalization(n) if n.target == id => {
                    n.reference = reference.to_string();
                    n.name = name;
                    return Ok(());
                }
                _ => {}
            }
        }
        let new_id = self.next_id('N');
        self.doc.lines.push(BratLine::Normalization(Normalization {
            id: new_id,
            kind: LINK_KIND.to_string(),
            target: id.to_string(),
            reference: reference.to_string(),
            name,
        }));
        Ok(())
    }

    /// Sets the annotator note (line breaks become spaces, as brat stores notes on one line).
    pub fn set_note(&mut self, id: &str, note: &str) -> Result<(), AnnError> {
        self.require(id)?;
        let note = sanitize_field(note);
        for line in &mut self.doc.lines {
            match line {
                BratLine::Note(n) if n.kind == NOTE_KIND && n.target == id => {
                    n.text = Some(note);
                    return Ok(());
                }
                _ => {}
            }
        }
        let new_id = self.next_id('#');
        self.doc.lines.push(BratLine::Note(Note {
            id: new_id,
            kind: NOTE_KIND.to_string(),
            target: id.to_string(),
            text: Some(note),
        }));
        Ok(())
    }

    /// Adds a span the analysis missed (or a decision about one it found: pass
    /// `Status::Confirmed` or `Status::Rejected`). Returns the new `T` id.
    pub fn add_span(
        &mut self,
        fragments: &[ByteRange],
        label: &str,
        status: Status,
    ) -> Result<String, AnnError> {
        check_word("type", label)?;
        if fragments.is_empty() {
            return Err(AnnError::file("a span needs at least one fragment"));
        }
        let mut char_fragments = Vec::new();
        for (index, f) in fragments.iter().enumerate() {
            let bad = || {
                AnnError::file(format!(
                    "{}..{} is not a non-empty range of whole characters in the article",
                    f.start, f.end
                ))
            };
            if f.start >= f.end {
                return Err(bad());
            }
            if index > 0 && fragments[index - 1].end > f.start {
                return Err(AnnError::file(
                    "fragments must be in text order and must not overlap",
                ));
            }
            let start = byte_to_char(&self.text, f.start).ok_or_else(bad)?;
            let end = byte_to_char(&self.text, f.end).ok_or_else(bad)?;
            char_fragments.push(CharSpan { start, end });
        }
        let id = self.next_id('T');
        let reference = span_text(&self.text, fragments);
        self.doc.lines.push(BratLine::TextBound(TextBound {
            id: id.clone(),
            label: label.to_string(),
            fragments: char_fragments,
            text: Some(reference.clone()),
        }));
        self.spans.insert(
            id.clone(),
            SpanState {
                fragments: fragments.to_vec(),
                reference,
                anchor: AnchorState::Anchored,
            },
        );
        if status != Status::Confirmed {
            self.set_attribute(&id, STATUS_ATTRIBUTE, status.brat_value());
        }
        Ok(id)
    }

    /// Sets the claim's speaker mention (`R Source Arg1:<claim> Arg2:<speaker>`).
    pub fn set_claim_speaker(&mut self, claim: &str, speaker: &str) -> Result<(), AnnError> {
        self.set_claim_relation(SPEAKER_RELATION, claim, speaker)
    }

    /// Sets the claim's cue (`R Cue Arg1:<claim> Arg2:<cue>`).
    pub fn set_claim_cue(&mut self, claim: &str, cue: &str) -> Result<(), AnnError> {
        self.set_claim_relation(CUE_RELATION, claim, cue)
    }

    /// Sets the claim's kind (`A ClaimKind <claim> quote`).
    pub fn set_claim_kind(&mut self, claim: &str, kind: ClaimKind) -> Result<(), AnnError> {
        self.require(claim)?;
        self.set_attribute(claim, CLAIM_KIND_ATTRIBUTE, kind.label());
        Ok(())
    }

    fn set_claim_relation(
        &mut self,
        label: &str,
        claim: &str,
        other: &str,
    ) -> Result<(), AnnError> {
        self.require(claim)?;
        self.require(other)?;
        for line in &mut self.doc.lines {
            match line {
                BratLine::Relation(r) if r.label == label && r.args[0].target == claim => {
                    r.args[1].target = other.to_string();
                    return Ok(());
                }
                _ => {}
            }
        }
        let id = self.next_id('R');
        self.doc.lines.push(BratLine::Relation(Relation {
            id,
            label: label.to_string(),
            args: vec![
                Argument {
                    role: "Arg1".into(),
                    target: claim.to_string(),
                },
                Argument {
                    role: "Arg2".into(),
                    target: other.to_string(),
                },
            ],
            tail: None,
        }));
        Ok(())
    }

    /// The document as it would be written now: placed spans at their current offsets,
    /// unplaced ones exactly as last written, anchoring trouble as `Anchor` attributes.
    fn render(&self) -> BratDocument {
        let mut doc = self.doc.clone();
        for line in &mut doc.lines {
            let BratLine::TextBound(t) = line else {
                continue;
            };
            let span = &self.spans[&t.id];
            if !span.anchor.is_placed() {
                continue;
            }
            t.fragments = span
                .fragments
                .iter()
                .map(|f| CharSpan {
                    start: byte_to_char(&self.text, f.start).expect("spans sit on boundaries"),
                    end: byte_to_char(&self.text, f.end).expect("spans sit on boundaries"),
                })
                .collect();
            if t.text.is_some() {
                t.text = Some(span_text(&self.text, &span.fragments));
            }
        }
        let mut wanted: BTreeMap<&str, &str> = self
            .spans
            .iter()
            .filter_map(|(id, s)| Some((id.as_str(), s.anchor.persisted_value()?)))
            .collect();
        doc.lines.retain_mut(|line| match line {
            BratLine::Attribute(a) if a.name == ANCHOR_ATTRIBUTE => {
                match wanted.remove(a.target.as_str()) {
                    Some(value) => {
                        a.value = Some(value.to_string());
                        true
                    }
                    None => false,
                }
            }
            _ => true,
        });
        let mut scratch = AnnotationSet {
            doc,
            text: String::new(),
            spans: BTreeMap::new(),
            file: None,
        };
        for (target, value) in wanted {
            let id = scratch.next_id('A');
            scratch.doc.lines.push(BratLine::Attribute(Attribute {
                id,
                name: ANCHOR_ATTRIBUTE.to_string(),
                target: target.to_string(),
                value: Some(value.to_string()),
                tail: None,
            }));
        }
        scratch.doc
    }

    /// The `.ann` text for the current state (export; `save` writes the same).
    pub fn to_brat_string(&self) -> String {
        brat::write(&self.render())
    }

    /// Writes the set to the `.ann` file it was loaded from, atomically (temporary file in the
    /// same folder, fsync, rename). Refuses when the set has no file or when the file on disk is
    /// no longer what was loaded (edited or broken elsewhere): reload first.
    pub fn save(&mut self) -> Result<(), AnnError> {
        let Some(file) = &self.file else {
            return Err(AnnError::file(
                "this annotation set was not loaded from a file; use `load` to get one that saves",
            ));
        };
        let on_disk = match std::fs::read(&file.path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(AnnError::file(format!(
                    "cannot read {}: {e}",
                    file.path.display()
                )));
            }
        };
        if on_disk.as_deref() != file.content_at_load.as_deref().map(str::as_bytes) {
            return Err(AnnError::file(format!(
                "{} changed on disk since it was loaded; reload it before saving",
                file.path.display()
            )));
        }
        let rendered = self.render();
        let content = brat::write(&rendered);
        if !(file.content_at_load.is_none() && rendered.lines.is_empty()) {
            write_atomically(&file.path, &content)?;
        }
        for span in self.spans.values_mut() {
            if span.anchor.is_placed() {
                span.reference = span_text(&self.text, &span.fragments);
            }
        }
        self.doc = rendered;
        let wrote_nothing = self.doc.lines.is_empty();
        if let Some(file) = &mut self.file {
            if !(file.content_at_load.is_none() && wrote_nothing) {
                file.content_at_load = Some(content);
            }
        }
        Ok(())
    }
}

fn unknown(id: &str) -> AnnError {
    AnnError::file(format!("there is no text annotation `{id}`"))
}

/// Types and references become single words of a line; spaces or tabs would break it.
fn check_word(what: &str, word: &str) -> Result<(), AnnError> {
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Err(AnnError::file(format!(
            "the {what} `{word}` must be one word without spaces"
        )));
    }
    Ok(())
}

fn write_atomically(path: &Path, content: &str) -> Result<(), AnnError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail =
        |e: &dyn std::fmt::Display| AnnError::file(format!("cannot write {}: {e}", path.display()));
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(|e| fail(&e))?;
    temporary
        .write_all(content.as_bytes())
        .map_err(|e| fail(&e))?;
    temporary.as_file().sync_all().map_err(|e| fail(&e))?;
    temporary.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

/// The value of attribute `name` per target.
fn attribute_values<'a>(doc: &'a BratDocument, name: &str) -> HashMap<&'a str, &'a str> {
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

/// Checks what brat itself would refuse: duplicate ids, references to missing annotations,
/// Dossier attributes with values it does not know or given twice.
fn check_document(doc: &BratDocument) -> Result<(), AnnError> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut text_bounds: HashSet<&str> = HashSet::new();
    for (index, line) in doc.lines.iter().enumerate() {
        let Some(id) = line.id() else { continue };
        if let BratLine::TextBound(t) = line {
            text_bounds.insert(&t.id);
        }
        // brat writes every equivalence with the id `*`.
        if id == "*" {
            continue;
        }
        if let Some(first) = ids.insert(id, index + 1) {
            return Err(AnnError::at(
                index + 1,
                format!("the id `{id}` is already used on line {first}"),
            ));
        }
    }
    let mut seen_attributes: HashMap<(&str, &str), usize> = HashMap::new();
    for (index, line) in doc.lines.iter().enumerate() {
        let number = index + 1;
        for target in line.references() {
            if !ids.contains_key(target) {
                return Err(AnnError::at(
                    number,
                    format!("`{target}` does not exist in this file"),
                ));
            }
        }
        let BratLine::Attribute(a) = line else {
            continue;
        };
        let allowed: &[&str] = match a.name.as_str() {
            STATUS_ATTRIBUTE => &["Confirmed", "Rejected", "Added"],
            ANCHOR_ATTRIBUTE => &["Changed", "Orphaned"],
            CLAIM_KIND_ATTRIBUTE => &["quote", "indirect", "reported", "numeric", "vague"],
            _ => continue,
        };
        if !text_bounds.contains(a.target.as_str()) {
            return Err(AnnError::at(
                number,
                format!("`{}` must point at a text annotation (T…)", a.name),
            ));
        }
        let value = a.value.as_deref().unwrap_or("");
        if !allowed.contains(&value) {
            return Err(AnnError::at(
                number,
                format!(
                    "`{}` must be one of {}, found `{value}`",
                    a.name,
                    allowed.join(", ")
                ),
            ));
        }
        if let Some(first) = seen_attributes.insert((a.name.as_str(), a.target.as_str()), number) {
            return Err(AnnError::at(
                number,
                format!(
                    "`{}` of `{}` is already given on line {first}",
                    a.name, a.target
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Andrij Jermak, Leiter der Präsidialverwaltung, sagte: „Wir kämpfen weiter.“ 👍 Kiew";

    fn byte_range(text: &str, needle: &str) -> ByteRange {
        let start = text.find(needle).expect("needle in text");
        start..start + needle.len()
    }

    fn sample_file() -> String {
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

    #[test]
    fn refuses_files_brat_would_refuse() {
        let cases = [
            (
                "T1\tPER 0 5\tAndri\nT1\tPER 0 5\tAndri\n",
                2,
                "already used on line 1",
            ),
            (
                "T1\tPER 0 6\tAndrij\nR1\tSource Arg1:T1 Arg2:T9\n",
                2,
                "`T9` does not exist",
            ),
            (
                "T1\tPER 0 6\tAndrij\nA1\tStatus T1 Maybe\n",
                2,
                "must be one of",
            ),
            (
                "T1\tPER 0 6\tAndrij\nA1\tStatus T1 Rejected\nA2\tStatus T1 Added\n",
                3,
                "already given",
            ),
            ("T1\tPER 900 905\n", 1, "past the end of the article"),
        ];
        for (file, line, needle) in cases {
            let error = AnnotationSet::from_brat(file, TEXT).unwrap_err();
            assert_eq!(error.line, Some(line), "{file:?}: {error}");
            assert!(error.message.contains(needle), "{file:?}: {error}");
        }
    }

    #[test]
    fn records_every_decision_in_brat_lines() {
        let mut set = AnnotationSet::from_brat(&sample_file(), TEXT).unwrap();
        set.confirm("T2").unwrap();
        set.reject("T5").unwrap();
        set.retype("T1", "ROLE").unwrap();
        set.link("T5", "Wikidata:Q1899", Some("Kyjiw")).unwrap();
        set.link("T1", "dossier:andrij-jermak", None).unwrap();
        set.set_note("T5", "Hauptstadt\nder Ukraine").unwrap();
        set.set_claim_kind("T3", ClaimKind::Indirect).unwrap();
        set.set_claim_cue("T3", "T4").unwrap();
        let added = set
            .add_span(&[byte_range(TEXT, "Leiter")], "ROLE", Status::Added)
            .unwrap();
        assert_eq!(added, "T6");
        let speaker = set
            .add_span(&[byte_range(TEXT, "Jermak")], "PER", Status::Confirmed)
            .unwrap();
        set.set_claim_speaker("T3", &speaker).unwrap();
        let expected = "T1\tROLE 0 13\tAndrij Jermak\n\
T2\tORG 26 45\tPräsidialverwaltung\n\
T3\tClaim 55 74\tWir kämpfen weiter.\n\
T4\tCue 47 52\tsagte\n\
T5\tLOC 78 82\tKiew\n\
R1\tSource Arg1:T3 Arg2:T7\n\
A1\tClaimKind T3 indirect\n\
A2\tStatus T2 Confirmed\n\
N1\tReference T1 dossier:andrij-jermak\n\
#1\tAnnotatorNotes T1\tLeiter des Büros\n\
% kept as it is\n\
A3\tStatus T5 Rejected\n\
N2\tReference T5 Wikidata:Q1899\tKyjiw\n\
#2\tAnnotatorNotes T5\tHauptstadt der Ukraine\n\
R2\tCue Arg1:T3 Arg2:T4\n\
T6\tROLE 15 21\tLeiter\n\
A4\tStatus T6 Added\n\
T7\tPER 7 13\tJermak\n";
        assert_eq!(set.to_brat_string(), expected);
        let reloaded = AnnotationSet::from_brat(expected, TEXT).unwrap();
        assert_eq!(reloaded, set);
        let t5 = reloaded.get("T5").unwrap();
        assert_eq!(t5.status, Status::Rejected);
        assert_eq!(t5.note.as_deref(), Some("Hauptstadt der Ukraine"));
        assert_eq!(reloaded.get("T6").unwrap().status, Status::Added);
    }

    #[test]
    fn refuses_bad_operations() {
        let mut set = AnnotationSet::from_brat(&sample_file(), TEXT).unwrap();
        assert!(set.confirm("T99").is_err());
        assert!(set.retype("T1", "two words").is_err());
        assert!(set.link("T1", "Q123", None).is_err());
        let inside_umlaut = TEXT.find('ä').unwrap() + 1;
        assert!(
            set.add_span(&[0..inside_umlaut], "PER", Status::Added)
                .is_err()
        );
        assert!(set.add_span(&[5..5], "PER", Status::Added).is_err());
        assert!(set.add_span(&[10..20, 5..8], "PER", Status::Added).is_err());
        assert!(set.set_claim_speaker("T3", "T42").is_err());
    }

    #[test]
    fn saves_atomically_and_reloads_the_same_set() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("article.ann");
        std::fs::write(&path, sample_file()).unwrap();
        let mut set = load(&path, TEXT).unwrap();
        set.reject("T1").unwrap();
        set.save().unwrap();
        let reloaded = load(&path, TEXT).unwrap();
        assert_eq!(reloaded, set);
        assert_eq!(reloaded.get("T1").unwrap().status, Status::Rejected);
        // Only the article's own file is left in the folder: no temporary files.
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_file_is_created_on_first_save_only_when_needed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("new.ann");
        let mut set = load(&path, TEXT).unwrap();
        set.save().unwrap();
        assert!(!path.exists());
        set.add_span(&[byte_range(TEXT, "Kiew")], "LOC", Status::Added)
            .unwrap();
        set.save().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "T1\tLOC 78 82\tKiew\nA1\tStatus T1 Added\n"
        );
    }

    #[test]
    fn never_overwrites_a_file_that_failed_or_changed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("broken.ann");
        std::fs::write(&path, "T1\tPER 0 13\tAndrij Jermak\nT2\tPER x\n").unwrap();
        let error = load(&path, TEXT).unwrap_err();
        assert_eq!(error.line, Some(2));

        let good = folder.path().join("good.ann");
        std::fs::write(&good, sample_file()).unwrap();
        let mut set = load(&good, TEXT).unwrap();
        std::fs::write(&good, "T1\tPER 0 13\tbroken meanwhile\nT2\n").unwrap();
        set.reject("T1").unwrap();
        let error = set.save().unwrap_err();
        assert!(error.message.contains("changed on disk"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&good).unwrap(),
            "T1\tPER 0 13\tbroken meanwhile\nT2\n"
        );
        assert!(AnnotationSet::new(TEXT).save().is_err());
    }

    #[test]
    fn reports_invalid_utf8_with_its_line() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("latin1.ann");
        std::fs::write(&path, b"T1\tPER 0 6\tAndrij\nT2\tLOC 0 3\tK\xf6ln\n").unwrap();
        let error = load(&path, TEXT).unwrap_err();
        assert_eq!(error.line, Some(2));
    }
}
