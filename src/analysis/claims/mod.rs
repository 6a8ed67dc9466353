//! Claims: who said what, which figures, how well sourced. German rules, no model.
//!
//! [`detect_claims`] takes the article's tokens, sentences and the entity mentions the
//! NER/linking pass found, and returns quotes, indirect speech, prepositional sources, vague
//! sources and unattributed figures, each with its speaker mention resolved to an entity.

mod cues;
pub mod eval;
mod figures;
mod indirect;
mod quotes;
mod speaker;
mod words;

pub use figures::find_figures;

use crate::analysis::model::{ByteRange, Claim, ClaimKind, Entity, EntityKind, Mention};
use crate::text::tokens::{Sentence, Token};
use speaker::SpeakerPhrase;
use words::{WordKind, WordView};

/// Every claim in the article, in text order.
pub fn detect_claims(text: &str, tokens: &[Token], sentences: &[Sentence], mentions: &[Mention], entities: &[Entity]) -> Vec<Claim> {
    let mut context = Context::new(text, tokens, sentences, mentions, entities);
    let mut drafts = quotes::detect(&mut context);
    drafts.extend(indirect::detect(&context, &drafts));
    assemble(&context, drafts)
}

/// What the rules share: the word view, the mentions per word, and which words are taken.
pub(crate) struct Context<'a> {
    pub view: WordView<'a>,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// For each word, the mention covering it (a person wins over an organisation, and so on).
    pub mention_at: Vec<Option<usize>>,
    /// Mention indices sorted by start.
    pub mentions_by_start: Vec<usize>,
    /// Words inside quotation marks (the marks included).
    pub in_quote: Vec<bool>,
    /// Cue words a quote's frame already used.
    pub consumed: Vec<bool>,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, tokens: &[Token], sentences: &[Sentence], mentions: &'a [Mention], entities: &'a [Entity]) -> Context<'a> {
        let view = WordView::new(text, tokens, sentences);
        let count = view.words.len();
        let mut mention_at: Vec<Option<usize>> = vec![None; count];
        let mut mentions_by_start: Vec<usize> = (0..mentions.len()).collect();
        mentions_by_start.sort_by_key(|&m| (mentions[m].range.start, mentions[m].range.end));
        for &m in &mentions_by_start {
            let range = &mentions[m].range;
            let first = view.words.partition_point(|w| w.range.end <= range.start);
            for k in first..count {
                if view.words[k].range.start >= range.end {
                    break;
                }
                let better = mention_at[k].is_none_or(|other| rank(mentions[m].kind) < rank(mentions[other].kind));
                if better {
                    mention_at[k] = Some(m);
                }
            }
        }
        Context {
            view,
            mentions,
            entities,
            mention_at,
            mentions_by_start,
            in_quote: vec![false; count],
            consumed: vec![false; count],
        }
    }

    /// A lowercase word with a cue reading ("sagte", "betont").
    pub(crate) fn is_cue_word(&self, i: usize) -> bool {
        let word = &self.view.words[i];
        word.is_lowercase_word() && !cues::cue_forms(&word.lower).is_empty()
    }

    /// The words of sentence `s` without its closing punctuation.
    pub(crate) fn content(&self, s: usize) -> std::ops::Range<usize> {
        let range = self.view.sentences[s].words.clone();
        let mut end = range.end;
        while end > range.start {
            let word = &self.view.words[end - 1];
            if word.kind == WordKind::Punct && word.is_any(&[".", "!", "?", ";", ":"]) {
                end -= 1;
            } else {
                break;
            }
        }
        range.start..end
    }
}

fn rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Location => 2,
        EntityKind::Role => 3,
        EntityKind::Misc => 4,
    }
}

/// A claim before its speaker is resolved and its figures attached.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub kind: ClaimKind,
    pub range: ByteRange,
    pub cue: Option<ByteRange>,
    pub speaker: Option<SpeakerPhrase>,
    pub sentence: usize,
}

fn assemble(context: &Context<'_>, mut drafts: Vec<Draft>) -> Vec<Claim> {
    drafts.sort_by_key(|d| (d.range.start, d.range.end));
    drafts.dedup_by(|later, earlier| later.range == earlier.range && later.kind == earlier.kind);

    let text = context.view.text;
    let mut claims: Vec<Claim> = drafts
        .into_iter()
        .filter(|d| !d.range.is_empty())
        .map(|draft| {
            let speaker_entity = draft.speaker.as_ref().and_then(|s| context.resolve(s));
            let speaker = draft.speaker.as_ref().map(|s| context.span_of(s.words.clone()));
            Claim {
                id: String::new(),
                kind: draft.kind,
                range: draft.range,
                cue: draft.cue,
                speaker,
                speaker_entity,
                figures: Vec::new(),
            }
        })
        .collect();

    // Figures go to the claims that contain them; a figure no claim holds makes its sentence an
    // unattributed numeric claim.
    for s in 0..context.view.sentences.len() {
        let figures = figures::figures_in(&context.view, context.view.sentences[s].words.clone());
        let mut unclaimed = Vec::new();
        for figure in figures {
            let holders: Vec<usize> = (0..claims.len())
                .filter(|&c| claims[c].range.start <= figure.range.start && figure.range.end <= claims[c].range.end)
                .collect();
            if holders.is_empty() {
                unclaimed.push(figure);
            } else {
                for c in holders {
                    claims[c].figures.push(figure.clone());
                }
            }
        }
        if !unclaimed.is_empty() {
            claims.push(Claim {
                id: String::new(),
                kind: ClaimKind::Numeric,
                range: context.span_of(context.content(s)),
                cue: None,
                speaker: None,
                speaker_entity: None,
                figures: unclaimed,
            });
        }
    }
    claims.sort_by_key(|c| (c.range.start, c.range.end));

    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for claim in &mut claims {
        let base = claim_id(claim.kind, &text[claim.range.clone()]);
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        claim.id = if *count == 1 { base } else { format!("{base}-{count}") };
    }
    claims
}

/// "c-" and 12 hex digits of a hash over the kind and the whitespace-normalised, lowercased
/// content: stable across edits elsewhere in the article.
pub fn claim_id(kind: ClaimKind, content: &str) -> String {
    // FNV-1a: fixed across Rust versions and platforms, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(kind.label().as_bytes());
    feed(b":");
    for (n, word) in content.split_whitespace().enumerate() {
        if n > 0 {
            feed(b" ");
        }
        feed(word.to_lowercase().as_bytes());
    }
    format!("c-{:012x}", hash >> 16)
}
