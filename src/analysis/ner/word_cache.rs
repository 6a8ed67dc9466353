//! What each distinct word of an article contributes to the tagger's scores, worked out once.
//!
//! Most of a token's features look at one word of its window only (its own affixes, the
//! previous word's lowercase form, the next word's gazetteer classes...). An article of
//! 10,000 words has only a few thousand distinct words, so hashing, gazetteer lookups and
//! weight sums for those features are done once per distinct word and position; per token
//! only the features that combine words are looked up. The sums are the same integers the
//! plain feature path gives, so the tags are identical.

use super::features::{
    BOUNDARY, ClassLookup, FeatureExtractor, SentenceFeatures, WindowAtoms, WindowForm, WordAtoms,
    WordForm, WordPosition, form_features, letter_features,
};
use super::model::{Model, Probes, WeightSums};
use super::vocabulary::Vocabulary;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

/// The weight sums of a word's single-word features, one per [`WordPosition`].
pub type WordSums = [WeightSums; 5];

/// The distinct words seen so far, by text. Id 0 is the sentence boundary. New words get their
/// atoms at once and their sums in [`WordCache::sum_new_words`], all together, so the weight
/// lookups of many words overlap in memory. Words of the tagger's vocabulary (see
/// [`super::vocabulary`]) are copied from it, already summed.
///
/// What the per-token loop reads, the window atoms and the sums, is kept in two tables by id;
/// the rest of a word's atoms is needed only until its sums are worked out.
pub struct WordCache<'t> {
    ids: FxHashMap<&'t str, u32>,
    vocabulary: Option<&'t Vocabulary>,
    windows: Vec<WindowAtoms>,
    sums: Vec<WordSums>,
    /// Per word, a number for its [`WindowForm`]: what the form window features look at
    /// (see `form_windows`), so that a token's window is keyed by three small numbers.
    window_forms: Vec<u32>,
    /// The numbers of the window forms this cache met first; those of a vocabulary's words
    /// come from the vocabulary and this cache numbers on from there.
    window_form_numbers: FxHashMap<WindowForm, u32>,
    /// Words whose sums are not worked out yet, with their atoms.
    new_words: Vec<(u32, WordAtoms)>,
    extractor: FeatureExtractor,
    groups: SentenceFeatures,
    group_sums: Vec<WeightSums>,
    /// The distinct forms of the new words, by first appearance, and where each of those
    /// words' form is in that list: scratch space of [`WordCache::sum_new_words`].
    forms: FxHashMap<WordForm, u32>,
    form_examples: Vec<u32>,
    word_forms: Vec<u32>,
}

pub const BOUNDARY_ID: u32 = 0;

impl Default for WordCache<'_> {
    fn default() -> Self {
        WordCache::with_capacity(0)
    }
}

impl<'t> WordCache<'t> {
    /// A cache with room for `words` distinct words. Reserving them at once matters: a word's
    /// sums are a few hundred bytes, and growing a vector of thousands of them step by step
    /// copies it over and over.
    pub fn with_capacity(words: usize) -> WordCache<'t> {
        WordCache::new(words, None)
    }

    /// A cache for `words` distinct words that takes the words of `vocabulary` from it.
    pub fn with_vocabulary(words: usize, vocabulary: &'t Vocabulary) -> WordCache<'t> {
        WordCache::new(words, Some(vocabulary))
    }

    fn new(words: usize, vocabulary: Option<&'t Vocabulary>) -> WordCache<'t> {
        let mut ids = FxHashMap::default();
        ids.reserve(words);
        let mut cache = WordCache {
            ids,
            vocabulary,
            windows: Vec::with_capacity(words + 1),
            sums: Vec::with_capacity(words + 1),
            window_forms: Vec::with_capacity(words + 1),
            window_form_numbers: FxHashMap::default(),
            new_words: Vec::with_capacity(words),
            extractor: FeatureExtractor::default(),
            groups: SentenceFeatures::default(),
            group_sums: Vec::new(),
            forms: FxHashMap::default(),
            form_examples: Vec::new(),
            word_forms: Vec::new(),
        };
        cache.push(BOUNDARY);
        cache
    }

    /// The id of `word`; a word seen for the first time is copied from the vocabulary, or
    /// gets its atoms now and its sums at the next [`WordCache::sum_new_words`].
    pub fn id(&mut self, classes: Option<ClassLookup>, word: &'t str) -> u32 {
        // A new word's id is the next one; it is entered at once, so that the word is hashed
        // and its slot found once (a first look and an insert after it hashed it twice).
        let next = self.sums.len() as u32;
        match self.ids.entry(word) {
            Entry::Occupied(known) => return *known.get(),
            Entry::Vacant(slot) => slot.insert(next),
        };
        let vocabulary = self.vocabulary;
        match vocabulary.and_then(|known| known.id(word)) {
            // Copied rather than referred to, so that ids stay dense and the per-token loops
            // read one table without asking where a word came from.
            Some(known) => self.copy_from(vocabulary.expect("found in it").words(), known),
            None => {
                let atoms = self.extractor.word_atoms(word, classes);
                self.push(atoms);
            }
        }
        next
    }

    /// The id of `word` if it is in this cache with its sums worked out.
    #[inline]
    pub(super) fn summed(&self, word: &str) -> Option<u32> {
        let &id = self.ids.get(word)?;
        debug_assert!(
            self.new_words.is_empty(),
            "a vocabulary is summed when built"
        );
        Some(id)
    }

    fn copy_from(&mut self, other: &WordCache, id: u32) {
        let id = id as usize;
        self.windows.push(other.windows[id]);
        // From slice to vector in one copy: pushing the sums copied them through the stack.
        self.sums.extend_from_slice(&other.sums[id..=id]);
        self.window_forms.push(other.window_forms[id]);
    }

    fn push(&mut self, atoms: WordAtoms) {
        let id = self.sums.len() as u32;
        self.windows.push(atoms.window());
        self.sums.push(WordSums::default());
        let form = self.window_form_number(atoms.window_form());
        self.window_forms.push(form);
        self.new_words.push((id, atoms));
    }

    /// The number of `form`: the vocabulary's where it has the form, else this cache's own.
    fn window_form_number(&mut self, form: WindowForm) -> u32 {
        let known = self.vocabulary.map(|v| &v.words().window_form_numbers);
        if let Some(&number) = known.and_then(|numbers| numbers.get(&form)) {
            return number;
        }
        let next = known.map_or(0, |numbers| numbers.len()) + self.window_form_numbers.len();
        *self.window_form_numbers.entry(form).or_insert(next as u32)
    }

    /// Works out the sums of every word added since the last call.
    ///
    /// About a third of a word's single-word features look only at its [`WordForm`] (shape,
    /// length, gazetteer classes), which most new words share with many others (capitalised,
    /// nine letters, in no list). Those features are hashed, looked up and summed once per
    /// form and added to each word's sums of the rest: for the 2,568 new words of a 10,000
    /// word article 5.6 M instructions became 5.0 M. The sums are integers, so they are the
    /// same as summing every feature of the word.
    pub fn sum_new_words(&mut self, model: &Model, probes: &mut Probes) {
        if self.new_words.is_empty() {
            return;
        }
        let groups = &mut self.groups;
        groups.hashes.clear();
        groups.offsets.clear();
        groups.offsets.push(0);
        // About 20 letter features a word over its five positions, reserved at once: growing
        // by doubling would copy the hashes of thousands of words over and over.
        groups.hashes.reserve(self.new_words.len() * 24);
        groups.offsets.reserve(self.new_words.len() * 5);
        self.forms.clear();
        self.form_examples.clear();
        self.word_forms.clear();
        // Reserved at once for the same reason; a form per word at most.
        self.form_examples.reserve(self.new_words.len());
        self.word_forms.reserve(self.new_words.len());
        for (index, (_, atoms)) in self.new_words.iter().enumerate() {
            let next = self.forms.len() as u32;
            let form = *self.forms.entry(atoms.form()).or_insert(next);
            if form == next {
                self.form_examples.push(index as u32);
            }
            self.word_forms.push(form);
            for position in WordPosition::ALL {
                letter_features(atoms, position, &mut groups.hashes);
                groups.offsets.push(groups.hashes.len());
            }
        }
        for &example in &self.form_examples {
            let atoms = &self.new_words[example as usize].1;
            for position in WordPosition::ALL {
                form_features(atoms, position, &mut groups.hashes);
                groups.offsets.push(groups.hashes.len());
            }
        }
        model.group_sums(&[], groups, probes, &mut self.group_sums);
        let (letter_sums, form_sums) = self.group_sums.split_at(self.new_words.len() * 5);
        for (((id, _), letters), &form) in self
            .new_words
            .iter()
            .zip(letter_sums.chunks_exact(5))
            .zip(&self.word_forms)
        {
            let form = &form_sums[form as usize * 5..][..5];
            for ((total, letters), form) in
                self.sums[*id as usize].iter_mut().zip(letters).zip(form)
            {
                *total = std::array::from_fn(|label| letters[label] + form[label]);
            }
        }
        self.new_words.clear();
    }

    /// What the window features read of word `id`.
    pub fn window_atoms(&self, id: u32) -> &WindowAtoms {
        &self.windows[id as usize]
    }

    /// The number of word `id`'s [`WindowForm`]: two words have the same number exactly when
    /// they have the same form.
    pub fn window_form(&self, id: u32) -> u32 {
        self.window_forms[id as usize]
    }

    /// The summed single-word weights of a token whose window (two words before it, its own,
    /// two after it) has these word ids.
    pub fn single_word_sums(&self, window: [u32; 5]) -> WeightSums {
        let [prev2, prev, this, next, next2] = window;
        let mut total = WeightSums::default();
        for (position, id) in WordPosition::ALL
            .into_iter()
            .zip([this, prev, next, prev2, next2])
        {
            for (t, s) in total
                .iter_mut()
                .zip(&self.sums[id as usize][position as usize])
            {
                *t += s;
            }
        }
        total
    }

    pub fn distinct_words(&self) -> usize {
        self.sums.len() - 1
    }
}
