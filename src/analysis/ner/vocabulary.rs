//! The words news articles use most, with their single-word weight sums worked out once per
//! process instead of once per article.
//!
//! Working out a word's atoms and the weight sums of its single-word features is most of what
//! tagging a word costs the first time an article uses it (see [`super::word_cache`]). About
//! three quarters of the tokens of a news article, and nearly half its distinct words, are
//! words the training data used more than once ("der", "sagte", "Regierung"), so those are
//! summed when the tagger is first used and copied into each article's cache from here. The
//! sums are the same integers an article's own cache would give, so the tags are identical.
//!
//! The word list, `data/model/vocabulary-de.txt`, is written by `examples/train_ner.rs` from
//! the training sentences: every word form seen at least [`MIN_COUNT`] times, most frequent
//! first.

use super::features::ClassLookup;
use super::model::{Model, Probes};
use super::word_cache::WordCache;
use rustc_hash::FxHashMap;

/// How often a word form must occur in the training sentences to be in the vocabulary. Words
/// seen once are mostly names and rare compounds, which a new article seldom repeats.
pub const MIN_COUNT: usize = 2;

static EMBEDDED_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/model/vocabulary-de.txt"
));

/// The vocabulary's words, summed with one model.
pub struct Vocabulary {
    words: WordCache<'static>,
}

impl Vocabulary {
    /// The shipped word list summed with `model` (which looks up gazetteer classes through
    /// `classes` when it was trained with them).
    pub fn embedded(model: &Model, classes: Option<ClassLookup>) -> Vocabulary {
        // Collected first so that the cache is sized for them all: grown step by step, its
        // tables of thousands of words were copied over and over.
        let words: Vec<&'static str> = EMBEDDED_WORDS.lines().collect();
        Vocabulary::build(words.into_iter(), model, classes)
    }

    fn build(
        words: impl Iterator<Item = &'static str>,
        model: &Model,
        classes: Option<ClassLookup>,
    ) -> Vocabulary {
        let mut cache = WordCache::with_capacity(words.size_hint().0);
        for word in words {
            cache.id(classes, word);
        }
        cache.sum_new_words(model, &mut Probes::default());
        Vocabulary { words: cache }
    }

    /// The id of `word` in [`Vocabulary::words`], when the vocabulary has it.
    #[inline]
    pub(super) fn id(&self, word: &str) -> Option<u32> {
        self.words.summed(word)
    }

    /// The vocabulary's words, summed.
    pub(super) fn words(&self) -> &WordCache<'static> {
        &self.words
    }
}

/// The word forms of `sentences` seen at least [`MIN_COUNT`] times, most frequent first (ties
/// in byte order, so the list is the same on every run).
pub fn frequent_words<'a>(sentences: impl Iterator<Item = &'a [String]>) -> Vec<&'a str> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for word in sentences.flatten() {
        *counts.entry(word.as_str()).or_default() += 1;
    }
    let mut frequent: Vec<(&str, usize)> = counts
        .into_iter()
        .filter(|&(_, count)| count >= MIN_COUNT)
        .collect();
    frequent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    frequent.into_iter().map(|(word, _)| word).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ner::{Tagger, gazetteer_lookup};

    #[test]
    fn frequent_words_come_most_frequent_first_and_skip_words_seen_once() {
        let sentences: Vec<Vec<String>> = [
            "Die Regierung sagte , die Lage sei ernst .",
            "Die Regierung tagte .",
            "Selenskyj sagte nichts .",
        ]
        .iter()
        .map(|s| s.split(' ').map(String::from).collect())
        .collect();
        let words = frequent_words(sentences.iter().map(Vec::as_slice));
        assert_eq!(words, [".", "Die", "Regierung", "sagte"]);
    }

    #[test]
    fn the_shipped_vocabulary_holds_common_words_not_rare_names() {
        let tagger = Tagger::embedded();
        let vocabulary = Vocabulary::embedded(tagger.model(), gazetteer_lookup(tagger.model()));
        let size = vocabulary.words.distinct_words();
        assert!((5_000..10_000).contains(&size), "{size}");
        for word in ["der", "Die", "sagte", "Regierung", "Berlin", "."] {
            assert!(vocabulary.id(word).is_some(), "{word}");
        }
        assert!(vocabulary.id("Selenskyjs").is_none());
    }
}
