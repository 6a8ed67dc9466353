//! The annotation store: a person's decisions about one article, kept in the brat standoff file
//! `NAME.ann` beside `NAME.txt`, and kept on their text while the text changes. Pure Rust, no
//! LSP types; every range is a byte range into the article text.
//!
//! # API for the LSP and CLI layers
//!
//! Loading and saving (`persist.rs`):
//! - [`load`]`(ann_path: &Path, article_text: &str) -> Result<AnnotationSet, AnnError>` — a missing
//!   file is an empty set; a file that cannot be used is an [`AnnError`] with its 1-based `line`
//!   (show it as a diagnostic there). There is then no set, so nothing can overwrite the file.
//! - [`AnnotationSet::save`]`(&mut self) -> Result<(), AnnError>` — atomic (temporary file in the
//!   same folder, fsync, rename); refuses when the file on disk changed since it was loaded.
//! - [`AnnotationSet::from_brat`]`(content, text)`, [`AnnotationSet::to_brat_string`]`()`,
//!   [`AnnotationSet::new`]`(text)` — the same without a file (export/import).
//!
//! Reading: [`AnnotationSet::annotations`]`() -> Vec<Annotation>` (file order),
//! [`AnnotationSet::get`]`(id)`, [`AnnotationSet::overlapping`]`(ByteRange)` (an empty range is a
//! cursor), [`AnnotationSet::at_range`]`(&ByteRange)` (made on exactly that range), [`AnnotationSet::needing_attention`]`()` (changed/mismatched/orphaned: the LSP's
//! "annotation text changed" diagnostics), [`AnnotationSet::text`]`()`. An [`Annotation`] carries
//! `id`, `label` ([`Label`]: `Entity(EntityKind)`, `Claim`, `Cue`, `Other`), `fragments`
//! (byte ranges), `quote`, `status` ([`Status`]), `anchor` ([`AnchorState`]), `link`, `note`,
//! `claim_kind`, `speaker`, `cue`.
//!
//! Decisions (all `-> Result<_, AnnError>`, by `T` id): `confirm(id)`, `reject(id)`,
//! `retype(id, "ORG")`, `link(id, "Wikidata:Q1899" | "dossier:<id>", Option<name>)`,
//! `set_note(id, text)`, `add_span(ByteRange, label, Status) -> String` (new id),
//! `add_fragments(&[ByteRange], label, Status) -> String` (discontinuous),
//! `set_claim_speaker(claim, speaker)`, `set_claim_cue(claim, cue)`,
//! `set_claim_kind(claim, ClaimKind)` (`decisions.rs`). How each is written in brat is documented
//! in [`store`].
//!
//! Following the text ([`anchoring`], rules documented there):
//! - [`apply_edit`]`(&mut set, edit_range: ByteRange, new_text: &str) -> Result<(), AnnError>` —
//!   every content change of a `didChange`, in order, with the range in bytes of the text before
//!   that change. The set keeps its own copy of the text, so the old text is not passed; an error
//!   means the two texts disagree (call `reanchor` with the editor's text). A whole-document
//!   replacement also works (it is trimmed to what changed), but two distant changes sent as one
//!   replacement mark everything between them `Changed`: prefer incremental sync.
//! - [`reanchor`]`(&mut set, new_text: &str) -> ReanchorReport` — after the article changed on
//!   disk, and right after `load` when some annotations are [`AnchorState::Mismatch`].
//!
//! What the LSP shows: every annotation whose `anchor` is not `Anchored`
//! ([`AnnotationSet::needing_attention`]) — `Changed` as "annotation text changed", `Mismatch` and
//! `Orphaned` as "annotation could not be placed" (it stays in the file). A `.ann` that failed to
//! load: a diagnostic at `AnnError::line` in that file.
//!
//! Offsets: [`byte_to_char`]`(text, byte) -> Option<usize>`,
//! [`char_to_byte`]`(text, char) -> Option<usize>`, and the range forms [`char_range`] /
//! [`byte_range`].
//!
//! ```
//! use dossier::annotations::{AnchorState, AnnotationSet, Status, apply_edit};
//!
//! let text = "Laut Selenskij sagte Jermak";
//! let mut set = AnnotationSet::new(text);
//! let id = set.add_span(5..14, "PER", Status::Added).unwrap();
//! apply_edit(&mut set, 12..13, "y").unwrap(); // typo fixed inside the name
//! let person = set.get(&id).unwrap();
//! assert_eq!(&set.text()[person.fragments[0].clone()], "Selenskyj");
//! assert_eq!(person.anchor, AnchorState::Anchored);
//! assert_eq!(set.to_brat_string(), "T1\tPER 5 14\tSelenskyj\nA1\tStatus T1 Added\n");
//! ```

pub mod anchoring;
pub mod brat;
mod decisions;
mod fuzzy;
pub mod offsets;
mod persist;
pub mod store;
mod validate;

#[cfg(test)]
mod property_tests;

pub use anchoring::{ReanchorReport, apply_edit, byte_range, char_range, reanchor};
pub use offsets::{byte_to_char, char_to_byte};
pub use persist::load;
pub use store::{AnchorState, Annotation, AnnotationSet, Label, Status};

/// Why a `.ann` file or an operation on it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnError {
    /// 1-based line of the `.ann` file; `None` when the problem is not one line's (I/O, a
    /// refused operation).
    pub line: Option<usize>,
    pub message: String,
}

impl AnnError {
    pub fn at(line: usize, message: impl Into<String>) -> AnnError {
        AnnError {
            line: Some(line),
            message: message.into(),
        }
    }

    pub fn file(message: impl Into<String>) -> AnnError {
        AnnError {
            line: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for AnnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for AnnError {}
