//! What each distinct word of an article contributes to the tagger's scores, worked out once.
//!
//! Most of a token's features look at one word of its window only (its own affixes, the
//! previous word's lowercase form, the next word's gazetteer classes...). An article of
//! 10,000 words has only a few thousand distinct words, so hashing, gazetteer lookups and
//! weight sums for those features are done once per distinct word and position; per token
//! only the features that combine words are looked up. The sums are the same integers the
//! plain feature path gives, so the tags are identical.

use super::features::{
    BOUNDARY, ClassLookup, FeatureExtractor, WordAtoms, WordPosition, single_word_features,
};
use super::model::{Model, WeightSums};
use rustc_hash::FxHashMap;

/// A distinct word: its atoms and the weight sums of its single-word features, one per
/// [`WordPosition`].
pub struct WordType {
    pub atoms: WordAtoms,
    sums: [WeightSums; 5],
}

impl AsRef<WordAtoms> for WordType {
    fn as_ref(&self) -> &WordAtoms {
        &self.atoms
    }
}

/// The distinct words seen so far, by text. Id 0 is the sentence boundary.
pub struct WordCache<'t> {
    ids: FxHashMap<&'t str, u32>,
    types: Vec<WordType>,
    extractor: FeatureExtractor,
    hashes: Vec<u64>,
}

pub const BOUNDARY_ID: u32 = 0;

impl<'t> WordCache<'t> {
    pub fn new(model: &Model) -> WordCache<'t> {
        let mut cache = WordCache {
            ids: FxHashMap::default(),
            types: Vec::new(),
            extractor: FeatureExtractor::default(),
            hashes: Vec::new(),
        };
        cache.push(model, BOUNDARY);
        cache
    }

    /// The id of `word`, computing its atoms and sums the first time it is seen.
    pub fn id(&mut self, model: &Model, classes: Option<ClassLookup>, word: &'t str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let atoms = self.extractor.word_atoms(word, classes);
        let id = self.push(model, atoms);
        self.ids.insert(word, id);
        id
    }

    fn push(&mut self, model: &Model, atoms: WordAtoms) -> u32 {
        let sums = WordPosition::ALL.map(|position| {
            self.hashes.clear();
            single_word_features(&atoms, position, &mut self.hashes);
            model.weight_sums(&self.hashes)
        });
        self.types.push(WordType { atoms, sums });
        (self.types.len() - 1) as u32
    }

    pub fn word(&self, id: u32) -> &WordType {
        &self.types[id as usize]
    }

    /// The summed single-word weights of token `i` of a sentence given as word ids.
    pub fn single_word_sums(&self, sentence: &[u32], i: usize) -> WeightSums {
        let at = |offset: isize| {
            let j = i as isize + offset;
            if j < 0 || j as usize >= sentence.len() {
                BOUNDARY_ID
            } else {
                sentence[j as usize]
            }
        };
        let mut total = WeightSums::default();
        for (position, offset) in WordPosition::ALL.iter().zip([0, -1, 1, -2, 2]) {
            let sums = &self.word(at(offset)).sums[*position as usize];
            for (t, s) in total.iter_mut().zip(sums) {
                *t += s;
            }
        }
        total
    }

    pub fn distinct_words(&self) -> usize {
        self.types.len() - 1
    }
}
