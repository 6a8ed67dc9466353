//! Questions about claims across the corpus: the claim under a position, a speaker's
//! other claims, matching claims in other articles, claim counts per entity.

use super::queries::Place;
use super::workspace::Corpus;
use crate::analysis::model::{ByteRange, Claim};
use std::collections::BTreeSet;

/// A claim with the article it is in and its resolved speaker's workspace key.
#[derive(Debug, Clone)]
pub struct ClaimRef<'a> {
    pub article: &'a str,
    pub claim: &'a Claim,
    pub speaker_key: Option<String>,
    /// Workspace keys of the entities the claim's content mentions (its subjects).
    pub subjects: BTreeSet<String>,
}

impl Corpus {
    fn claim_ref<'a>(&self, article: &'a str, claim: &'a Claim) -> ClaimRef<'a> {
        let analysis = &self
            .get(article)
            .expect("claim of a known article")
            .analysis;
        let speaker_key = claim
            .speaker_entity
            .and_then(|i| analysis.entities.get(i))
            .map(|e| self.workspace_key(&e.key));
        let inside = |r: &ByteRange| claim.range.start <= r.start && r.end <= claim.range.end;
        let subjects = analysis
            .mentions
            .iter()
            .filter(|m| inside(&m.range) && Some(m.entity) != claim.speaker_entity)
            .filter_map(|m| analysis.entities.get(m.entity))
            .map(|e| self.workspace_key(&e.key))
            .collect();
        ClaimRef {
            article,
            claim,
            speaker_key,
            subjects,
        }
    }

    /// Every claim of the corpus, article by article.
    pub fn all_claims(&self) -> Vec<ClaimRef<'_>> {
        self.articles()
            .flat_map(|(id, a)| a.analysis.claims.iter().map(move |c| (id, c)))
            .map(|(id, c)| self.claim_ref(id, c))
            .collect()
    }

    /// The innermost claim whose content, cue or speaker contains the offset.
    pub fn claim_at(&self, article: &str, offset: usize) -> Option<ClaimRef<'_>> {
        let (id, found) = self.articles().find(|(id, _)| *id == article)?;
        let contains = |r: &ByteRange| r.start <= offset && offset <= r.end;
        let claim = found
            .analysis
            .claims
            .iter()
            .filter(|c| {
                contains(&c.range)
                    || c.cue.as_ref().is_some_and(contains)
                    || c.speaker.as_ref().is_some_and(contains)
            })
            .min_by_key(|c| c.range.len())?;
        Some(self.claim_ref(id, claim))
    }

    /// The claims of one speaker across the corpus.
    pub fn claims_of(&self, speaker_key: &str) -> Vec<ClaimRef<'_>> {
        self.all_claims()
            .into_iter()
            .filter(|c| c.speaker_key.as_deref() == Some(speaker_key))
            .collect()
    }

    /// Claims in other articles by the same speaker about a shared subject (or, for claims
    /// without subjects, with the same figures' units).
    pub fn matching_claims(&self, claim: &ClaimRef<'_>) -> Vec<Place> {
        let Some(speaker) = &claim.speaker_key else {
            return Vec::new();
        };
        let units: BTreeSet<&str> = claim
            .claim
            .figures
            .iter()
            .map(|f| f.unit.as_str())
            .collect();
        self.claims_of(speaker)
            .into_iter()
            .filter(|other| other.article != claim.article)
            .filter(|other| {
                let shared_subject = !other.subjects.is_disjoint(&claim.subjects);
                let shared_unit = other
                    .claim
                    .figures
                    .iter()
                    .any(|f| units.contains(f.unit.as_str()));
                shared_subject
                    || shared_unit
                    || (claim.subjects.is_empty() && other.subjects.is_empty())
            })
            .map(|other| Place {
                article: other.article.to_string(),
                range: other.claim.range.clone(),
            })
            .collect()
    }

    /// How many claims an entity made, and in how many articles.
    pub fn claim_count(&self, speaker_key: &str) -> (usize, usize) {
        let claims = self.claims_of(speaker_key);
        let articles: BTreeSet<&str> = claims.iter().map(|c| c.article).collect();
        (claims.len(), articles.len())
    }
}
