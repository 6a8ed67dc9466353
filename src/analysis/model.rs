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
