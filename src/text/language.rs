//! Which language an article is written in, from its most frequent function words.
//! Dossier's recognisers are German; on English text they stay silent rather than
//! produce German guesses.

use crate::analysis::model::Language;
use crate::text::lowercase::with_lowercase;

const GERMAN: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "sich", "auf", "dem",
    "ein", "eine", "auch", "für", "im", "des", "wie", "dass", "nach", "bei", "werden", "wird",
    "sind", "einer", "in", "an", "am", "vom", "zum", "zur", "aus", "über", "sagte", "hat", "war",
    "noch",
];
// "in" is German and English alike; it counts for German only, and English must clearly
// outnumber German, because running no recogniser on a German text is the worse mistake.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "that", "it", "was", "for", "on", "are", "with", "as", "his",
    "they", "be", "at", "this", "have", "from", "by", "said", "were", "has", "which", "will",
];

/// The length in bytes of the longest word in [`GERMAN`] and [`ENGLISH`].
const LONGEST_FUNCTION_WORD: usize = longest(GERMAN, longest(ENGLISH, 0));

const fn longest(words: &[&str], mut longest: usize) -> usize {
    let mut i = 0;
    while i < words.len() {
        if words[i].len() > longest {
            longest = words[i].len();
        }
        i += 1;
    }
    longest
}

/// How many of the first words to look at: enough for a stable vote, cheap on huge files.
const SAMPLE_WORDS: usize = 2000;

pub fn detect_language(text: &str) -> Language {
    let (mut german, mut english) = (0usize, 0usize);
    let words = AlphabeticWords { text, at: 0 }.take(SAMPLE_WORDS);
    // Longer words cannot be function words: they are counted without being lowercased.
    for word in words.filter(|w| w.len() <= LONGEST_FUNCTION_WORD) {
        match function_word_language(word) {
            Some(Language::German) => german += 1,
            Some(Language::English) => english += 1,
            _ => {}
        }
    }
    if german + english < 3 {
        Language::Unknown
    } else if english > 2 * german {
        Language::English
    } else {
        Language::German
    }
}

/// The runs of alphabetic characters in a text, in order: what `text.split(|c: char|
/// !c.is_alphabetic())` gives without its empty pieces, reading ASCII byte by byte instead of
/// decoding every character.
struct AlphabeticWords<'a> {
    text: &'a str,
    at: usize,
}

impl AlphabeticWords<'_> {
    /// Whether the character at `self.at`, which starts with `byte`, is alphabetic, and its
    /// length in bytes.
    fn alphabetic_here(&self, byte: u8) -> (bool, usize) {
        if byte.is_ascii() {
            return (byte.is_ascii_alphabetic(), 1);
        }
        let c = self.text[self.at..]
            .chars()
            .next()
            .expect("at a character boundary");
        (c.is_alphabetic(), c.len_utf8())
    }
}

impl<'a> Iterator for AlphabeticWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = loop {
            let (alphabetic, len) = self.alphabetic_here(*bytes.get(self.at)?);
            if alphabetic {
                break self.at;
            }
            self.at += len;
        };
        while let Some(&byte) = bytes.get(self.at) {
            let (alphabetic, len) = self.alphabetic_here(byte);
            if !alphabetic {
                break;
            }
            self.at += len;
        }
        Some(&self.text[start..self.at])
    }
}

/// A word of up to eight bytes as a number: its bytes, the first one highest. Words hold no
/// zero byte, so different words give different numbers.
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        key = key << 8 | word[i] as u64;
        i += 1;
    }
    key
}

/// The function words of both lists as [`word_key`]s with their language, sorted for binary
/// search: comparing a word with each list entry in turn was most of what detection cost.
const FUNCTION_WORDS: [(u64, Language); GERMAN.len() + ENGLISH.len()] = {
    let mut words = [(0, Language::Unknown); GERMAN.len() + ENGLISH.len()];
    let mut i = 0;
    while i < words.len() {
        words[i] = if i < GERMAN.len() {
            (word_key(GERMAN[i].as_bytes()), Language::German)
        } else {
            (
                word_key(ENGLISH[i - GERMAN.len()].as_bytes()),
                Language::English,
            )
        };
        // Insertion sort: the list is short and this runs at compile time.
        let mut j = i;
        while j > 0 && words[j - 1].0 > words[j].0 {
            let earlier = words[j - 1];
            words[j - 1] = words[j];
            words[j] = earlier;
            j -= 1;
        }
        i += 1;
    }
    words
};

/// The language whose function word `word` is, ignoring case; `word` is alphabetic and at
/// most [`LONGEST_FUNCTION_WORD`] bytes long.
fn function_word_language(word: &str) -> Option<Language> {
    with_lowercase(word, |lower| {
        // Lowercasing may lengthen a word beyond what fits a key and any function word.
        (lower.len() <= LONGEST_FUNCTION_WORD)
            .then(|| language_of_key(word_key(lower)))
            .flatten()
    })
}

fn language_of_key(key: u64) -> Option<Language> {
    FUNCTION_WORDS
        .binary_search_by_key(&key, |&(word, _)| word)
        .ok()
        .map(|i| FUNCTION_WORDS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_german_from_english() {
        let german = "Der ukrainische Präsident betonte die Bedeutung eines starken Engagements und forderte Unterstützung.";
        let english =
            "The president said that the talks in Paris were important for the war and the peace.";
        assert_eq!(detect_language(german), Language::German);
        assert_eq!(detect_language(english), Language::English);
        assert_eq!(detect_language("Paris London"), Language::Unknown);
        assert_eq!(
            detect_language("Der Präsident sprach in Köln. Merz antwortete in Bonn."),
            Language::German
        );
        let seed = include_str!("../../seeds/000_d6396046d8ded179.txt");
        assert_eq!(detect_language(seed), Language::German);
        assert_eq!(LONGEST_FUNCTION_WORD, "werden".len());
    }

    #[test]
    fn function_words_are_found_in_any_case_and_nothing_else() {
        for (list, language) in [(GERMAN, Language::German), (ENGLISH, Language::English)] {
            for word in list {
                assert_eq!(function_word_language(word), Some(language), "{word}");
                let upper = word.to_uppercase();
                assert_eq!(function_word_language(&upper), Some(language), "{upper}");
            }
        }
        // No word is in both lists: each counts for one language.
        assert!(FUNCTION_WORDS.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for word in ["Über", "ÜBER", "FÜR", "Für"] {
            assert_eq!(function_word_language(word), Some(Language::German));
        }
        for word in [
            "dies",
            "the\u{301}",
            "über\u{301}",
            "Öl",
            "ß",
            "fúr",
            "thé",
            "Σ",
        ] {
            assert_eq!(function_word_language(word), None, "{word}");
        }
        // The Kelvin sign lowercases to an ASCII k.
        assert_eq!(function_word_language("\u{212a}"), None);
    }

    #[test]
    fn words_are_the_alphabetic_runs() {
        let text = "„Über“ 3x-Änderung, naïve\u{301}Ω  i̇ ende";
        let words: Vec<&str> = AlphabeticWords { text, at: 0 }.collect();
        let split: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words, split);
    }
}
