//! The word view the claim rules read: tokens cut at their punctuation edges and sentences
//! cut at clear boundaries.
//!
//! Why not the tokens as they come: the rules look for single characters (a comma before
//! "dass", a colon before a quote, a quotation mark) as words of their own, and they must
//! keep working on text whose tokenizer glued punctuation to words ("Luftabwehr.Eine") or
//! put a whole paragraph in one sentence. With a tokenizer that already splits cleanly this
//! view is the same as the tokens.

use super::cues::{self, CueForm, Mood};
use super::figures::{self, NumberReading};
use super::indirect;
use super::speaker;
use crate::analysis::model::ByteRange;
use crate::text::bytes::for_each_le_word;
use crate::text::lowercase::with_lowercase;
use crate::text::tokens::{Sentence, Token, TokenKind};
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    /// Letters, with inner hyphens or apostrophes.
    Word,
    /// Digits with inner "." or "," separators.
    Number,
    /// A quotation mark of any style.
    Quote,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Word<'a> {
    pub range: ByteRange,
    pub text: &'a str,
    /// Held inline for all but the longest words: a heap string per word cost more to allocate
    /// and free than the rules spend reading them.
    pub lower: CompactString,
    pub kind: WordKind,
    /// The cue readings of `lower` ("sagte", "teilte"), looked up once here: the rules ask
    /// about the same word again and again. Empty for words that do not start lowercase,
    /// which never cue.
    pub cue_forms: &'static [CueForm],
    /// Whether an indirect-speech rule may start here (see `indirect::may_open_statement`).
    pub may_open_statement: bool,
    /// The mood the word marks (see `cues::Mood`).
    pub mood: Mood,
    /// The closed word classes the word belongs to.
    pub classes: Classes,
    /// What the word is as a number, if anything (see `figures::number_reading`).
    pub number: NumberReading,
}

/// Closed word classes the rules test words against again and again (a speaker search asks
/// of every word it passes whether it is a preposition), as bits set once per distinct word
/// while the text is prepared, instead of list scans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Classes(u8);

impl Classes {
    /// `cues::DETERMINERS`.
    pub const DETERMINER: Classes = Classes(1);
    /// `cues::PREPOSITIONS`.
    pub const PREPOSITION: Classes = Classes(1 << 1);
    /// `cues::PERSONAL_PRONOUNS`.
    pub const PERSONAL_PRONOUN: Classes = Classes(1 << 2);
    /// `cues::POSSESSIVES`.
    pub const POSSESSIVE: Classes = Classes(1 << 3);
    /// `cues::SUBORDINATORS`.
    pub const SUBORDINATOR: Classes = Classes(1 << 4);
    /// `speaker::function_words`.
    pub const FUNCTION_WORD: Classes = Classes(1 << 5);
    /// The first word of a qualifier before a number (`figures::qualifier_words`).
    pub const QUALIFIER_START: Classes = Classes(1 << 6);
    /// `indirect::statement_act_nouns`.
    pub const STATEMENT_ACT_NOUN: Classes = Classes(1 << 7);

    fn with(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }
}

impl Word<'_> {
    /// Whether the word is in the closed class `class` (its lowercase form is in the list).
    pub fn is_in(&self, class: Classes) -> bool {
        self.classes.0 & class.0 != 0
    }

    pub fn is(&self, lower: &str) -> bool {
        self.lower == lower
    }

    pub fn is_any(&self, options: &[&str]) -> bool {
        options.contains(&self.lower.as_ref())
    }

    pub fn is_capitalised(&self) -> bool {
        self.kind == WordKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_lowercase_word(&self) -> bool {
        self.kind == WordKind::Word && self.text.chars().next().is_some_and(char::is_lowercase)
    }

    pub fn is_punct(&self, c: &str) -> bool {
        self.kind == WordKind::Punct && self.text == c
    }
}

/// A sentence as a range of word indices.
#[derive(Debug, Clone)]
pub(crate) struct SentenceSpan {
    pub words: std::ops::Range<usize>,
}

pub(crate) struct WordView<'a> {
    pub text: &'a str,
    pub words: Vec<Word<'a>>,
    pub sentences: Vec<SentenceSpan>,
    /// The indices of the words that may open a statement, in order: a few in a hundred, so
    /// the indirect-speech rules, which wait for linking, go from one to the next instead of
    /// visiting every word.
    pub openings: Vec<usize>,
    /// For each sentence, its words without its closing punctuation (see `content`).
    contents: Vec<std::ops::Range<usize>>,
}

impl<'a> WordView<'a> {
    pub fn new(text: &'a str, tokens: &[Token], sentences: &[Sentence]) -> WordView<'a> {
        let mut words = Vec::with_capacity(tokens.len() + tokens.len() / 4);
        let mut first_word_of_token = Vec::with_capacity(tokens.len() + 1);
        // Words repeat: an article of 10,000 tokens has under half as many distinct ones. A
        // token's words depend on its text alone, so each distinct text is split and looked up
        // in the word lists once, and its later occurrences copy those words. Most texts are
        // short enough to be their own key as one number, which hashes and compares in a few
        // instructions; the longer ones are keyed by their text.
        let mut first_with_short_text: FxHashMap<u64, usize> =
            FxHashMap::with_capacity_and_hasher(tokens.len() / 3, Default::default());
        let mut first_with_long_text: FxHashMap<&'a str, usize> =
            FxHashMap::with_capacity_and_hasher(tokens.len() / 3, Default::default());
        for (index, token) in tokens.iter().enumerate() {
            first_word_of_token.push(words.len());
            // URLs and handles are split differently from other tokens of the same text.
            if matches!(token.kind, TokenKind::Url | TokenKind::Handle) {
                split_token(text, token, &mut words);
                continue;
            }
            let first = match short_text_key(text.as_bytes(), &token.range) {
                Some(key) => *first_with_short_text.entry(key).or_insert(index),
                None => *first_with_long_text
                    .entry(&text[token.range.clone()])
                    .or_insert(index),
            };
            if first == index {
                split_token(text, token, &mut words);
            } else {
                let words_of_first = first_word_of_token[first]..first_word_of_token[first + 1];
                copy_words(
                    tokens[first].range.start,
                    token.range.start,
                    words_of_first,
                    &mut words,
                );
            }
        }
        first_word_of_token.push(words.len());

        let mut spans = Vec::new();
        for sentence in sentences {
            let start = first_word_of_token
                .get(sentence.tokens.start)
                .copied()
                .unwrap_or(words.len());
            let end = first_word_of_token
                .get(sentence.tokens.end)
                .copied()
                .unwrap_or(words.len());
            refine_sentence(text, &words, start..end, &mut spans);
        }
        let openings = words
            .iter()
            .enumerate()
            .filter(|(_, word)| word.may_open_statement)
            .map(|(index, _)| index)
            .collect();
        let contents = spans
            .iter()
            .map(|sentence| content_of(&words, sentence.words.clone()))
            .collect();
        WordView {
            text,
            words,
            sentences: spans,
            openings,
            contents,
        }
    }

    /// The byte range from the start of word `from` to the end of word `to - 1`.
    pub fn span(&self, words: std::ops::Range<usize>) -> ByteRange {
        if words.is_empty() {
            let at = self
                .words
                .get(words.start)
                .map_or(self.text.len(), |w| w.range.start);
            return at..at;
        }
        self.words[words.start].range.start..self.words[words.end - 1].range.end
    }

    /// The words of sentence `s` without its closing punctuation.
    pub fn content(&self, s: usize) -> std::ops::Range<usize> {
        self.contents[s].clone()
    }

    /// The word holding byte `byte`.
    pub fn word_at_byte(&self, byte: usize) -> Option<usize> {
        let position = self.words.partition_point(|w| w.range.end <= byte);
        (position < self.words.len() && self.words[position].range.start <= byte)
            .then_some(position)
    }

    /// The sentence holding word `index`.
    pub fn sentence_of(&self, index: usize) -> Option<usize> {
        let position = self.sentences.partition_point(|s| s.words.end <= index);
        (position < self.sentences.len() && self.sentences[position].words.contains(&index))
            .then_some(position)
    }
}

/// The words `range` of a sentence without its closing punctuation.
fn content_of(words: &[Word<'_>], range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut end = range.end;
    while end > range.start {
        let word = &words[end - 1];
        if word.kind == WordKind::Punct && word.is_any(&[".", "!", "?", ";", ":"]) {
            end -= 1;
        } else {
            break;
        }
    }
    range.start..end
}

pub(crate) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '„' | '“' | '”' | '"' | '»' | '«' | '‚' | '‘' | '’' | '\'' | '‹' | '›'
    )
}

/// A text of one to seven bytes as one number: its bytes, and its length in the top byte, so
/// texts that differ in length never share a key.
fn short_text_key(text: &[u8], range: &ByteRange) -> Option<u64> {
    let len = range.len();
    if !(1..=7).contains(&len) {
        return None;
    }
    // Under eight bytes, the text is one zero-padded word.
    let mut bytes = 0;
    for_each_le_word(&text[range.clone()], |word| bytes = word);
    Some(bytes | ((len as u64) << 56))
}

/// Cuts one token into words: letters and digits stay together (with inner hyphens,
/// apostrophes and digit separators), every other character is a word of its own.
fn split_token<'a>(text: &'a str, token: &Token, out: &mut Vec<Word<'a>>) {
    let slice = &text[token.range.clone()];
    if matches!(token.kind, TokenKind::Url | TokenKind::Handle) {
        out.push(make_word(text, token.range.clone(), WordKind::Word));
        return;
    }
    // A plain ASCII token of letters or digits, as most are, is one word as it is. One pass
    // with a table answers both questions for all its bytes.
    let classes = slice.bytes().fold(
        ASCII_ALPHANUMERIC | ASCII_DIGIT | JOINED_OR_BEYOND_ASCII,
        |classes, b| classes & BYTE_CLASSES[usize::from(b)],
    );
    if !slice.is_empty() && classes & ASCII_ALPHANUMERIC != 0 {
        let kind = if classes & ASCII_DIGIT != 0 {
            WordKind::Number
        } else {
            WordKind::Word
        };
        out.push(make_word(text, token.range.clone(), kind));
        return;
    }
    // So is a token of letters with letters beyond ASCII or inner hyphens and apostrophes
    // ("Präsident", "CDU-Chef"): the cutting below would join all its characters into one
    // word, at some forty instructions a character. With either it is no number.
    if classes & JOINED_OR_BEYOND_ASCII != 0 && is_one_joined_word(slice) {
        out.push(make_word(text, token.range.clone(), WordKind::Word));
        return;
    }
    // The characters are read where they are, one ahead at most: collecting them first cost
    // more than the cutting.
    let char_at = |offset: usize| slice[offset..].chars().next();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let start = token.range.start + i;
        if is_alphanumeric(c) {
            let mut j = i + c.len_utf8();
            let mut digits_only = c.is_ascii_digit();
            while let Some(d) = char_at(j) {
                if is_alphanumeric(d) {
                    digits_only &= d.is_ascii_digit();
                    j += d.len_utf8();
                    continue;
                }
                let after = j + d.len_utf8();
                let next = char_at(after);
                let joins_letters =
                    matches!(d, '-' | '\'' | '’' | '‐') && next.is_some_and(is_alphanumeric);
                let joins_digits = matches!(d, '.' | ',')
                    && digits_only
                    && next.is_some_and(|n| n.is_ascii_digit());
                match next {
                    Some(next) if joins_letters || joins_digits => {
                        if joins_letters {
                            digits_only = false;
                        }
                        j = after + next.len_utf8();
                    }
                    _ => break,
                }
            }
            let kind = if digits_only {
                WordKind::Number
            } else {
                WordKind::Word
            };
            out.push(make_word(text, start..token.range.start + j, kind));
            i = j;
        } else if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            let kind = if is_quote_char(c) {
                WordKind::Quote
            } else {
                WordKind::Punct
            };
            out.push(make_word(text, start..start + c.len_utf8(), kind));
            i += c.len_utf8();
        }
    }
}

/// In `BYTE_CLASSES`: an ASCII letter or digit.
const ASCII_ALPHANUMERIC: u8 = 1;
/// In `BYTE_CLASSES`: an ASCII digit.
const ASCII_DIGIT: u8 = 2;
/// In `BYTE_CLASSES`: an ASCII letter or digit, a hyphen or apostrophe, or a byte of a
/// character beyond ASCII.
const JOINED_OR_BEYOND_ASCII: u8 = 4;

/// For each byte, whether it is an ASCII letter or digit, whether it is a digit, and whether
/// it is either of the first, a joiner of `is_one_joined_word` or part of a character beyond
/// ASCII.
const BYTE_CLASSES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] |= ASCII_ALPHANUMERIC | JOINED_OR_BEYOND_ASCII;
        }
        if byte.is_ascii_digit() {
            table[b] |= ASCII_DIGIT;
        }
        if !byte.is_ascii() || byte == b'-' || byte == b'\'' {
            table[b] |= JOINED_OR_BEYOND_ASCII;
        }
        b += 1;
    }
    table
};

/// Whether `split_token` would cut `slice` into one word, because it is letters and digits
/// with single hyphens or apostrophes between them: each joins the letters around it.
fn is_one_joined_word(slice: &str) -> bool {
    // Nothing to join to before the first character.
    let mut after_joiner = true;
    for c in slice.chars() {
        if c == '-' || c == '\'' {
            if after_joiner {
                return false;
            }
            after_joiner = true;
        } else if is_alphanumeric(c) {
            after_joiner = false;
        } else {
            return false;
        }
    }
    !after_joiner
}

/// `char::is_alphanumeric`, with German's own letters answered before the Unicode tables,
/// which cost more than a hundred instructions a character.
fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (!c.is_ascii()
            && (matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü') || c.is_alphanumeric()))
}

/// Appends copies of `words[earlier]`, the words of a token at byte `earlier_start`, as the
/// words of a token of the same text at byte `start`.
fn copy_words(
    earlier_start: usize,
    start: usize,
    earlier: std::ops::Range<usize>,
    words: &mut Vec<Word<'_>>,
) {
    // The copy keeps the earlier word's `text`: the same characters, and no slicing of the
    // article (with its boundary checks) per word.
    // Most tokens are one word: one copy pushed costs fewer instructions than extending.
    if earlier.len() == 1 {
        let mut word = words[earlier.start].clone();
        word.range =
            word.range.start - earlier_start + start..word.range.end - earlier_start + start;
        words.push(word);
        return;
    }
    let copies = words.len();
    words.extend_from_within(earlier);
    for word in &mut words[copies..] {
        word.range =
            word.range.start - earlier_start + start..word.range.end - earlier_start + start;
    }
}

fn make_word(text: &str, range: ByteRange, kind: WordKind) -> Word<'_> {
    let slice = &text[range.clone()];
    let lower = lowercase(slice);
    let mut word = Word {
        range,
        text: slice,
        lower,
        kind,
        cue_forms: &[],
        may_open_statement: false,
        mood: Mood::default(),
        classes: Classes::default(),
        number: NumberReading::NotANumber,
    };
    let entry = if kind == WordKind::Word {
        lexicon().get(word.lower.as_str())
    } else {
        None
    };
    if let Some(entry) = entry {
        if word.is_lowercase_word() {
            word.cue_forms = entry.cue_forms;
        }
        word.mood = entry.mood;
        word.classes = entry.classes;
    }
    word.may_open_statement =
        indirect::may_open_statement(&word, entry.is_some_and(|e| e.opens_statement));
    word.number = figures::number_reading(kind, word.text, &word.lower);
    word
}

/// `str::to_lowercase` of a word, without the Unicode tables for the ASCII and Latin-1 letters
/// nearly every German word is made of (see `text::lowercase`).
pub(crate) fn lowercase(slice: &str) -> CompactString {
    if slice.is_ascii() {
        let mut lower = CompactString::from(slice);
        lower.make_ascii_lowercase();
        return lower;
    }
    with_lowercase(slice, |lower| {
        if lower == slice.as_bytes() {
            CompactString::from(slice)
        } else {
            CompactString::from(std::str::from_utf8(lower).expect("lowercasing keeps UTF-8 valid"))
        }
    })
}

/// Whether `text.to_lowercase()` ends with `suffix`, without building the lowercase text.
/// Lowercasing goes character by character, and a Latin-1 character keeps its length, so
/// where the last `suffix.len()` bytes are Latin-1 characters only they need lowering.
pub(crate) fn lowercase_ends_with(text: &str, suffix: &str) -> bool {
    match text.len().checked_sub(suffix.len()) {
        Some(start)
            if text.is_char_boundary(start)
                && text.as_bytes()[start..].iter().all(|&b| b < 0xC4) =>
        {
            with_lowercase(&text[start..], |lower| lower == suffix.as_bytes())
        }
        _ => with_lowercase(text, |lower| lower.ends_with(suffix.as_bytes())),
    }
}

/// What the word lists say about a lowercase word form.
struct LexiconEntry {
    cue_forms: &'static [CueForm],
    /// One of the words besides cue verbs that an indirect-speech rule starts at.
    opens_statement: bool,
    mood: Mood,
    classes: Classes,
}

/// The cue verbs, the other words that open statements, the forms with a mood and the closed
/// word classes, in one map: each distinct word of an article is looked up once, for all.
fn lexicon() -> &'static FxHashMap<&'static str, LexiconEntry> {
    static LEXICON: OnceLock<FxHashMap<&'static str, LexiconEntry>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map: FxHashMap<&'static str, LexiconEntry> = FxHashMap::default();
        fn entry<'m>(
            map: &'m mut FxHashMap<&'static str, LexiconEntry>,
            form: &'static str,
        ) -> &'m mut LexiconEntry {
            map.entry(form).or_insert(LexiconEntry {
                cue_forms: &[],
                opens_statement: false,
                mood: Mood::default(),
                classes: Classes::default(),
            })
        }
        for (form, cue_forms) in cues::cue_words() {
            entry(&mut map, form).cue_forms = cue_forms;
        }
        for form in indirect::opening_words() {
            entry(&mut map, form).opens_statement = true;
        }
        for (form, mood) in cues::mood_words() {
            entry(&mut map, form).mood = mood;
        }
        let classes = [
            (cues::DETERMINERS, Classes::DETERMINER),
            (cues::PREPOSITIONS, Classes::PREPOSITION),
            (cues::PERSONAL_PRONOUNS, Classes::PERSONAL_PRONOUN),
            (cues::POSSESSIVES, Classes::POSSESSIVE),
            (cues::SUBORDINATORS, Classes::SUBORDINATOR),
        ];
        for (list, class) in classes {
            for &form in list {
                let entry = entry(&mut map, form);
                entry.classes = entry.classes.with(class);
            }
        }
        for form in speaker::function_words() {
            let entry = entry(&mut map, form);
            entry.classes = entry.classes.with(Classes::FUNCTION_WORD);
        }
        for form in figures::qualifier_starts() {
            let entry = entry(&mut map, form);
            entry.classes = entry.classes.with(Classes::QUALIFIER_START);
        }
        for form in indirect::statement_act_nouns() {
            let entry = entry(&mut map, form);
            entry.classes = entry.classes.with(Classes::STATEMENT_ACT_NOUN);
        }
        map
    })
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "prof", "nr", "st", "bzw", "ca", "vgl", "usw", "z", "b", "u", "a", "d", "h", "mio",
    "mrd", "jh", "str", "inkl", "evtl", "ggf", "sog", "mr", "mrs", "hr", "fr", "abs", "art",
    "bzgl", "etc", "min", "max", "tel",
];

/// Adds the sentences of `words` to `out`, cutting where the given sentence missed a boundary:
/// a paragraph break, or ". ! ?" (possibly followed by a closing quote) before a capital.
fn refine_sentence(
    text: &str,
    words: &[Word<'_>],
    range: std::ops::Range<usize>,
    out: &mut Vec<SentenceSpan>,
) {
    let mut start = range.start;
    let bytes = text.as_bytes();
    let sentence_words = words.get(range.clone()).unwrap_or_default();
    for (i, pair) in (range.start..).zip(sentence_words.windows(2)) {
        let (word, next) = (&pair[0], &pair[1]);
        let gap = &bytes[word.range.end..next.range.start];
        // Gaps are a byte or two: a plain loop costs less than the memchr `contains` calls.
        #[allow(clippy::manual_contains)]
        let paragraph_break = gap.iter().any(|&b| b == b'\n');
        // Only punctuation and quote marks end sentences: most words are asked nothing more.
        let sentence_end = matches!(word.kind, WordKind::Punct | WordKind::Quote)
            && ends_sentence(words, i, range.start)
            && starts_sentence(next)
            // A quote mark glued to the full stop closes the quotation: „… stärker.“ Der …
            && !(next.kind == WordKind::Quote && gap.is_empty());
        if paragraph_break || sentence_end {
            out.push(SentenceSpan {
                words: start..i + 1,
            });
            start = i + 1;
        }
    }
    if start < range.end {
        out.push(SentenceSpan {
            words: start..range.end,
        });
    }
}

fn ends_sentence(words: &[Word<'_>], i: usize, sentence_start: usize) -> bool {
    let word = &words[i];
    // A closing quote right after the end punctuation belongs to the ending sentence.
    if word.kind == WordKind::Quote && i > sentence_start {
        let before = &words[i - 1];
        return before.range.end == word.range.start
            && before.kind == WordKind::Punct
            && before.is_any(&[".", "!", "?"]);
    }
    if !(word.kind == WordKind::Punct && word.is_any(&[".", "!", "?"])) {
        return false;
    }
    if word.text != "." || i == sentence_start {
        return true;
    }
    let before = &words[i - 1];
    if before.range.end != word.range.start {
        return true;
    }
    match before.kind {
        // "5. August" is an ordinal; "im Jahr 1969. Heute" ends a sentence.
        WordKind::Number => before.text.len() == 4,
        WordKind::Word => {
            !(before.text.chars().count() == 1 || ABBREVIATIONS.contains(&before.lower.as_ref()))
        }
        _ => true,
    }
}

fn starts_sentence(word: &Word<'_>) -> bool {
    match word.kind {
        WordKind::Word => word.is_capitalised(),
        WordKind::Quote | WordKind::Number => true,
        WordKind::Punct => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::{split_sentences, tokenize};

    fn view(text: &str) -> WordView<'_> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        WordView::new(text, &tokens, &sentences)
    }

    #[test]
    fn splits_punctuation_and_keeps_numbers_and_hyphenated_names() {
        let text = "Cohn-Bendit sagte: „Über 1.000 Euro, also 3,5%.“";
        let v = view(text);
        let words: Vec<&str> = v.words.iter().map(|w| w.text).collect();
        assert_eq!(
            words,
            [
                "Cohn-Bendit",
                "sagte",
                ":",
                "„",
                "Über",
                "1.000",
                "Euro",
                ",",
                "also",
                "3,5",
                "%",
                ".",
                "“"
            ]
        );
        assert_eq!(v.words[5].kind, WordKind::Number);
        assert_eq!(v.words[3].kind, WordKind::Quote);
    }

    #[test]
    fn a_repeated_token_gets_words_at_its_own_place() {
        let text = "Er sagte: „Ja.“ Sie sagte: „Ja.“";
        let v = view(text);
        let words: Vec<(&str, &str)> = v
            .words
            .iter()
            .map(|w| (w.text, &text[w.range.clone()]))
            .collect();
        assert!(words.iter().all(|(word, at_range)| word == at_range));
        assert_eq!(v.words.len(), 14);
        assert_eq!(v.words[1].range, 3..8);
        let second = text.rfind("sagte").unwrap();
        assert_eq!(v.words[8].range, second..second + "sagte".len());
        assert_eq!(v.words[8].cue_forms.len(), v.words[1].cue_forms.len());
        assert!(!v.words[8].cue_forms.is_empty());
    }

    #[test]
    fn short_texts_are_keyed_by_bytes_and_length() {
        let text = b"ab ab\0 abc Regierung ab";
        let key = |range: std::ops::Range<usize>| short_text_key(text, &range);
        assert_eq!(
            key(0..2),
            key(21..23),
            "the same text, the last one at the end"
        );
        assert_ne!(key(0..2), key(3..6), "a longer text with a zero byte");
        assert_ne!(key(0..2), key(7..10));
        assert_eq!(key(11..20), None, "nine bytes");
        assert_eq!(key(2..2), None);
    }

    #[test]
    fn words_with_umlauts_hyphens_and_separators_are_cut_as_before() {
        let text = "Über-Präsident Müller’s 3,5-fache „Wende“ 2.5x Größe Bär–Land x² \
                    CDU-Chef O'Neill -ab ab- a--b 3-4 a'-b";
        let v = view(text);
        let words: Vec<(&str, WordKind)> = v.words.iter().map(|w| (w.text, w.kind)).collect();
        use WordKind::*;
        assert_eq!(
            words,
            [
                ("Über-Präsident", Word),
                ("Müller’s", Word),
                ("3,5-fache", Word),
                ("„", Quote),
                ("Wende", Word),
                ("“", Quote),
                ("2.5x", Word),
                ("Größe", Word),
                ("Bär", Word),
                ("–", Punct),
                ("Land", Word),
                ("x²", Word),
                ("CDU-Chef", Word),
                ("O'Neill", Word),
                ("-", Punct),
                ("ab", Word),
                ("ab", Word),
                ("-", Punct),
                ("a", Word),
                ("-", Punct),
                ("-", Punct),
                ("b", Word),
                ("3-4", Word),
                ("a", Word),
                ("'", Quote),
                ("-", Punct),
                ("b", Word),
            ]
        );
        assert_eq!(v.words[0].lower, "über-präsident");
    }

    #[test]
    fn words_lower_as_to_lowercase_does() {
        let latin1 = ('\u{80}'..='\u{ff}').chain('A'..='Z').chain('a'..='z');
        let mut texts: Vec<String> = latin1.map(|c| format!("Ä{c}b")).collect();
        texts.extend(
            [
                "ÄRZTE-Präsident",
                "Übergröße×",
                "ΣΟΦΙΑ",
                "İstanbul",
                "déjà-vu",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn lowercase_suffixes_match_as_to_lowercase_does() {
        let roles = [
            "Außenminister",
            "AUSSENMINISTER",
            "ÖL-MINISTERIN",
            "Erzbischöfin",
            "ΣΟΦΟΣ",
            // Lowercasing İ lengthens it; the Latin-1 tail after it is lowered alone.
            "İNNENMINISTERIN",
            "İ",
        ];
        let suffixes = [
            "minister",
            "ministerin",
            "in",
            "",
            "öfin",
            "Öfin",
            "σοφος",
            "ς",
            "x",
            "i\u{307}",
            "i\u{307}nnenministerin",
        ];
        for role in roles {
            for suffix in suffixes {
                assert_eq!(
                    lowercase_ends_with(role, suffix),
                    role.to_lowercase().ends_with(suffix),
                    "{role} {suffix}"
                );
            }
        }
    }

    fn sentence_texts(text: &str) -> Vec<&str> {
        let v = view(text);
        v.sentences
            .iter()
            .map(|s| &text[v.span(s.words.clone())])
            .collect()
    }

    #[test]
    fn cuts_sentences_at_glued_periods_but_not_at_ordinals() {
        let text =
            "Er kam am 5. August an. Dann ging er bei Luftabwehr.Eine Konferenz folgte.\nNeu";
        assert_eq!(
            sentence_texts(text),
            [
                "Er kam am 5. August an.",
                "Dann ging er bei Luftabwehr.",
                "Eine Konferenz folgte.",
                "Neu"
            ]
        );
    }

    #[test]
    fn a_closing_quote_after_the_full_stop_stays_with_its_sentence() {
        let text = "Sie sagte: „Wir bleiben.“ Der Plan gelte. Er rief: \"Los!\" Dann ging er.";
        assert_eq!(
            sentence_texts(text),
            [
                "Sie sagte: „Wir bleiben.“",
                "Der Plan gelte.",
                "Er rief: \"Los!\"",
                "Dann ging er."
            ]
        );
    }
}
