//! A person's decisions about one article, as plain data the analysis obeys: confirmed and
//! added names become annotation candidates that beat the recognisers, rejected spans are
//! never proposed again at that place, links pin a mention to a knowledge-base entity, and
//! names confirmed anywhere in the workspace are recognised in every article.

use super::model::{ByteRange, Candidate, EntityKind, MentionOrigin};
use crate::corpus::knowledge_base::KnowledgeBase;

/// A span a person confirmed or added, with the type they gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedSpan {
    pub range: ByteRange,
    pub kind: EntityKind,
    /// `dossier:<id>` or `Wikidata:Q…` when the person linked it.
    pub link: Option<String>,
}

/// The decisions recorded for one article (its `.ann` file), in byte ranges of its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleDecisions {
    pub spans: Vec<DecidedSpan>,
    /// Spans a person said are no entity.
    pub rejected: Vec<ByteRange>,
}

/// A name a person confirmed somewhere in the workspace, recognised everywhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaughtName {
    pub name: String,
    pub kind: EntityKind,
}

impl ArticleDecisions {
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.rejected.is_empty()
    }

    /// Whether a person rejected exactly this span.
    pub fn is_rejected(&self, range: &ByteRange) -> bool {
        self.rejected.contains(range)
    }

    /// The knowledge-base entity a person linked exactly this span to.
    pub fn pinned_entity<'kb>(
        &self,
        range: &ByteRange,
        kb: &'kb KnowledgeBase,
    ) -> Option<&'kb crate::corpus::knowledge_base::KbEntity> {
        let link = self
            .spans
            .iter()
            .find(|s| &s.range == range)?
            .link
            .as_deref()?;
        match link.split_once(':')? {
            ("dossier", id) => kb.get(id),
            ("Wikidata", q) => kb
                .entities()
                .iter()
                .find(|e| e.wikidata.as_deref() == Some(q)),
            _ => None,
        }
    }
}

/// The candidates a person's decisions add: their spans (score 1, annotation origin) and every
/// whole-word occurrence of a taught name that is not rejected there.
pub fn decision_candidates(
    text: &str,
    decisions: &ArticleDecisions,
    taught: &[TaughtName],
) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = decisions
        .spans
        .iter()
        .filter(|s| text.get(s.range.clone()).is_some())
        .map(|s| Candidate {
            range: s.range.clone(),
            kind: s.kind,
            derived: false,
            origin: MentionOrigin::Annotation,
            score: 1.0,
        })
        .collect();
    for name in taught {
        for range in whole_word_occurrences(text, &name.name) {
            if decisions.is_rejected(&range) || found.iter().any(|c| c.range == range) {
                continue;
            }
            found.push(Candidate {
                range,
                kind: name.kind,
                derived: false,
                origin: MentionOrigin::Gazetteer,
                score: 1.0,
            });
        }
    }
    found
}

/// Occurrences of `needle` not inside a longer word.
fn whole_word_occurrences(text: &str, needle: &str) -> Vec<ByteRange> {
    if needle.is_empty() {
        return Vec::new();
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(needle)
        .map(|(start, _)| start..start + needle.len())
        .filter(|r| {
            !is_word(text[..r.start].chars().next_back()) && !is_word(text[r.end..].chars().next())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taught_names_are_found_as_whole_words_except_where_rejected() {
        let text = "Jermak traf Jermaks Bruder. Jermak ging.";
        let decisions = ArticleDecisions {
            spans: Vec::new(),
            rejected: std::iter::once(28..34).collect(),
        };
        let taught = [TaughtName {
            name: "Jermak".into(),
            kind: EntityKind::Person,
        }];
        let found = decision_candidates(text, &decisions, &taught);
        let ranges: Vec<_> = found.iter().map(|c| c.range.clone()).collect();
        assert_eq!(ranges, vec![0..6]);
        assert_eq!(found[0].kind, EntityKind::Person);
    }
}
