//! The plain data one article's analysis produces. Every range is a byte range into the
//! article's text; converting to lines, code points or UTF-16 happens in `text::lines`.

use serde::Serialize;
use std::ops::Range;

pub type ByteRange = Range<usize>;

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organisation,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "MISC")]
    Misc,
    #[serde(rename = "ROLE")]
    Role,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Location,
        EntityKind::Misc,
        EntityKind::Role,
    ];

    /// The label used in brat, CoNLL and JSONL exports.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
            EntityKind::Role => "ROLE",
        }
    }

    pub fn from_label(label: &str) -> Option<EntityKind> {
        match label.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(EntityKind::Person),
            "ORG" | "ORGANISATION" | "ORGANIZATION" => Some(EntityKind::Organisation),
            "LOC" | "LOCATION" | "GPE" => Some(EntityKind::Location),
            "MISC" | "OTH" => Some(EntityKind::Misc),
            "ROLE" => Some(EntityKind::Role),
            _ => None,
        }
    }

    /// The word a person reads in a hover card.
    pub fn describe(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Location => "place",
            EntityKind::Misc => "other name",
            EntityKind::Role => "role",
        }
    }
}

/// Where a mention came from; a person's annotation wins over the knowledge base, which wins
/// over the tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionOrigin {
    Annotation,
    KnowledgeBase,
    Tagger,
    Gazetteer,
    /// Found again elsewhere in the article because the same name was recognised once.
    Consistency,
    /// Found by a hand-written rule (roles, derived place words).
    Rule,
}

/// One place in the text that refers to an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub range: ByteRange,
    pub kind: EntityKind,
    /// Index into [`ArticleAnalysis::entities`].
    pub entity: usize,
    /// A word derived from the name ("russischen" → Russland, "Kiewer" → Kiew): linked to the
    /// entity for hover and references but not exported as a name.
    pub derived: bool,
    pub origin: MentionOrigin,
}

/// A role or title seen attached to a person in this article ("Außenminister").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleMention {
    pub role: String,
    pub range: ByteRange,
}

/// An entity as this article knows it; `key` is the readable slug shared across the workspace
/// ("wolodymyr-selenskyj").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub key: String,
    /// The fullest name seen in the article (or the knowledge base's name).
    pub name: String,
    pub kind: EntityKind,
    /// Indices into [`ArticleAnalysis::mentions`], in text order.
    pub mentions: Vec<usize>,
    pub roles: Vec<RoleMention>,
    /// Knowledge-base id when the entity is defined there.
    pub kb_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// Direct speech in quotation marks.
    Quote,
    /// Indirect speech: a cue with a dass-clause, Konjunktiv I or reported object.
    Indirect,
    /// A prepositional source: "laut X", "X zufolge", "wie X mitteilte".
    Reported,
    /// A figure with no identifiable source.
    Numeric,
    /// A source that is no identifiable person or organisation ("Berichten zufolge").
    Vague,
}

impl ClaimKind {
    pub fn label(self) -> &'static str {
        match self {
            ClaimKind::Quote => "quote",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Reported => "reported",
            ClaimKind::Numeric => "numeric",
            ClaimKind::Vague => "vague",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Comparison {
    #[serde(rename = "=")]
    Exactly,
    #[serde(rename = "~")]
    About,
    #[serde(rename = ">")]
    MoreThan,
    #[serde(rename = "<")]
    LessThan,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">=")]
    AtLeast,
}

/// A normalised figure: "über 40 Prozent" → (> 40 %).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub range: ByteRange,
    pub value: f64,
    /// Normalised unit: "%", "EUR", "USD", "people", "countries", "km", "year", "date", … or
    /// the counted noun's lemma.
    pub unit: String,
    pub comparison: Comparison,
}

/// An attributed (or unattributed) statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Stable within the article text: derived from kind and content, not from position.
    pub id: String,
    pub kind: ClaimKind,
    /// The claim's content (the message).
    pub range: ByteRange,
    pub cue: Option<ByteRange>,
    /// The speaker as written: name, role noun or pronoun.
    pub speaker: Option<ByteRange>,
    /// The entity the speaker mention resolves to (index into `entities`).
    pub speaker_entity: Option<usize>,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    German,
    English,
    Unknown,
}

/// A span some recogniser proposes as a name, before linking decides which entity it names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub range: ByteRange,
    pub kind: EntityKind,
    pub derived: bool,
    pub origin: MentionOrigin,
    /// Recogniser confidence in [0, 1]; knowledge-base and annotation matches are 1.
    pub score: f32,
}
