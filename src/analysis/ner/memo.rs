//! What the tagger found in sentences it has already tagged, kept for the next analysis.
//!
//! In an editor every keystroke re-analyses the whole article, but all sentences except the
//! one being typed in are the same words as before. A sentence's labels depend on its words
//! only, so the names found in it are kept under its words and reused: re-tagging a long
//! article after an edit tags one sentence.

use super::features::avalanche;
use super::labels::LabelSpan;
use crate::text::bytes::for_each_le_word;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// A name found in a sentence, by token positions within the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceName {
    pub span: LabelSpan,
    pub score: f32,
}

pub type SentenceNames = Arc<[SentenceName]>;

/// Sentences (as a 128-bit hash of their words) and the names found in them.
#[derive(Default)]
pub struct SentenceMemo {
    known: Mutex<FxHashMap<SentenceKey, SentenceNames>>,
}

/// Two independent 64-bit hashes of a sentence's words: two different sentences share a key
/// with a chance of about 2^-128, far below any hardware error rate, and keys cost no
/// allocation.
pub type SentenceKey = u128;

/// A few MB at most (a key and usually no more than a few names per sentence). When
/// full the memo starts afresh instead of tracking use: it refills with the articles at hand.
const MAX_SENTENCES: usize = 50_000;

/// The two 64-bit hashes of a [`SentenceKey`], fed one 64-bit value at a time.
struct KeyLanes {
    low: u64,
    high: u64,
}

impl Default for KeyLanes {
    fn default() -> Self {
        KeyLanes {
            low: 0x243F_6A88_85A3_08D3,
            high: 0x1319_8A2E_0370_7344,
        }
    }
}

impl KeyLanes {
    #[inline]
    fn add(&mut self, value: u64) {
        self.low = (self.low.rotate_left(5) ^ value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.high = (self.high ^ value)
            .wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            .rotate_left(31);
    }

    /// Each lane through the feature hashes' final avalanche, so every input bit reaches every
    /// key bit.
    fn finish(self) -> SentenceKey {
        (u128::from(avalanche(self.high)) << 64) | u128::from(avalanche(self.low))
    }
}

impl SentenceMemo {
    /// The key of a sentence: each word's length and bytes, hashed, so different word splits
    /// of the same characters never meet. Two lanes with different multipliers and rotations
    /// read the same 8-byte chunks: as cheap as one pass over the words, and the same key in
    /// every process.
    pub fn key<'w>(words: impl Iterator<Item = &'w str>) -> SentenceKey {
        let mut lanes = KeyLanes::default();
        for word in words {
            lanes.add(word.len() as u64);
            for_each_le_word(word.as_bytes(), |chunk| lanes.add(chunk));
        }
        lanes.finish()
    }

    /// The names of each sentence already known, `None` for the others.
    pub fn recall(&self, keys: &[SentenceKey]) -> Vec<Option<SentenceNames>> {
        let known = self.lock();
        keys.iter().map(|key| known.get(key).cloned()).collect()
    }

    pub fn remember(&self, found: impl Iterator<Item = (SentenceKey, SentenceNames)>) {
        let mut known = self.lock();
        for (key, names) in found {
            if known.len() >= MAX_SENTENCES {
                known.clear();
            }
            known.insert(key, names);
        }
    }

    pub fn forget(&self) {
        self.lock().clear();
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The map, even after a panic elsewhere while it was held: its entries are each written
    /// whole, so it is never half-updated.
    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<SentenceKey, SentenceNames>> {
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::model::EntityKind;

    #[test]
    fn keys_tell_word_splits_apart_and_the_memo_recalls_what_it_was_given() {
        assert_ne!(
            SentenceMemo::key(["US", "A"].into_iter()),
            SentenceMemo::key(["USA"].into_iter())
        );
        let memo = SentenceMemo::default();
        let known = SentenceMemo::key(["Merz", "sprach", "."].into_iter());
        let unknown = SentenceMemo::key(["Er", "schwieg", "."].into_iter());
        let names: SentenceNames = Arc::from(vec![SentenceName {
            span: LabelSpan {
                tokens: 0..1,
                kind: EntityKind::Person,
                derived: false,
            },
            score: 0.9,
        }]);
        memo.remember(std::iter::once((known, names.clone())));
        assert_eq!(memo.recall(&[known, unknown]), [Some(names), None]);
        memo.forget();
        assert!(memo.is_empty());
    }
}
