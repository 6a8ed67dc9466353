//! Finding the gazetteer's multi-word names in a text.
//!
//! Every phrase has a space in it, and a phrase only counts when no letter or digit stands
//! right before it. So a phrase can only start where such a position is followed by the
//! phrase's first word (all up to its first space) and a space: at each of these positions the
//! text's own first word is looked up in a map from first words to phrases, and only the few
//! phrases found there are compared. An article has a few thousand such positions, most of
//! them turned away by a bit test on their first bytes. An Aho-Corasick automaton over all
//! 17,000 phrases read every byte of the text at twice the cost, and had to be built first.

use super::ShortStrings;
use crate::text::bytes::ascii_alphanumeric_run;
use rustc_hash::FxHashMap;

/// How many bytes of a phrase's start the quick test looks at: the shortest phrase is a letter,
/// a space and a letter.
const START_LEN: usize = 3;

/// The phrases by first word.
pub struct PhraseIndex {
    phrases: Vec<&'static str>,
    /// First word → the range of `by_first_word` that holds its phrases.
    first_words: FxHashMap<&'static str, (u32, u32)>,
    /// Phrase indices grouped by first word.
    by_first_word: Vec<u32>,
    /// Which bytes start a phrase: positions at other bytes (spaces, punctuation, most
    /// lowercase words) are turned away by one table read.
    first_bytes: [bool; 256],
    /// The first [`START_LEN`] bytes of every phrase: most other positions are rejected here,
    /// before their word is hashed.
    starts: ShortStrings,
    /// The longest first word, in bytes: a longer word is no first word.
    longest_first_word: usize,
}

/// One phrase found: its byte range and its index in the list the index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub start: usize,
    pub end: usize,
    pub phrase: usize,
}

fn first_word(phrase: &str) -> &str {
    phrase.split_once(' ').map_or(phrase, |(first, _)| first)
}

impl PhraseIndex {
    /// Indexes `phrases` (each with a space, none starting with one).
    pub fn new(phrases: Vec<&'static str>) -> PhraseIndex {
        for phrase in &phrases {
            assert!(
                !first_word(phrase).is_empty() && phrase.len() > first_word(phrase).len() + 1,
                "a gazetteer phrase is words separated by spaces: {phrase:?}"
            );
        }
        let mut order: Vec<u32> = (0..phrases.len() as u32).collect();
        order.sort_by_key(|&i| first_word(phrases[i as usize]));
        let mut first_words = FxHashMap::default();
        let mut longest_first_word = 0;
        let mut group_start = 0;
        for end in 1..=order.len() {
            let word = first_word(phrases[order[group_start] as usize]);
            if end < order.len() && first_word(phrases[order[end] as usize]) == word {
                continue;
            }
            first_words.insert(word, (group_start as u32, end as u32));
            longest_first_word = longest_first_word.max(word.len());
            group_start = end;
        }
        let mut first_bytes = [false; 256];
        for phrase in &phrases {
            first_bytes[usize::from(phrase.as_bytes()[0])] = true;
        }
        let starts = ShortStrings::new(phrases.iter().map(|p| &p.as_bytes()[..START_LEN]));
        PhraseIndex {
            phrases,
            first_words,
            by_first_word: order,
            first_bytes,
            starts,
            longest_first_word,
        }
    }

    /// Every phrase occurring in `text` with no letter or digit right before or after it, in
    /// text order (at one start, in no particular order).
    pub fn occurrences(&self, text: &str) -> Vec<Occurrence> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        // Here `at` always follows no letter or digit.
        while let Some(&first) = bytes.get(at) {
            if self.first_bytes[usize::from(first)]
                && bytes.len() - at >= START_LEN
                && self.starts.may_contain(&bytes[at..at + START_LEN])
            {
                self.occurrences_at(text, at, &mut found);
            }
            at = next_phrase_start(text, at);
        }
        found
    }

    fn occurrences_at(&self, text: &str, start: usize, found: &mut Vec<Occurrence>) {
        let rest = &text.as_bytes()[start..];
        let window = &rest[..rest.len().min(self.longest_first_word + 1)];
        let Some(space) = memchr::memchr(b' ', window) else {
            return;
        };
        let Some(&(from, to)) = self.first_words.get(&text[start..start + space]) else {
            return;
        };
        for &phrase in &self.by_first_word[from as usize..to as usize] {
            let pattern = self.phrases[phrase as usize];
            let end = start + pattern.len();
            if rest.starts_with(pattern.as_bytes()) && !alphanumeric_at(text, end) {
                found.push(Occurrence {
                    start,
                    end,
                    phrase: phrase as usize,
                });
            }
        }
    }
}

/// The first place after `at` where a phrase could start: right after the character at `at`,
/// or, when that is a letter or digit, after the rest of its word and the character that ends
/// it.
fn next_phrase_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = at;
    loop {
        // ASCII letters and digits eight at a time, then the character after them.
        at += ascii_alphanumeric_run(&bytes[at..]).0;
        let Some(&byte) = bytes.get(at) else {
            return at;
        };
        if byte.is_ascii() {
            return at + 1;
        }
        let c = text[at..].chars().next().expect("at a char boundary");
        at += c.len_utf8();
        if !c.is_alphanumeric() {
            return at;
        }
    }
}

fn alphanumeric_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(index: &PhraseIndex, text: &str) -> Vec<(String, usize)> {
        index
            .occurrences(text)
            .into_iter()
            .map(|o| (text[o.start..o.end].to_string(), o.phrase))
            .collect()
    }

    /// Where a phrase may start, found character by character.
    fn possible_starts(text: &str) -> Vec<usize> {
        let mut starts = vec![0];
        for (at, c) in text.char_indices() {
            if !c.is_alphanumeric() {
                starts.push(at + c.len_utf8());
            }
        }
        starts.retain(|&at| at < text.len());
        starts
    }

    #[test]
    fn phrases_start_after_any_character_that_is_no_letter_or_digit() {
        let phrases: Vec<&'static str> = vec!["a b", "Ab c", "„x y", "–Ü z", "é f", "1 2"];
        let index = PhraseIndex::new(phrases.clone());
        let words = [
            "a b",
            "Ab c",
            "„x y",
            "–Ü z",
            "é f",
            "1 2",
            "xa b",
            "ä",
            "Übera b",
            "–",
            "„",
            " ",
            ".",
            "ab",
            "\u{a0}",
            "ß",
            "9",
            "\u{1F600}",
            "Zürich",
        ];
        // Every placement of the words against the eight-byte chunks.
        for padding in 0..8 {
            for (i, first) in words.iter().enumerate() {
                for (j, second) in words.iter().enumerate() {
                    for third in &words[(i + j) % words.len()..] {
                        let text = format!("{}{first}{second}{third}", "-".repeat(padding));
                        let expected: Vec<Occurrence> = possible_starts(&text)
                            .into_iter()
                            .flat_map(|at| {
                                let text = &text;
                                phrases.iter().enumerate().filter_map(move |(phrase, p)| {
                                    let end = at + p.len();
                                    (text[at..].starts_with(p) && !alphanumeric_at(text, end))
                                        .then_some(Occurrence {
                                            start: at,
                                            end,
                                            phrase,
                                        })
                                })
                            })
                            .collect();
                        let mut found = index.occurrences(&text);
                        found.sort_by_key(|o| (o.start, o.phrase));
                        assert_eq!(found, expected, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn phrases_are_found_on_word_boundaries_only() {
        let index = PhraseIndex::new(vec![
            "New York",
            "New York City",
            "Vereinigte Staaten",
            "‘Ewa Beach",
        ]);
        assert_eq!(
            found(
                &index,
                "In New York City und (New York), nicht Newton York."
            ),
            [
                ("New York".to_string(), 0),
                ("New York City".to_string(), 1),
                ("New York".to_string(), 0)
            ]
        );
        assert!(found(&index, "Die Vereinigte Staatenbank, xNew York").is_empty());
        assert!(found(&index, "New\u{a0}York, New  York").is_empty());
        assert_eq!(
            found(&index, "Nach ‘Ewa Beach; die Vereinigte Staaten"),
            [
                ("‘Ewa Beach".to_string(), 3),
                ("Vereinigte Staaten".to_string(), 2)
            ]
        );
        // A phrase may close the text, and an umlaut counts as a letter on both sides.
        assert_eq!(found(&index, "über New York").len(), 1);
        assert!(found(&index, "New Yorkü").is_empty());
        assert!(found(&index, "äNew York").is_empty());
    }
}
