//! Feature extraction for the tagger. Every feature is a 64-bit hash of a template id and the
//! values it looks at, so extraction never builds strings per feature: each word is lowercased
//! once into a reusable buffer, its parts (affixes, shape, compound parts) are hashed once, and
//! the window features combine those hashes.

use crate::text::bytes::for_each_le_word;
use crate::text::lowercase::ascii_lowercase;

/// Word classes from a gazetteer, as a bit set (see `analysis::gazetteer::WordClasses`).
pub type ClassLookup<'a> = &'a dyn Fn(&str) -> u32;

/// Bump when the templates change: a model trained with other templates is refused.
pub const FEATURE_VERSION: u32 = 2;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche (MurmurHash3 fmix64) so both the high bits (table index) and the low bits
/// (fingerprint) of a feature hash are well spread.
#[inline]
pub(super) fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    for_each_le_word(bytes, |word| h = mix(h, word));
    h
}

/// How many zero bytes the extractor keeps before and after a word's lowercase form.
const PADDING: usize = 8;

/// The eight bytes of `bytes` from `at` as a little-endian number.
#[inline(always)]
fn le_word_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// [`hash_bytes`] of the `len` bytes from `start` of `padded`, which are followed by at least
/// seven zero bytes: its last eight-byte word is read whole, the zeros being its padding.
#[inline(always)]
fn hash_zero_padded(padded: &[u8], start: usize, len: usize) -> u64 {
    let mut h = len as u64;
    let mut at = start;
    while at < start + len {
        h = mix(h, le_word_at(padded, at));
        at += 8;
    }
    h
}

/// Feature templates. The number is part of every hash, so two templates never collide by
/// looking at the same value.
mod template {
    pub const BIAS: u64 = 1;
    pub const LOWER: u64 = 2;
    pub const WORD: u64 = 3;
    pub const PREFIX: u64 = 4;
    pub const SUFFIX: u64 = 5;
    pub const SHAPE: u64 = 6;
    pub const SHAPE_AT_START: u64 = 7;
    pub const LOWER_PREV: u64 = 8;
    pub const LOWER_NEXT: u64 = 9;
    pub const LOWER_PREV2: u64 = 10;
    pub const LOWER_NEXT2: u64 = 11;
    pub const SHAPE_PREV_THIS: u64 = 12;
    pub const SHAPE_THIS_NEXT: u64 = 13;
    pub const BIGRAM_PREV: u64 = 14;
    pub const BIGRAM_NEXT: u64 = 15;
    pub const SUFFIX_PREV: u64 = 16;
    pub const SUFFIX_NEXT: u64 = 17;
    pub const COMPOUND_HEAD: u64 = 18;
    pub const COMPOUND_TAIL: u64 = 19;
    pub const LOWER_PREV_SHAPE: u64 = 20;
    pub const CLASS: u64 = 21;
    pub const CLASS_PREV: u64 = 22;
    pub const CLASS_NEXT: u64 = 23;
    pub const LENGTH: u64 = 24;
    pub const CLASS_PREV2: u64 = 25;
    pub const CLASS_NEXT2: u64 = 26;
    pub const SHAPE_PREV: u64 = 27;
    pub const SHAPE_NEXT: u64 = 28;
    pub const CLASSES_SHAPE: u64 = 29;
    pub const CLASSES_PREV_THIS: u64 = 30;
    pub const SHAPE_TRIGRAM: u64 = 31;
    pub const LOWER_PREV2_PREV: u64 = 32;
    pub const PREFIX_NEXT: u64 = 33;
    pub const SUFFIX4_PREV: u64 = 34;
    pub const SUFFIX4_NEXT: u64 = 35;
    pub const LOWER_AT_START: u64 = 36;
}

/// What the window features need to know about one word, all pre-hashed.
#[derive(Clone, Copy, Default)]
pub struct WordAtoms {
    word: u64,
    lower: u64,
    prefixes: [u64; 3],
    suffixes: [u64; 4],
    shape: u64,
    /// First and last part of a hyphenated compound ("us" and "präsident"), 0 when none.
    compound_head: u64,
    compound_tail: u64,
    length: u64,
    classes: u32,
}

/// What the window features read of a word: kept apart from the rest of its atoms, so that the
/// tagger's per-token loop reads a small, dense table.
#[derive(Clone, Copy, Default)]
pub struct WindowAtoms {
    lower: u64,
    shape: u64,
    classes: u32,
}

/// What a word's [`form_features`] look at: its shape, length and gazetteer classes. A few
/// hundred forms cover the thousands of new words of a long article.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordForm {
    shape: u64,
    length: u64,
    classes: u32,
}

impl WordAtoms {
    pub fn form(&self) -> WordForm {
        WordForm {
            shape: self.shape,
            length: self.length,
            classes: self.classes,
        }
    }

    pub fn window(&self) -> WindowAtoms {
        WindowAtoms {
            lower: self.lower,
            shape: self.shape,
            classes: self.classes,
        }
    }

    pub fn window_form(&self) -> WindowForm {
        self.window().form()
    }
}

impl WindowAtoms {
    pub fn form(&self) -> WindowForm {
        WindowForm {
            shape: self.shape,
            classes: self.classes,
        }
    }
}

/// Stands for the words before the sentence start and after its end.
pub const BOUNDARY: WordAtoms = WordAtoms {
    word: 0xB0_B0,
    lower: 0xB0_B0,
    prefixes: [0xB0; 3],
    suffixes: [0xB0; 4],
    shape: 0xB0_B0,
    compound_head: 0,
    compound_tail: 0,
    length: 0,
    classes: 0,
};

const PREFIX_LENGTHS: [usize; 3] = [2, 3, 4];
const SUFFIX_LENGTHS: [usize; 4] = [1, 2, 3, 4];

/// Reusable scratch space: extracting a sentence allocates nothing once the buffers have grown.
#[derive(Default)]
pub struct FeatureExtractor {
    /// The word being worked on, lowercased, between [`PADDING`] zero bytes on either side.
    lower: Vec<u8>,
    atoms: Vec<WordAtoms>,
}

/// The features of one sentence: token `i` owns `hashes[offsets[i]..offsets[i + 1]]`.
#[derive(Default, Debug, Clone)]
pub struct SentenceFeatures {
    pub hashes: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl SentenceFeatures {
    pub fn token(&self, i: usize) -> &[u64] {
        &self.hashes[self.offsets[i]..self.offsets[i + 1]]
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Which token's features a word's atoms feed: its own, or those of the token one or two
/// places after it (`BeforeOne`, `BeforeTwo`) or before it (`AfterOne`, `AfterTwo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordPosition {
    Own,
    BeforeOne,
    AfterOne,
    BeforeTwo,
    AfterTwo,
}

impl WordPosition {
    pub const ALL: [WordPosition; 5] = [
        WordPosition::Own,
        WordPosition::BeforeOne,
        WordPosition::AfterOne,
        WordPosition::BeforeTwo,
        WordPosition::AfterTwo,
    ];
}

#[inline]
fn feature(template: u64, a: u64) -> u64 {
    avalanche(mix(mix(template, a), template))
}

#[inline]
fn feature2(template: u64, a: u64, b: u64) -> u64 {
    avalanche(mix(mix(mix(template, a), b), template))
}

/// One feature per gazetteer class bit of the word.
fn class_features(template: u64, classes: u32, out: &mut Vec<u64>) {
    let mut bits = classes;
    while bits != 0 {
        let bit = bits.trailing_zeros();
        bits &= bits - 1;
        out.push(feature2(template, u64::from(bit), 0));
    }
}

/// The features of a token that look at one word only, `word` standing at `position` from the
/// token. They depend on nothing else, so the tagger sums their weights once per distinct word
/// of an article (see `word_cache`).
pub fn single_word_features(word: &WordAtoms, position: WordPosition, out: &mut Vec<u64>) {
    word_features::<true, true>(word, position, out);
}

/// The part of [`single_word_features`] that looks only at the word's [`WordForm`]: a third of
/// them, and the same for every word of that form, so the tagger sums them once per form.
pub fn form_features(word: &WordAtoms, position: WordPosition, out: &mut Vec<u64>) {
    word_features::<true, false>(word, position, out);
}

/// The rest of [`single_word_features`]: those that look at the word's letters.
pub fn letter_features(word: &WordAtoms, position: WordPosition, out: &mut Vec<u64>) {
    word_features::<false, true>(word, position, out);
}

/// The single-word features of the [`form_features`] part (`FORM`), of the
/// [`letter_features`] part (`LETTERS`) or both, in one order whichever parts are asked for:
/// training sums a token's float weights in the order its features come.
#[inline(always)]
fn word_features<const FORM: bool, const LETTERS: bool>(
    word: &WordAtoms,
    position: WordPosition,
    out: &mut Vec<u64>,
) {
    match position {
        WordPosition::Own => {
            if FORM {
                out.push(feature(template::BIAS, 0));
            }
            if LETTERS {
                out.push(feature(template::LOWER, word.lower));
                out.push(feature(template::WORD, word.word));
                for (n, &prefix) in word.prefixes.iter().enumerate() {
                    out.push(feature2(template::PREFIX, n as u64, prefix));
                }
                for (n, &suffix) in word.suffixes.iter().enumerate() {
                    out.push(feature2(template::SUFFIX, n as u64, suffix));
                }
            }
            if FORM {
                out.push(feature(template::SHAPE, word.shape));
                out.push(feature(template::LENGTH, word.length));
            }
            if LETTERS && word.compound_head != 0 {
                out.push(feature(template::COMPOUND_HEAD, word.compound_head));
                out.push(feature(template::COMPOUND_TAIL, word.compound_tail));
            }
            if FORM {
                class_features(template::CLASS, word.classes, out);
                // Class combinations: "a known first name, capitalised" weighs differently
                // from the single bits.
                out.push(feature2(
                    template::CLASSES_SHAPE,
                    u64::from(word.classes),
                    word.shape,
                ));
            }
        }
        WordPosition::BeforeOne => {
            if LETTERS {
                out.push(feature(template::LOWER_PREV, word.lower));
            }
            if FORM {
                out.push(feature(template::SHAPE_PREV, word.shape));
            }
            if LETTERS {
                out.push(feature(template::SUFFIX_PREV, word.suffixes[2]));
                out.push(feature(template::SUFFIX4_PREV, word.suffixes[3]));
            }
            if FORM {
                class_features(template::CLASS_PREV, word.classes, out);
            }
        }
        WordPosition::AfterOne => {
            if LETTERS {
                out.push(feature(template::LOWER_NEXT, word.lower));
            }
            if FORM {
                out.push(feature(template::SHAPE_NEXT, word.shape));
            }
            if LETTERS {
                out.push(feature(template::SUFFIX_NEXT, word.suffixes[2]));
                out.push(feature(template::SUFFIX4_NEXT, word.suffixes[3]));
                out.push(feature(template::PREFIX_NEXT, word.prefixes[1]));
            }
            if FORM {
                class_features(template::CLASS_NEXT, word.classes, out);
            }
        }
        WordPosition::BeforeTwo => {
            if LETTERS {
                out.push(feature(template::LOWER_PREV2, word.lower));
            }
            if FORM {
                class_features(template::CLASS_PREV2, word.classes, out);
            }
        }
        WordPosition::AfterTwo => {
            if LETTERS {
                out.push(feature(template::LOWER_NEXT2, word.lower));
            }
            if FORM {
                class_features(template::CLASS_NEXT2, word.classes, out);
            }
        }
    }
}

/// The features of a token that combine two or three words of its window.
pub fn window_features(
    prev2: &WindowAtoms,
    prev: &WindowAtoms,
    this: &WindowAtoms,
    next: &WindowAtoms,
    out: &mut Vec<u64>,
) {
    combined_features::<true, true>(prev2, prev, this, next, out);
}

/// The part of [`window_features`] that looks only at the forms of the previous, this and the
/// next word ([`FormWindow`]): a few hundred windows cover the tokens of a long article, so the
/// tagger sums them once per window (see `form_windows`).
pub fn form_window_features(window: &FormWindow, out: &mut Vec<u64>) {
    let [prev, this, next] = [window.prev, window.this, window.next].map(|form| WindowAtoms {
        lower: 0,
        shape: form.shape,
        classes: form.classes,
    });
    // The form part reads no word two places away.
    combined_features::<true, false>(&BOUNDARY.window(), &prev, &this, &next, out);
}

/// The rest of [`window_features`]: those that look at the words' letters.
pub fn letter_window_features(
    prev2: &WindowAtoms,
    prev: &WindowAtoms,
    this: &WindowAtoms,
    next: &WindowAtoms,
    out: &mut Vec<u64>,
) {
    combined_features::<false, true>(prev2, prev, this, next, out);
}

/// What [`form_window_features`] read of one word: its shape and gazetteer classes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct WindowForm {
    shape: u64,
    classes: u32,
}

/// What [`form_window_features`] look at: the [`WindowForm`]s of a token's previous, own and
/// next word.
#[derive(Clone, Copy)]
pub struct FormWindow {
    pub prev: WindowForm,
    pub this: WindowForm,
    pub next: WindowForm,
}

/// The window features of the form part (`FORM`), of the letter part (`LETTERS`) or both, in
/// one order whichever parts are asked for (see [`word_features`]).
#[inline(always)]
fn combined_features<const FORM: bool, const LETTERS: bool>(
    prev2: &WindowAtoms,
    prev: &WindowAtoms,
    this: &WindowAtoms,
    next: &WindowAtoms,
    out: &mut Vec<u64>,
) {
    if FORM {
        out.push(feature2(template::SHAPE_PREV_THIS, prev.shape, this.shape));
        out.push(feature2(template::SHAPE_THIS_NEXT, this.shape, next.shape));
    }
    if LETTERS {
        out.push(feature2(template::BIGRAM_PREV, prev.lower, this.lower));
        out.push(feature2(template::BIGRAM_NEXT, this.lower, next.lower));
        out.push(feature2(template::LOWER_PREV_SHAPE, prev.lower, this.shape));
    }
    if FORM {
        // "A first name after a role noun" weighs differently from the single bits.
        out.push(feature2(
            template::CLASSES_PREV_THIS,
            u64::from(prev.classes),
            u64::from(this.classes),
        ));
        out.push(feature2(
            template::SHAPE_TRIGRAM,
            mix(prev.shape, this.shape),
            next.shape,
        ));
    }
    if LETTERS {
        out.push(feature2(
            template::LOWER_PREV2_PREV,
            prev2.lower,
            prev.lower,
        ));
    }
}

/// The features only the first token of a sentence has.
pub fn sentence_start_features(this: &WindowAtoms, out: &mut Vec<u64>) {
    out.push(feature(template::SHAPE_AT_START, this.shape));
    out.push(feature(template::LOWER_AT_START, this.lower));
}

impl FeatureExtractor {
    /// All features of every token of a sentence (what training sees; tagging sums the same
    /// features, the single-word ones cached per distinct word).
    pub fn extract<'w>(
        &mut self,
        words: impl ExactSizeIterator<Item = &'w str>,
        classes: Option<ClassLookup>,
        out: &mut SentenceFeatures,
    ) {
        self.atoms.clear();
        for word in words {
            let atoms = self.word_atoms(word, classes);
            self.atoms.push(atoms);
        }
        out.hashes.clear();
        out.offsets.clear();
        out.offsets.push(0);
        let atoms: Vec<&WordAtoms> = self.atoms.iter().collect();
        for i in 0..atoms.len() {
            let [prev2, prev, this, next, next2] = window(&atoms, i, &BOUNDARY);
            let hashes = &mut out.hashes;
            single_word_features(this, WordPosition::Own, hashes);
            single_word_features(prev, WordPosition::BeforeOne, hashes);
            single_word_features(next, WordPosition::AfterOne, hashes);
            single_word_features(prev2, WordPosition::BeforeTwo, hashes);
            single_word_features(next2, WordPosition::AfterTwo, hashes);
            let [prev2, prev, this, next] = [prev2, prev, this, next].map(WordAtoms::window);
            window_features(&prev2, &prev, &this, &next, hashes);
            if i == 0 {
                sentence_start_features(&this, hashes);
            }
            out.offsets.push(hashes.len());
        }
    }

    /// Lowercases and hashes a word once: everything the templates look at.
    pub fn word_atoms(&mut self, word: &str, classes: Option<ClassLookup>) -> WordAtoms {
        let ascii = word.is_ascii();
        self.lower_padded(word, ascii);
        let padded = self.lower.as_slice();
        let len = padded.len() - 2 * PADDING;
        let bytes = &padded[PADDING..PADDING + len];
        let mut atoms = WordAtoms {
            word: hash_bytes(word.as_bytes()),
            lower: hash_zero_padded(padded, PADDING, len),
            shape: if ascii {
                ascii_shape_hash(word.as_bytes())
            } else {
                shape_hash(word)
            },
            classes: classes.map_or(0, |lookup| lookup(word)),
            ..WordAtoms::default()
        };
        let boundaries = AffixBoundaries::of(bytes, ascii);
        atoms.length = boundaries.char_count.min(12) as u64;
        // The first eight bytes, for the prefixes: a prefix of up to eight bytes (every
        // prefix of an ASCII word) is hashed from them, its other bytes masked off.
        let head = le_word_at(padded, PADDING);
        for ((slot, &n), &end) in atoms
            .prefixes
            .iter_mut()
            .zip(&PREFIX_LENGTHS)
            .zip(&boundaries.prefix_ends)
        {
            // Words shorter than the affix get no affix: the word feature covers them.
            *slot = if boundaries.char_count <= n {
                1
            } else if end <= 8 {
                mix(end as u64, head & (u64::MAX >> (64 - 8 * end)))
            } else {
                hash_bytes(&bytes[..end])
            };
        }
        for ((slot, &n), &start) in atoms
            .suffixes
            .iter_mut()
            .zip(&SUFFIX_LENGTHS)
            .zip(&boundaries.suffix_starts)
        {
            *slot = if boundaries.char_count > n {
                hash_zero_padded(padded, PADDING + start, len - start)
            } else {
                1
            };
        }
        let hyphen = |b: &u8| *b == b'-';
        // The last hyphen is looked for only in words that have one: most have none, and
        // scanning them twice cost a tenth of this function.
        if let Some(head) = bytes.iter().position(hyphen) {
            let tail = bytes
                .iter()
                .rposition(hyphen)
                .expect("one hyphen was found");
            if head > 0 && tail + 1 < len {
                atoms.compound_head = hash_bytes(&bytes[..head]) | 1;
                atoms.compound_tail =
                    hash_zero_padded(padded, PADDING + tail + 1, len - tail - 1) | 1;
            }
        }
        atoms
    }

    /// Writes `word` lowercased into the buffer between [`PADDING`] zero bytes on either side:
    /// the hashes of the word and its affixes then read whole eight-byte words, zeros past
    /// the end included, instead of putting together the last few bytes of each.
    fn lower_padded(&mut self, word: &str, ascii: bool) {
        let lower = &mut self.lower;
        lower.clear();
        lower.extend_from_slice(&[0; PADDING]);
        if ascii {
            // Eight bytes at a time; the zeros after the word's last bytes stay zeros.
            for_each_le_word(word.as_bytes(), |eight| {
                lower.extend_from_slice(&ascii_lowercase(eight).to_le_bytes());
            });
            lower.truncate(PADDING + word.len());
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                lower.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        lower.extend_from_slice(&[0; PADDING]);
    }
}

/// The items two before to two after position `i` (before, before, this, after, after),
/// `outside` where the window reaches past either end of the sentence.
pub fn window<T: Copy>(items: &[T], i: usize, outside: T) -> [T; 5] {
    let at = |offset: isize| {
        i.checked_add_signed(offset)
            .and_then(|j| items.get(j))
            .copied()
            .unwrap_or(outside)
    };
    [at(-2), at(-1), at(0), at(1), at(2)]
}

/// Where a lowercased word's affixes start and end, in bytes, found in one pass over its
/// characters (most words are ASCII and need none).
struct AffixBoundaries {
    char_count: usize,
    /// The end of the first 2, 3 and 4 characters ([`PREFIX_LENGTHS`]).
    prefix_ends: [usize; 3],
    /// The start of the last 1, 2, 3 and 4 characters ([`SUFFIX_LENGTHS`]).
    suffix_starts: [usize; 4],
}

impl AffixBoundaries {
    /// The boundaries of the UTF-8 `word`; `ascii` when it is known to be ASCII.
    fn of(word: &[u8], ascii: bool) -> AffixBoundaries {
        let len = word.len();
        if ascii {
            return AffixBoundaries {
                char_count: len,
                prefix_ends: PREFIX_LENGTHS.map(|n| n.min(len)),
                suffix_starts: SUFFIX_LENGTHS.map(|n| len.saturating_sub(n)),
            };
        }
        let mut char_count = 0;
        let mut prefix_ends = [len; 3];
        // The byte offset of each of the last four characters, the latest at `recent[0]`.
        let mut recent = [0usize; 4];
        for at in (0..len).filter(|&at| is_char_start(word[at])) {
            if let Some(slot) = PREFIX_LENGTHS.iter().position(|&n| n == char_count) {
                prefix_ends[slot] = at;
            }
            recent.rotate_right(1);
            recent[0] = at;
            char_count += 1;
        }
        AffixBoundaries {
            char_count,
            prefix_ends,
            suffix_starts: std::array::from_fn(|i| recent[i]),
        }
    }
}

/// Whether a byte of UTF-8 starts a character (is no continuation byte).
fn is_char_start(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// Hash of the word's collapsed shape: runs of upper case, lower case and digits each become
/// one symbol ("US-Präsident" → "X-Xx", "1990er" → "dx"); other characters stand for themselves.
fn shape_hash(word: &str) -> u64 {
    let mut h = 0x5A_u64;
    let mut last = u32::MAX;
    for c in word.chars() {
        let symbol = if c.is_ascii() {
            u32::from(ASCII_SHAPE_SYMBOLS[c as usize])
        } else {
            shape_symbol(c)
        };
        if symbol != last {
            h = mix(h, u64::from(symbol));
            last = symbol;
        }
    }
    h
}

/// [`shape_hash`] of an ASCII word: a run's first byte is mixed in and the rest of the run
/// only compared with it, where the character loop mixed every byte and kept the result or
/// not (a fifth of what working out a new word's atoms cost).
fn ascii_shape_hash(word: &[u8]) -> u64 {
    let symbol = |byte: u8| ASCII_SHAPE_SYMBOLS[usize::from(byte & 0x7F)];
    let mut h = 0x5A_u64;
    let mut at = 0;
    while let Some(&first) = word.get(at) {
        let run = symbol(first);
        h = mix(h, u64::from(run));
        at += 1;
        while word.get(at).is_some_and(|&byte| symbol(byte) == run) {
            at += 1;
        }
    }
    h
}

/// The shape symbol of a character: 'X' for upper case, 'x' for lower case, 'd' for digits,
/// else the character itself.
fn shape_symbol(c: char) -> u32 {
    if c.is_uppercase() {
        'X' as u32
    } else if c.is_lowercase() {
        'x' as u32
    } else if c.is_numeric() {
        'd' as u32
    } else {
        c as u32
    }
}

/// [`shape_symbol`] of every ASCII character, worked out at compile time: the shape loop reads
/// one byte per character of most words instead of testing three character classes in turn
/// (about a fifth of what working out a new word's atoms cost).
const ASCII_SHAPE_SYMBOLS: [u8; 128] = {
    let mut symbols = [0u8; 128];
    let mut byte = 0;
    while byte < 128 {
        symbols[byte] = match byte as u8 {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            other => other,
        };
        byte += 1;
    }
    symbols
};

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(words: &[&str], classes: Option<ClassLookup>) -> SentenceFeatures {
        let mut out = SentenceFeatures::default();
        FeatureExtractor::default().extract(words.iter().copied(), classes, &mut out);
        out
    }

    #[test]
    fn form_and_letter_features_make_up_the_single_word_features() {
        let lookup = |w: &str| match w {
            "Kiew" => 0b101,
            "Präsidenten" => 0b1_0100_0000,
            _ => 0,
        };
        let mut extractor = FeatureExtractor::default();
        for word in [
            "Kiew",
            "US-Präsidenten",
            "Präsidenten",
            "sagte",
            "1990er",
            "a",
            ".",
        ] {
            let atoms = extractor.word_atoms(word, Some(&lookup));
            for position in WordPosition::ALL {
                let mut all = Vec::new();
                single_word_features(&atoms, position, &mut all);
                let mut parts = Vec::new();
                form_features(&atoms, position, &mut parts);
                let form_count = parts.len();
                letter_features(&atoms, position, &mut parts);
                assert!(
                    form_count > 0
                        || matches!(position, WordPosition::BeforeTwo | WordPosition::AfterTwo)
                );
                assert!(form_count < parts.len(), "{word} {position:?}");
                all.sort_unstable();
                parts.sort_unstable();
                assert_eq!(all, parts, "{word} {position:?}");
            }
        }
        // The same form, other letters: the same form features.
        let [one, other] = ["Selenskyj", "Wolodymyr"].map(|w| extractor.word_atoms(w, None));
        let form_of = |atoms: &WordAtoms| {
            let mut out = Vec::new();
            form_features(atoms, WordPosition::Own, &mut out);
            out
        };
        assert!(one.form() == other.form());
        assert_eq!(form_of(&one), form_of(&other));
    }

    /// A word's atoms worked out the plain way: a lowercase `String`, every affix cut out by
    /// characters and hashed on its own. The model is keyed by these hashes.
    fn plain_word_atoms(word: &str) -> [u64; 13] {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let count = chars.len();
        let start_of = |n: usize| chars.get(n).map_or(lower.len(), |&(at, _)| at);
        let affix = |n: usize, part: &str| {
            if count > n {
                hash_bytes(part.as_bytes())
            } else {
                1
            }
        };
        let prefix = |n: usize| affix(n, &lower[..start_of(n)]);
        let suffix = |n: usize| affix(n, &lower[start_of(count.saturating_sub(n))..]);
        let (head, tail) = match (lower.find('-'), lower.rfind('-')) {
            (Some(head), Some(tail)) if head > 0 && tail + 1 < lower.len() => (
                hash_bytes(&lower.as_bytes()[..head]) | 1,
                hash_bytes(&lower.as_bytes()[tail + 1..]) | 1,
            ),
            _ => (0, 0),
        };
        [
            hash_bytes(word.as_bytes()),
            hash_bytes(lower.as_bytes()),
            prefix(2),
            prefix(3),
            prefix(4),
            suffix(1),
            suffix(2),
            suffix(3),
            suffix(4),
            shape_hash(word),
            head,
            tail,
            count.min(12) as u64,
        ]
    }

    #[test]
    fn word_atoms_hash_as_the_plain_way_does() {
        let mut extractor = FeatureExtractor::default();
        let mut words: Vec<String> = [
            "",
            "a",
            "Ab",
            "abc",
            "Kiew",
            "Kiewer",
            "Präsident",
            "US-Präsidenten",
            "-",
            "a-",
            "-a",
            "Nord-Süd-Gefälle",
            "ÄÖÜ",
            "Straße",
            "STRASSE",
            "1990er",
            "Łódź",
            "Ὀδυσσεύς",
            "ΣΊΣΥΦΟΣ",
            "日本語の単語",
            "Ǆemal",
            "İstanbul",
            "KELVIN-K",
            "😀😀😀😀😀",
            "Bundesverfassungsgerichts",
            "Donaudampfschifffahrtsgesellschaftskapitän",
            "Baden-Württemberg-Besucherinnen-Abc",
            "a-b-c-d-e-f-g-h-i-j",
            "abcdefg-h",
            "abcdefgh-i",
            "abcdefghijklmno-",
            "---",
        ]
        .map(String::from)
        .to_vec();
        // Every length around the eight-byte words, ASCII and with two-byte letters.
        for len in 0..20 {
            words.push("Abcdefghijklmnopqrstuvwxyz"[..len].to_string());
            words.push("ÄbcdÖfghÜjklmnopqrstuvwxyz".chars().take(len).collect());
        }
        for word in &words {
            let atoms = extractor.word_atoms(word, None);
            let got = [
                atoms.word,
                atoms.lower,
                atoms.prefixes[0],
                atoms.prefixes[1],
                atoms.prefixes[2],
                atoms.suffixes[0],
                atoms.suffixes[1],
                atoms.suffixes[2],
                atoms.suffixes[3],
                atoms.shape,
                atoms.compound_head,
                atoms.compound_tail,
                atoms.length,
            ];
            assert_eq!(got, plain_word_atoms(word), "{word}");
        }
    }

    #[test]
    fn the_ascii_shape_table_agrees_with_the_character_classes() {
        for byte in 0..128u8 {
            let symbol = shape_symbol(char::from(byte));
            assert_eq!(
                u32::from(ASCII_SHAPE_SYMBOLS[usize::from(byte)]),
                symbol,
                "{byte}"
            );
        }
    }

    #[test]
    fn ascii_shapes_hash_as_character_by_character() {
        let letters = b"aZ0-.xY9 ";
        // Every string of up to five of these bytes, and longer ones built from them.
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let longer: Vec<Vec<u8>> = words
                .iter()
                .filter(|w| w.len() == words.last().map_or(0, Vec::len))
                .flat_map(|w| letters.iter().map(move |&b| [w.as_slice(), &[b]].concat()))
                .collect();
            words.extend(longer);
        }
        for n in 0..40 {
            words.push(
                (0..n)
                    .map(|i| letters[(i * 7 + n) % letters.len()])
                    .collect(),
            );
            words.push(
                (0..n)
                    .map(|i| if i % 9 == 8 { b'-' } else { b'k' })
                    .collect(),
            );
        }
        words.push((0..128u8).collect());
        for word in words {
            let text = std::str::from_utf8(&word).expect("ASCII");
            assert_eq!(ascii_shape_hash(&word), shape_hash(text), "{text:?}");
        }
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("US-Präsident"), shape_hash("EU-Gipfel"));
        assert_ne!(shape_hash("US-Präsident"), shape_hash("Präsident"));
        assert_eq!(shape_hash("1990er"), shape_hash("12a"));
    }

    #[test]
    fn same_word_in_same_context_has_same_features() {
        let a = extract(&["Der", "Präsident", "Selenskyj", "sagte"], None);
        let b = extract(&["Der", "Präsident", "Selenskyj", "sagte"], None);
        assert_eq!(a.token(2), b.token(2));
        let c = extract(&["Der", "Präsident", "Putin", "sagte"], None);
        // The word differs, the left context is the same.
        assert_ne!(a.token(2), c.token(2));
        let shared = a.token(2).iter().filter(|h| c.token(2).contains(h)).count();
        assert!(shared >= 8, "{shared} shared features");
        assert_eq!(a.len(), 4);
    }

    #[test]
    fn gazetteer_classes_add_one_feature_per_bit_and_neighbour() {
        let lookup = |w: &str| if w == "Kiew" { 0b101 } else { 0 };
        let without = extract(&["in", "Kiew", "heute"], None);
        let with = extract(&["in", "Kiew", "heute"], Some(&lookup));
        assert_eq!(with.token(1).len(), without.token(1).len() + 2);
        assert_eq!(with.token(0).len(), without.token(0).len() + 2);
        assert_eq!(with.token(2).len(), without.token(2).len() + 2);
    }

    #[test]
    fn affix_boundaries_fall_between_characters() {
        for word in [
            "präsidentin",
            "über",
            "äöü",
            "ab",
            "straße",
            "x",
            "kiewer",
            "né",
        ] {
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            let start_of = |n: usize| chars.get(n).map_or(word.len(), |&(at, _)| at);
            let boundaries = AffixBoundaries::of(word.as_bytes(), false);
            assert_eq!(boundaries.char_count, chars.len(), "{word}");
            for (&n, &end) in PREFIX_LENGTHS.iter().zip(&boundaries.prefix_ends) {
                if chars.len() > n {
                    assert_eq!(end, start_of(n), "prefix {n} of {word}");
                }
            }
            for (&n, &start) in SUFFIX_LENGTHS.iter().zip(&boundaries.suffix_starts) {
                if chars.len() > n {
                    assert_eq!(start, start_of(chars.len() - n), "suffix {n} of {word}");
                }
            }
        }
        let of = |word: &str| AffixBoundaries::of(word.as_bytes(), word.is_ascii());
        assert_eq!(of("präsidentin").prefix_ends, [2, 4, 5]);
        assert_eq!(of("straße").suffix_starts, [6, 4, 3, 2]);
        assert_eq!(of("kiewer").suffix_starts, [5, 4, 3, 2]);
    }

    #[test]
    fn lowercasing_handles_umlauts() {
        let a = extract(&["ÜBER"], None);
        let b = extract(&["über"], None);
        // Same lowercase form and affixes; word and shape differ.
        let shared = a.token(0).iter().filter(|h| b.token(0).contains(h)).count();
        assert!(shared >= 8, "{shared}");
    }
}
