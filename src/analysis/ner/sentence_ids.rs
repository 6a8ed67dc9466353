//! The word ids of the sentences of one tagger run, kept so that every token's window is a
//! plain slice.
//!
//! A token's features look at the words up to two places before and after it, and past either
//! end of its sentence at the boundary. With two boundary ids on each side of every sentence,
//! the window of a token is the five ids around it, read without asking at each of them
//! whether it is still inside the sentence; the tagger reads the windows of every token in
//! three loops.

use super::word_cache::BOUNDARY_ID;

/// How many boundary ids stand on each side of a sentence: as many as a window reaches.
const PADDING: usize = 2;

/// The word ids of some sentences, each with [`PADDING`] boundary ids before and after it (a
/// sentence shares the ones between it and the next).
pub struct SentenceIds {
    ids: Vec<u32>,
    /// Where each sentence's first word is in `ids`, and after the last sentence where the
    /// next would be.
    starts: Vec<usize>,
}

impl SentenceIds {
    /// Room for `tokens` word ids in `sentences` sentences.
    pub fn with_capacity(tokens: usize, sentences: usize) -> SentenceIds {
        let mut ids = Vec::with_capacity(tokens + PADDING * (sentences + 1));
        ids.extend([BOUNDARY_ID; PADDING]);
        let mut starts = Vec::with_capacity(sentences + 1);
        starts.push(PADDING);
        SentenceIds { ids, starts }
    }

    /// Adds a sentence given as its words' ids.
    pub fn push(&mut self, sentence: impl IntoIterator<Item = u32>) {
        self.ids.extend(sentence);
        self.ids.extend([BOUNDARY_ID; PADDING]);
        self.starts.push(self.ids.len());
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sentence `index`'s ids with the boundary ids on both sides.
    pub fn padded(&self, index: usize) -> PaddedSentence<'_> {
        let end = self.starts[index + 1] - PADDING;
        PaddedSentence(&self.ids[self.starts[index] - PADDING..end + PADDING])
    }

    /// Every sentence, padded, in order.
    pub fn iter(&self) -> impl Iterator<Item = PaddedSentence<'_>> {
        (0..self.len()).map(|index| self.padded(index))
    }
}

/// One sentence's word ids with [`PADDING`] boundary ids on each side.
#[derive(Clone, Copy)]
pub struct PaddedSentence<'s>(&'s [u32]);

impl<'s> PaddedSentence<'s> {
    /// The sentence's words (without the boundaries).
    pub fn words(self) -> &'s [u32] {
        &self.0[PADDING..self.0.len() - PADDING]
    }

    /// Per token, the ids of the two words before it, its own and the two after it
    /// (boundaries past either end of the sentence).
    pub fn windows(self) -> impl ExactSizeIterator<Item = [u32; 5]> + 's {
        self.0
            .windows(2 * PADDING + 1)
            .map(|window| [window[0], window[1], window[2], window[3], window[4]])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ner::features::window;

    #[test]
    fn windows_are_those_that_stop_at_the_sentence_ends() {
        let sentences: [&[u32]; 4] = [&[5, 6, 7, 8], &[9], &[], &[10, 11]];
        let mut ids = SentenceIds::with_capacity(7, sentences.len());
        for sentence in sentences {
            ids.push(sentence.iter().copied());
        }
        assert_eq!(ids.len(), 4);
        for (index, sentence) in sentences.iter().enumerate() {
            let padded = ids.padded(index);
            assert_eq!(padded.words(), *sentence);
            let expected: Vec<[u32; 5]> = (0..sentence.len())
                .map(|i| window(sentence, i, BOUNDARY_ID))
                .collect();
            assert_eq!(padded.windows().collect::<Vec<_>>(), expected);
        }
        assert_eq!(ids.padded(0).windows().nth(1), Some([0, 5, 6, 7, 8]));
        assert!(SentenceIds::with_capacity(0, 0).is_empty());
    }
}
