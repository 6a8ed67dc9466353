//! What each distinct [`FormWindow`] of an article contributes to the tagger's scores, worked
//! out once.
//!
//! Half of a token's window features look only at the shapes and gazetteer classes of its
//! neighbours ("Xx" after "x" before ","), and the tokens of a long article share a few
//! thousand such windows. Their weights are summed once per window, all windows together so
//! that the weight lookups overlap in memory, and added to each token's sums. The sums are
//! integers, so the scores are the same as summing every feature of the token.

use super::features::{FormWindow, SentenceFeatures, form_window_features};
use super::model::{Model, Probes, WeightSums};
use super::sentence_ids::SentenceIds;
use super::word_cache::WordCache;
use rustc_hash::FxHashMap;

/// The form window of every token of some sentences, and the summed weights of each window.
pub struct FormWindows {
    sums: Vec<WeightSums>,
    /// Per token, in sentence order: which of `sums` is its window's.
    of_token: Vec<u32>,
}

impl FormWindows {
    /// The windows of `sentences` (given as word ids of `words`).
    pub fn of(
        sentences: &SentenceIds,
        words: &WordCache,
        model: &Model,
        probes: &mut Probes,
    ) -> FormWindows {
        let token_count = sentences.iter().map(|s| s.words().len()).sum();
        // A window by the numbers of its three word forms (see `WordCache::window_form`), as
        // one integer: hashing an array would hash its length and each number in turn.
        let mut index: FxHashMap<u128, u32> = FxHashMap::default();
        // About one window in four tokens is new (measured on a 10,000-word article).
        index.reserve(token_count / 4);
        let mut of_token = Vec::with_capacity(token_count);
        let mut features = SentenceFeatures::default();
        features.offsets.push(0);
        for sentence in sentences.iter() {
            for [_, prev, this, next, _] in sentence.windows() {
                let [p, t, n] = [prev, this, next].map(|id| u128::from(words.window_form(id)));
                let forms = p << 64 | t << 32 | n;
                let next_index = index.len() as u32;
                let at = *index.entry(forms).or_insert(next_index);
                if at == next_index {
                    let [prev, this, next] =
                        [prev, this, next].map(|id| words.window_atoms(id).form());
                    form_window_features(&FormWindow { prev, this, next }, &mut features.hashes);
                    features.offsets.push(features.hashes.len());
                }
                of_token.push(at);
            }
        }
        let mut sums = Vec::new();
        model.group_sums(&[], &features, probes, &mut sums);
        FormWindows { sums, of_token }
    }

    /// The window sums of the tokens from `first` (counted over all sentences) on.
    pub fn sums_from(&self, first: usize) -> impl Iterator<Item = &WeightSums> {
        self.of_token[first..]
            .iter()
            .map(|&at| &self.sums[at as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ner::features::{
        WindowAtoms, letter_window_features, window, window_features,
    };
    use crate::analysis::ner::word_cache::BOUNDARY_ID;
    use crate::analysis::ner::{Tagger, gazetteer_lookup};

    #[test]
    fn the_form_and_letter_parts_are_the_window_features() {
        let mut words = WordCache::default();
        let ids: Vec<u32> = ["Präsident", "Wolodymyr", "Selenskyj", "sagte"]
            .map(|w| words.id(None, w))
            .to_vec();
        let [prev2, prev, this, next, _] =
            window(&ids, 2, BOUNDARY_ID).map(|id| words.window_atoms(id));
        let mut all = Vec::new();
        window_features(prev2, prev, this, next, &mut all);
        let mut parts = Vec::new();
        letter_window_features(prev2, prev, this, next, &mut parts);
        let [prev, this, next] = [prev, this, next].map(WindowAtoms::form);
        form_window_features(&FormWindow { prev, this, next }, &mut parts);
        all.sort_unstable();
        parts.sort_unstable();
        assert_eq!(all.len(), 8);
        assert_eq!(parts, all);
    }

    #[test]
    fn tokens_in_windows_of_the_same_forms_share_their_sums() {
        let tagger = Tagger::embedded();
        let mut words = WordCache::with_vocabulary(16, tagger.vocabulary());
        let lookup = gazetteer_lookup(tagger.model());
        // "Merz" and "Scholz" are both capitalised surnames between "Kanzler" and "sagte".
        let mut sentences = SentenceIds::with_capacity(8, 2);
        for sentence in ["Kanzler Merz sagte .", "Kanzler Scholz sagte ."] {
            sentences.push(sentence.split(' ').map(|w| words.id(lookup, w)));
        }
        words.sum_new_words(tagger.model(), &mut Probes::default());
        let windows = FormWindows::of(&sentences, &words, tagger.model(), &mut Probes::default());
        assert_eq!(windows.of_token, [0, 1, 2, 3, 0, 1, 2, 3]);
        let merz = windows.sums_from(1).next().unwrap();
        assert_ne!(merz, &WeightSums::default());
    }
}
