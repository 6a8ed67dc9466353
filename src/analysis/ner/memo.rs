//! What the tagger found in sentences it has already tagged, kept for the next analysis.
//!
//! In an editor every keystroke re-analyses the whole article, but all sentences except the
//! one being typed in are the same words as before. A sentence's labels depend on its words
//! only, so the names found in it are kept under its words and reused: re-tagging a long
//! article after an edit tags one sentence.

use super::labels::LabelSpan;
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

impl SentenceMemo {
    /// The key of a sentence: each word's length and bytes, hashed, so different word splits
    /// of the same characters never meet.
    pub fn key<'w>(words: impl Iterator<Item = &'w str>) -> SentenceKey {
        use std::hash::{BuildHasher, Hasher};
        // Fixed keys: the same sentence has the same key in every process.
        let mut low =
            std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().build_hasher();
        let mut high = rustc_hash::FxHasher::default();
        for word in words {
            for hasher in [&mut low as &mut dyn Hasher, &mut high] {
                hasher.write_usize(word.len());
                hasher.write(word.as_bytes());
            }
        }
        (u128::from(high.finish()) << 64) | u128::from(low.finish())
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
