//! Scoring the entity analysis against gold brat annotations: exact span and type.

use crate::analysis::ArticleAnalysis;
use crate::analysis::claims::eval::Counts;
use crate::analysis::model::{ByteRange, EntityKind};
use crate::annotations::brat::{self, BratLine};
use crate::annotations::char_to_byte;
use std::collections::BTreeMap;

/// Gold entity spans of a brat file: `T` lines whose label is an entity type (PER, ORG,
/// LOC, MISC or OTH, ROLE). Other labels (Message, Source, Cue …) are not entities.
pub fn gold_entities(ann: &str, text: &str) -> Result<Vec<(ByteRange, EntityKind)>, String> {
    let document = brat::parse(ann).map_err(|e| e.to_string())?;
    let mut spans = Vec::new();
    for line in &document.lines {
        let BratLine::TextBound(bound) = line else {
            continue;
        };
        let Some(kind) = EntityKind::from_label(&bound.label) else {
            continue;
        };
        let (Some(first), Some(last)) = (bound.fragments.first(), bound.fragments.last()) else {
            continue;
        };
        let start = char_to_byte(text, first.start)
            .ok_or_else(|| format!("{}: offset past the text", bound.id))?;
        let end = char_to_byte(text, last.end)
            .ok_or_else(|| format!("{}: offset past the text", bound.id))?;
        spans.push((start..end, kind));
    }
    Ok(spans)
}

/// Counts per entity type, added up over articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityScores {
    pub by_kind: BTreeMap<EntityKind, Counts>,
}

/// The types the headline figure averages over, as GermEval and the issue define it.
pub const MICRO_KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Organisation,
    EntityKind::Location,
];

impl EntityScores {
    /// Scores one article: a predicted name matches a gold one with the same span and type.
    pub fn add_article(&mut self, analysis: &ArticleAnalysis, gold: &[(ByteRange, EntityKind)]) {
        let predicted: Vec<(ByteRange, EntityKind)> = analysis
            .mentions
            .iter()
            .filter(|m| !m.derived)
            .map(|m| (m.range.clone(), m.kind))
            .collect();
        for kind in EntityKind::ALL {
            let ours: Vec<&ByteRange> = predicted
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(r, _)| r)
                .collect();
            let theirs: Vec<&ByteRange> = gold
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(r, _)| r)
                .collect();
            let matched = ours.iter().filter(|r| theirs.contains(r)).count();
            let counts = self.by_kind.entry(kind).or_default();
            counts.predicted += ours.len();
            counts.gold += theirs.len();
            counts.predicted_matched += matched;
            counts.gold_matched += matched;
        }
    }

    /// Micro-averaged counts over `kinds`.
    pub fn micro(&self, kinds: &[EntityKind]) -> Counts {
        let mut total = Counts::default();
        for counts in kinds.iter().filter_map(|k| self.by_kind.get(k)) {
            total.predicted += counts.predicted;
            total.gold += counts.gold;
            total.predicted_matched += counts.predicted_matched;
            total.gold_matched += counts.gold_matched;
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::model::{Mention, MentionOrigin};

    #[test]
    fn exact_span_and_type_count() {
        let text = "Köln und Paris";
        let gold = gold_entities(
            "T1\tLOC 0 4\tKöln\nT2\tPER 9 14\tParis\nT3\tMessage 0 4\tKöln\n",
            text,
        )
        .unwrap();
        assert_eq!(
            gold,
            vec![(0..5, EntityKind::Location), (10..15, EntityKind::Person)]
        );
        let mention = |range: ByteRange, kind| Mention {
            range,
            kind,
            entity: 0,
            derived: false,
            origin: MentionOrigin::Tagger,
        };
        let analysis = ArticleAnalysis {
            mentions: vec![
                mention(0..5, EntityKind::Location),
                mention(10..15, EntityKind::Location),
            ],
            ..crate::analysis::analyze("", &Default::default())
        };
        let mut scores = EntityScores::default();
        scores.add_article(&analysis, &gold);
        let micro = scores.micro(&MICRO_KINDS);
        assert_eq!(
            (micro.predicted, micro.gold, micro.predicted_matched),
            (2, 2, 1)
        );
        assert!((micro.f1() - 0.5).abs() < 1e-9);
        assert_eq!(scores.by_kind[&EntityKind::Person].gold, 1);
    }
}
