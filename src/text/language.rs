//! Which language an article is written in, from its most frequent function words.
//! Dossier's recognisers are German; on English text they stay silent rather than
//! produce German guesses.

use crate::analysis::model::Language;

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
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(SAMPLE_WORDS);
    // Longer words cannot be function words: they are counted without being lowercased.
    for word in words.filter(|w| w.len() <= LONGEST_FUNCTION_WORD) {
        let mut ascii = [0u8; LONGEST_FUNCTION_WORD];
        let lowered;
        let lower = if word.is_ascii() {
            let ascii = &mut ascii[..word.len()];
            ascii.copy_from_slice(word.as_bytes());
            ascii.make_ascii_lowercase();
            std::str::from_utf8(ascii).expect("ASCII is UTF-8")
        } else {
            lowered = word.to_lowercase();
            lowered.as_str()
        };
        german += GERMAN.contains(&lower) as usize;
        english += ENGLISH.contains(&lower) as usize;
    }
    if german + english < 3 {
        Language::Unknown
    } else if english > 2 * german {
        Language::English
    } else {
        Language::German
    }
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
}
