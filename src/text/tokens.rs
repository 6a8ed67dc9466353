//! Tokens and sentences of German (and English) news text. Contract shared by the tagger and
//! the claim detector.
//!
//! The tokenizer splits the way GermEval 2014 does, because the NER model is trained on
//! GermEval tokens: punctuation is separate, hyphenated compounds ("US-Präsident"), slashed
//! pairs ("CDU/CSU", "km/h") and truncated compounds ("Stadt-") stay whole, abbreviations keep
//! their period ("Dr.", "z.B."; "z. B." is two tokens), ordinals keep theirs ("84.").
//!
//! It scans bytes and only decodes a `char` when it meets a non-ASCII byte, so it costs a few
//! nanoseconds per byte and never allocates per token.

use crate::analysis::model::ByteRange;
use crate::text::bytes::ascii_alphanumeric_run;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes ("US-Präsident", "Cohn-Bendit").
    Word,
    /// Digits, possibly with separators ("40", "1.000", "3,5", "2005-06").
    Number,
    /// An ordinal such as "84." or "21." (digits followed by a period that is not a sentence end).
    Ordinal,
    /// An abbreviation with its period(s) ("Dr.", "z. B." is two tokens "z." "B.").
    Abbreviation,
    /// Any quotation mark: „ “ ” " » « ‚ ‘ ’ '
    Quote,
    Punctuation,
    Url,
    /// A social-media handle ("@Selenskyj") or hashtag ("#Ukraine").
    Handle,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: ByteRange,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: ByteRange,
    /// Indices into the token list.
    pub tokens: std::ops::Range<usize>,
}

/// Abbreviations that take a period and do not end a sentence by themselves. Single letters
/// ("z.", "B.", "W." as an initial) are handled separately. Sorted for binary search.
const ABBREVIATIONS: &[&str] = &[
    "Abb", "Abg", "Abk", "Abs", "Abt", "Anm", "Apr", "Art", "Aufl", "Aug", "Ausg", "Bd", "Bde",
    "Bhf", "Bsp", "Chr", "Co", "Corp", "Dez", "Di", "Dipl", "Dir", "Do", "Dr", "Ed", "Einw", "Fa",
    "Feb", "Fr", "Gebr", "Gen", "Ges", "Hbf", "Hg", "Hl", "Hr", "Hrn", "Hrsg", "Inc", "Ing", "Jan",
    "Jh", "Jhd", "Jhs", "Jr", "Jul", "Jun", "Kap", "Kfz", "Lkw", "Ltd", "Mi", "Mill", "Mio", "Mo",
    "Mr", "Mrd", "Mrs", "Ms", "Nov", "Nr", "Okt", "Pkw", "Prof", "Rd", "Reg", "Sa", "Sek", "Sen",
    "Sep", "Sept", "So", "Sr", "St", "Std", "Str", "Tel", "Tsd", "Verf", "Vol", "Vors", "abzgl",
    "allg", "bspw", "bzgl", "bzw", "ca", "dgl", "dt", "ebd", "ehem", "engl", "etc", "evtl", "exkl",
    "ff", "franz", "geb", "gegr", "gem", "gest", "ggf", "griech", "hl", "inkl", "insb", "ital",
    "jew", "jr", "lat", "lt", "max", "mind", "min", "mtl", "röm", "sog", "span", "stellv", "tägl",
    "usf", "usw", "vgl", "vs", "zB", "zit", "zzgl",
];

/// Abbreviations that often close a sentence ("…, Birnen usw. Die Ernte …"): a following
/// capitalised word starts a new sentence.
const MAY_END_SENTENCE: &[&str] = &["Chr", "Co", "Corp", "Inc", "Ltd", "etc", "usf", "usw"];

/// Capitalised words that start sentences but rarely follow an ordinal ("am 21. Die …" is
/// a sentence end, "am 21. August" is not).
const SENTENCE_STARTERS: &[&str] = &[
    "Aber", "Als", "Am", "Auch", "Auf", "Aus", "Bei", "Da", "Dabei", "Damit", "Dann", "Das",
    "Dass", "Dem", "Den", "Denn", "Der", "Deshalb", "Die", "Dies", "Diese", "Dieser", "Doch", "Du",
    "Ein", "Eine", "Einen", "Einer", "Er", "Es", "Für", "Ich", "Ihr", "Im", "In", "Jetzt", "Man",
    "Mit", "Nach", "Nun", "Nur", "Sie", "So", "The", "Um", "Und", "Vor", "Was", "Wenn", "Wie",
    "Wir", "Zu", "Zum", "Zur",
];

const MONTHS: &[&str] = &[
    "Jan",
    "Januar",
    "Jänner",
    "Feb",
    "Februar",
    "März",
    "Apr",
    "April",
    "Mai",
    "Jun",
    "Juni",
    "Jul",
    "Juli",
    "Aug",
    "August",
    "Sep",
    "Sept",
    "September",
    "Okt",
    "Oktober",
    "Nov",
    "November",
    "Dez",
    "Dezember",
];

/// The first byte of '’' in UTF-8.
const APOSTROPHE_LEAD: u8 = 0xE2;

/// Splits text into tokens; whitespace (including no-break and zero-width spaces) separates
/// tokens and is never part of one.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        // German news text has a token per six or seven bytes: a quarter of the length leaves
        // room for the tokens of a part a third as long, so that `join_parts` appends the
        // last quarter of an article without moving the first three.
        tokens: Vec::with_capacity(text.len() / 4),
    };
    scanner.run();
    scanner.tokens
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
}

/// What a character is, for the scanner's purposes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Space,
    Lower,
    Upper,
    /// A letter without case (CJK and the like) or a combining mark.
    Letter,
    Digit,
    Quote,
    Other,
}

#[inline]
fn classify(c: char) -> CharClass {
    if c.is_ascii() {
        return ASCII_CLASSES[c as usize];
    }
    classify_non_ascii(c)
}

/// The class of every ASCII character: the scanner's common case is one table read.
const ASCII_CLASSES: [CharClass; 128] = {
    let mut table = [CharClass::Other; 128];
    let mut byte = 0;
    while byte < table.len() {
        table[byte] = match byte as u8 {
            b'a'..=b'z' => CharClass::Lower,
            b'A'..=b'Z' => CharClass::Upper,
            b'0'..=b'9' => CharClass::Digit,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => CharClass::Space,
            b'"' | b'\'' => CharClass::Quote,
            _ => CharClass::Other,
        };
        byte += 1;
    }
    table
};

fn classify_non_ascii(c: char) -> CharClass {
    match c {
        // The Latin-1 letters (German's umlauts and ß) without asking Unicode's tables, which
        // cost more than the rest of their word: all of U+00C0..U+00FF are letters but × and
        // ÷, capitals up to Þ (a test checks this against the tables).
        '×' | '÷' => CharClass::Other,
        'À'..='Þ' => CharClass::Upper,
        'ß'..='ÿ' => CharClass::Lower,
        _ => classify_by_properties(c),
    }
}

fn classify_by_properties(c: char) -> CharClass {
    match c {
        '„' | '“' | '”' | '»' | '«' | '‚' | '‘' | '’' | '‹' | '›' => {
            CharClass::Quote
        }
        // Zero-width space and joiner, byte-order mark: invisible separators.
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => CharClass::Space,
        // Soft hyphen lives inside words.
        '\u{ad}' => CharClass::Lower,
        _ if c.is_whitespace() => CharClass::Space,
        _ if c.is_lowercase() => CharClass::Lower,
        _ if c.is_uppercase() => CharClass::Upper,
        _ if c.is_numeric() => CharClass::Digit,
        _ if c.is_alphabetic() => CharClass::Letter,
        // Combining diacritics (decomposed umlauts).
        '\u{300}'..='\u{36f}' => CharClass::Lower,
        _ => CharClass::Other,
    }
}

fn is_alnum(class: CharClass) -> bool {
    matches!(
        class,
        CharClass::Lower | CharClass::Upper | CharClass::Letter | CharClass::Digit
    )
}

fn is_letter(class: CharClass) -> bool {
    matches!(
        class,
        CharClass::Lower | CharClass::Upper | CharClass::Letter
    )
}

impl Scanner<'_> {
    /// The character at byte offset `at` and its length, or `None` at the end.
    fn char_at(&self, at: usize) -> Option<(char, usize)> {
        let byte = *self.bytes.get(at)?;
        if byte < 0x80 {
            return Some((byte as char, 1));
        }
        let c = self.text[at..].chars().next()?;
        Some((c, c.len_utf8()))
    }

    /// The character at byte offset `at`, its class and its length, or `None` at the end.
    #[inline(always)]
    fn char_class_at(&self, at: usize) -> Option<(char, CharClass, usize)> {
        let byte = *self.bytes.get(at)?;
        if byte < 0x80 {
            return Some((byte as char, ASCII_CLASSES[usize::from(byte)], 1));
        }
        Some(self.non_ascii_char_class_at(at))
    }

    /// [`Self::char_class_at`] for a character that is not ASCII: apart from the scanner's
    /// common path, which stays small.
    #[inline(never)]
    fn non_ascii_char_class_at(&self, at: usize) -> (char, CharClass, usize) {
        let c = self.text[at..]
            .chars()
            .next()
            .expect("at a character boundary");
        (c, classify_non_ascii(c), c.len_utf8())
    }

    #[inline]
    fn class_at(&self, at: usize) -> Option<CharClass> {
        self.char_class_at(at).map(|(_, class, _)| class)
    }

    fn byte_at(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn push(&mut self, range: ByteRange, kind: TokenKind) {
        self.tokens.push(Token { range, kind });
    }

    fn run(&mut self) {
        while let Some(&byte) = self.bytes.get(self.pos) {
            let start = self.pos;
            let (c, class, len) = if byte < 0x80 {
                (byte as char, ASCII_CLASSES[usize::from(byte)], 1)
            } else {
                self.non_ascii_char_class_at(start)
            };
            match class {
                CharClass::Space => self.pos += len,
                CharClass::Lower | CharClass::Upper | CharClass::Letter | CharClass::Digit => {
                    if self.starts_url(start) {
                        self.scan_url(start);
                    } else if !(byte.is_ascii() && self.scan_plain_word(start)) {
                        self.scan_word(start);
                    }
                }
                CharClass::Quote => {
                    self.pos += len;
                    if c == '\'' && self.byte_at(self.pos) == Some(b'\'') {
                        // Two ASCII apostrophes used as a double quote.
                        self.pos += 1;
                    }
                    self.push(start..self.pos, TokenKind::Quote);
                }
                CharClass::Other => self.scan_symbol(start, c, len),
            }
        }
    }

    fn starts_url(&self, at: usize) -> bool {
        let rest = &self.bytes[at..];
        if !matches!(rest.first(), Some(b'h' | b'H' | b'w' | b'W')) {
            return false;
        }
        let lower_starts = |prefix: &[u8]| {
            rest.len() > prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
        };
        lower_starts(b"http://") || lower_starts(b"https://") || lower_starts(b"www.")
    }

    /// A URL runs to the next whitespace; trailing sentence punctuation and closing brackets
    /// or quotes are not part of it.
    fn scan_url(&mut self, start: usize) {
        let mut end = start;
        while let Some((c, len)) = self.char_at(end) {
            if classify(c) == CharClass::Space
                || matches!(c, '"' | '„' | '“' | '”' | '»' | '«' | '<' | '>')
            {
                break;
            }
            end += len;
        }
        while end > start
            && matches!(
                self.bytes[end - 1],
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'\''
            )
        {
            end -= 1;
        }
        self.pos = end;
        self.push(start..end, TokenKind::Url);
    }

    /// Most words: ASCII letters and digits followed by a space, the end of the text or a mark
    /// that neither joins the word on nor can be its period. Such a word is taken here, and
    /// a space after it too, without [`Self::scan_word`]'s bookkeeping; any other word is left
    /// to that (false is returned and nothing taken).
    #[inline(always)]
    fn scan_plain_word(&mut self, start: usize) -> bool {
        let (run, letters) = ascii_alphanumeric_run(&self.bytes[start..]);
        let end = start + run;
        let next = self.byte_at(end);
        let plain = match next {
            None => true,
            Some(b'-' | b'/' | b'&' | b'\'' | b'.') => false,
            // Inside numbers only: "3,5", "1:0".
            Some(b',' | b':') => letters,
            // A letter or digit that is not ASCII continues the word; other characters
            // from here on (a typographic apostrophe) may too.
            Some(byte) => byte.is_ascii(),
        };
        if !plain {
            return false;
        }
        let kind = if letters {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        self.push(start..end, kind);
        self.pos = end + usize::from(next == Some(b' '));
        true
    }

    /// Letters and digits with inner joiners, then the decision what a following period is.
    fn scan_word(&mut self, start: usize) {
        let mut has_letter = false;
        let mut has_separator = false;
        let mut segment_chars = 0usize; // characters in the current dot-separated segment
        let mut segment_start = start;
        let bytes = self.bytes;
        loop {
            // A run of letters and digits, ASCII ones byte by byte (most of German text).
            loop {
                let run_start = self.pos;
                let (run, letters) = ascii_alphanumeric_run(&bytes[run_start..]);
                let end = run_start + run;
                has_letter |= letters;
                segment_chars += run;
                self.pos = end;
                // The ASCII letters and digits are taken: only a non-ASCII character can
                // continue the run.
                if bytes.get(end).is_none_or(|byte| byte.is_ascii()) {
                    break;
                }
                match self.char_class_at(end) {
                    Some((_, class, len)) if is_alnum(class) => {
                        has_letter |= is_letter(class);
                        segment_chars += 1;
                        self.pos += len;
                    }
                    _ => break,
                }
            }
            // "geht’s", "Putin’s": a typographic apostrophe between letters.
            if self.byte_at(self.pos) == Some(APOSTROPHE_LEAD)
                && self.text[self.pos..].starts_with('’')
                && self
                    .class_at(self.pos + '’'.len_utf8())
                    .is_some_and(is_letter)
            {
                self.pos += '’'.len_utf8();
                continue;
            }
            // Only these ASCII joiners can continue a word; anything else ends it.
            let Some(next) = self
                .byte_at(self.pos)
                .filter(|b| matches!(b, b'-' | b'/' | b'&' | b'\'' | b'.' | b',' | b':'))
            else {
                break;
            };
            let after = self.class_at(self.pos + 1);
            let after_is_alnum = after.is_some_and(is_alnum);
            match next {
                // Inner joiners: "US-Präsident", "CDU/CSU", "km/h", "O'Neill", "AT&T".
                b'-' | b'/' | b'&' | b'\'' if after_is_alnum => {
                    self.pos += 1;
                    has_separator = true;
                }
                // Truncated compound: "Stadt- und Landkreis", "Stadt-, Land- und".
                b'-' if has_letter
                    && (matches!(after, None | Some(CharClass::Space))
                        || matches!(self.byte_at(self.pos + 1), Some(b',' | b'/'))) =>
                {
                    self.pos += 1;
                    break;
                }
                // Number separators: "1.000", "3,5", "1:0", "21.08.1992".
                b'.' | b',' | b':' if !has_letter && after == Some(CharClass::Digit) => {
                    self.pos += 1;
                    has_separator = true;
                }
                // Glued abbreviations "z.B.", "u.a.", "U.S.A.": single letters between periods.
                b'.' if segment_chars == 1
                    && has_letter
                    && after.is_some_and(is_letter)
                    && self.single_letter_then_period(self.pos + 1) =>
                {
                    self.pos += 1;
                    segment_chars = 0;
                    segment_start = self.pos;
                }
                // Domains "spiegel.de", "t-online.de": a lowercase segment after the period.
                b'.' if has_letter
                    && after == Some(CharClass::Lower)
                    && self.looks_like_domain_tail(self.pos + 1) =>
                {
                    self.pos += 1;
                    has_separator = true;
                    segment_chars = 0;
                    segment_start = self.pos;
                }
                _ => break,
            }
        }
        if self.byte_at(self.pos) == Some(b'.') && self.byte_at(self.pos + 1) != Some(b'.') {
            let word = &self.text[start..self.pos];
            let segment = &self.text[segment_start..self.pos];
            if let Some(kind) = self.period_kind(word, segment, has_letter, has_separator) {
                self.pos += 1;
                self.push(start..self.pos, kind);
                return;
            }
        }
        let kind = if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        self.push(start..self.pos, kind);
    }

    /// `at` holds a letter; true when that letter stands alone: followed by a period
    /// ("z.B." at "B") or by the end of the word ("u.a" as GermEval writes it).
    fn single_letter_then_period(&self, at: usize) -> bool {
        let Some((_, len)) = self.char_at(at) else {
            return false;
        };
        self.byte_at(at + len) == Some(b'.') || !self.class_at(at + len).is_some_and(is_alnum)
    }

    /// `at` follows a period; true for "de", "com", "ac.at": a short lowercase run that ends the
    /// word or is followed by another period or a slash.
    fn looks_like_domain_tail(&self, at: usize) -> bool {
        let mut end = at;
        while self.byte_at(end).is_some_and(|b| b.is_ascii_lowercase()) {
            end += 1;
        }
        let run = end - at;
        (2..=6).contains(&run) && !self.class_at(end).is_some_and(is_alnum)
    }

    /// Decides whether the period after `word` belongs to it, and as what.
    fn period_kind(
        &self,
        word: &str,
        segment: &str,
        has_letter: bool,
        has_separator: bool,
    ) -> Option<TokenKind> {
        let after_period = self.pos + 1;
        if has_letter {
            if segment.chars().count() == 1 || ABBREVIATIONS.binary_search(&word).is_ok() {
                return Some(TokenKind::Abbreviation);
            }
            if is_roman_numeral(word) && self.ordinal_follows(after_period, true) {
                return Some(TokenKind::Ordinal);
            }
            return None;
        }
        if has_separator {
            // "21.08." as a date without year.
            return (word.len() <= 5
                && word.contains('.')
                && self.ordinal_follows(after_period, true))
            .then_some(TokenKind::Ordinal);
        }
        let short = word.len() <= 3;
        self.ordinal_follows(after_period, short)
            .then_some(TokenKind::Ordinal)
    }

    /// Whether the text after a number's period continues the sentence. `lenient` accepts a
    /// capitalised noun ("84. Minute"); years and long numbers need a lowercase word or month.
    fn ordinal_follows(&self, at: usize, lenient: bool) -> bool {
        let mut next = at;
        let mut saw_newline = false;
        let mut saw_space = false;
        while let Some((c, len)) = self.char_at(next) {
            if classify(c) != CharClass::Space {
                break;
            }
            saw_newline |= c == '\n';
            saw_space = true;
            next += len;
        }
        if saw_newline {
            return false;
        }
        let Some((c, _)) = self.char_at(next) else {
            return false;
        };
        match classify(c) {
            CharClass::Lower | CharClass::Digit => saw_space || classify(c) == CharClass::Lower,
            CharClass::Upper => {
                let word_end = self.bytes[next..]
                    .iter()
                    .position(|b| {
                        b.is_ascii_whitespace()
                            || matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')')
                    })
                    .map_or(self.bytes.len(), |p| next + p);
                let word = &self.text[next..word_end];
                if MONTHS.contains(&word) {
                    return true;
                }
                lenient && saw_space && !SENTENCE_STARTERS.contains(&word)
            }
            // "(84.)" or "84.," keep the ordinal reading; quotes and sentence punctuation end it.
            CharClass::Other => matches!(c, ')' | ',' | ';' | '–' | '-' | '/'),
            _ => false,
        }
    }

    fn scan_symbol(&mut self, start: usize, c: char, len: usize) {
        match c {
            '@' | '#' if self.class_at(start + 1).is_some_and(is_alnum) => {
                self.pos = start + 1;
                while let Some((c, len)) = self.char_at(self.pos) {
                    let class = classify(c);
                    if !(is_alnum(class)
                        || c == '_'
                        || (c == '.' && self.class_at(self.pos + 1).is_some_and(is_alnum)))
                    {
                        break;
                    }
                    self.pos += len;
                }
                self.push(start..self.pos, TokenKind::Handle);
            }
            '.' if self.bytes[start..].starts_with(b"...") => {
                self.pos = start + 3;
                while self.byte_at(self.pos) == Some(b'.') {
                    self.pos += 1;
                }
                self.push(start..self.pos, TokenKind::Punctuation);
            }
            _ => {
                self.pos = start + len;
                let kind = if c.is_ascii_punctuation()
                    && !matches!(c, '$' | '%' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
                    || matches!(c, '–' | '—' | '…' | '‐' | '‑' | '‒' | '·' | '•' | '¿' | '¡')
                {
                    TokenKind::Punctuation
                } else {
                    TokenKind::Other
                };
                self.push(start..self.pos, kind);
            }
        }
    }
}

fn is_roman_numeral(word: &str) -> bool {
    word.len() <= 5
        && word
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
}

/// Where `text` can be cut in two so that tokenizing and splitting each part on its own (see
/// [`join_parts`]) gives what the whole text gives: the first paragraph start at or after byte
/// `from`. A paragraph starts after a blank line; its first character must be a capital or a
/// digit, because a lowercase word or a punctuation mark there could still belong to the
/// sentence before ("„Wohin?“\n\nfragte er"). The tokenizer looks ahead across spaces only
/// until a line break, so no token reaches across the cut.
pub fn paragraph_cut(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(newline) = memchr::memchr(b'\n', bytes.get(at..)?) {
        let mut next = at + newline + 1;
        let mut newlines = 1;
        while let Some(&byte) = bytes.get(next).filter(|b| b.is_ascii_whitespace()) {
            newlines += usize::from(byte == b'\n');
            next += 1;
        }
        let starts_paragraph = text[next..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if newlines >= 2 && starts_paragraph {
            return Some(next);
        }
        at = next;
    }
    None
}

/// The tokens and sentences of a text cut at `cut` ([`paragraph_cut`]), from those of its two
/// parts.
pub fn join_parts(
    (mut tokens, mut sentences): (Vec<Token>, Vec<Sentence>),
    (second_tokens, second_sentences): (Vec<Token>, Vec<Sentence>),
    cut: usize,
) -> (Vec<Token>, Vec<Sentence>) {
    let shift = |range: &ByteRange| range.start + cut..range.end + cut;
    let first_count = tokens.len();
    tokens.extend(second_tokens.iter().map(|t| Token {
        range: shift(&t.range),
        kind: t.kind,
    }));
    sentences.extend(second_sentences.iter().map(|s| Sentence {
        range: shift(&s.range),
        tokens: s.tokens.start + first_count..s.tokens.end + first_count,
    }));
    (tokens, sentences)
}

/// Groups tokens into sentences. A sentence ends at `.`, `!`, `?` or `…` (closing quotes and
/// brackets glued to them stay in the sentence), after an abbreviation such as "usw." that is
/// followed by a capitalised word, and at line breaks unless the next line continues in
/// lowercase. Abbreviations and ordinals carry their own period, so they never end a sentence.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let token_text = || &text[tokens[i].range.clone()];
        let mut last = i;
        let mut ends = match tokens[i].kind {
            TokenKind::Punctuation => {
                let token_text = token_text();
                matches!(token_text, "." | "!" | "?" | "…") || token_text.starts_with("...")
            }
            TokenKind::Abbreviation => {
                let stem = token_text().trim_end_matches('.');
                MAY_END_SENTENCE.contains(&stem)
                    && tokens
                        .get(i + 1)
                        .is_some_and(|next| starts_upper(&text[next.range.clone()]))
            }
            _ => false,
        };
        if ends {
            // Further terminal marks ("?!") and closing quotes/brackets glued to the end.
            while let Some(next) = tokens.get(last + 1) {
                let glued = next.range.start == tokens[last].range.end;
                let next_text = &text[next.range.clone()];
                let terminal = next.kind == TokenKind::Punctuation
                    && matches!(next_text, "." | "!" | "?" | "…");
                let closing =
                    glued && (next.kind == TokenKind::Quote || matches!(next_text, ")" | "]"));
                if !(terminal || closing) || (closing && !closes_here(text, tokens, last + 1)) {
                    break;
                }
                last += 1;
            }
            // „Wohin?“, fragte er — the sentence goes on after a comma or a lowercase word.
            if let Some(next) = tokens.get(last + 1) {
                let next_text = &text[next.range.clone()];
                if matches!(next_text, "," | ";")
                    || (next.kind == TokenKind::Word && starts_lower(next_text))
                {
                    ends = false;
                }
            }
        }
        if !ends {
            if let Some(next) = tokens.get(i + 1) {
                // Most gaps are a space or nothing: only a line break in it can end the
                // sentence, and only then are the two tokens' texts needed.
                let gap = &text.as_bytes()[tokens[i].range.end..next.range.start];
                ends = gap.contains(&b'\n')
                    && line_break_ends_sentence(gap, token_text(), &text[next.range.clone()]);
            }
        }
        if ends || last + 1 == tokens.len() {
            sentences.push(Sentence {
                range: tokens[first].range.start..tokens[last].range.end,
                tokens: first..last + 1,
            });
            first = last + 1;
        }
        i = last + 1;
    }
    sentences
}

/// A quote or bracket glued to the end of a sentence closes it when whitespace or the end of
/// the text follows (an opening quote glued to the next sentence does not).
fn closes_here(text: &str, tokens: &[Token], index: usize) -> bool {
    match tokens.get(index + 1) {
        None => true,
        Some(next) => {
            next.range.start > tokens[index].range.end
                || !text[next.range.clone()].starts_with(char::is_alphanumeric)
        }
    }
}

fn line_break_ends_sentence(gap: &[u8], before: &str, after: &str) -> bool {
    let newlines = gap.iter().filter(|&&b| b == b'\n').count();
    if newlines == 0 {
        return false;
    }
    if newlines >= 2 {
        return true;
    }
    // A single line break: a heading or a paragraph per line, unless the line obviously
    // continues (hard-wrapped text).
    !starts_lower(after)
        && !matches!(before, "," | "-" | "–" | "(" | ":" | ";")
        && !before.ends_with('-')
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.range]).collect()
    }

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (&text[t.range.clone()], t.kind))
            .collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    fn tokens_and_sentences(text: &str) -> (Vec<Token>, Vec<Sentence>) {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        (tokens, sentences)
    }

    #[test]
    fn a_text_cut_at_a_paragraph_gives_the_tokens_and_sentences_of_the_whole() {
        let seed = include_str!("../../seeds/000_d6396046d8ded179.txt");
        let text = format!(
            "Es war am 21.\n\nAugust. Sie kamen usw.\n\nDie Ernte. „Wohin?“\n\nfragte er.\n\n\
             „Wohin?“ \r\n\r\n Fragte sie. Ende.\n\n. Noch?\n\n?!\n \n1990 kam er.\n\n\
             Ü-Wagen\n\u{a0}\nX. Rubio (\n\nUSA) sagte, es sei\n\nGut.\n\n{}",
            seed.replace('\n', "\n\n")
        );
        let whole = tokens_and_sentences(&text);
        let mut cuts = Vec::new();
        for from in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let Some(cut) = paragraph_cut(&text, from) else {
                continue;
            };
            assert!(cut >= from);
            if cuts.last() != Some(&cut) {
                cuts.push(cut);
                let parts = join_parts(
                    tokens_and_sentences(&text[..cut]),
                    tokens_and_sentences(&text[cut..]),
                    cut,
                );
                assert_eq!(parts, whole, "cut at {cut}: {:?}", &text[cut..cut + 10]);
            }
        }
        let starts: Vec<&str> = cuts.iter().map(|&c| &text[c..c + 4]).take(8).collect();
        assert_eq!(
            starts,
            [
                "Augu", "Die ", "Frag", "1990", "Ü-W", "USA)", "Gut.", "Dipl"
            ]
        );
        assert!(cuts.len() > 10, "{}", cuts.len());
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("Dr. Müller, z. B. der St. Georg"),
            ["Dr.", "Müller", ",", "z.", "B.", "der", "St.", "Georg"]
        );
        assert_eq!(
            words("Oberst a. D. Meier u. a. bzw. Nr. 5"),
            [
                "Oberst", "a.", "D.", "Meier", "u.", "a.", "bzw.", "Nr.", "5"
            ]
        );
        assert_eq!(kinds("z.B. hier")[0], ("z.B.", TokenKind::Abbreviation));
        assert_eq!(words("u.a bei d.h. dort"), ["u.a", "bei", "d.h.", "dort"]);
        assert_eq!(kinds("George W. Bush")[1], ("W.", TokenKind::Abbreviation));
    }

    #[test]
    fn ordinals_and_dates() {
        assert_eq!(
            kinds("in der 84. Minute"),
            [
                ("in", TokenKind::Word),
                ("der", TokenKind::Word),
                ("84.", TokenKind::Ordinal),
                ("Minute", TokenKind::Word)
            ]
        );
        assert_eq!(
            kinds("am 21. August 1992."),
            [
                ("am", TokenKind::Word),
                ("21.", TokenKind::Ordinal),
                ("August", TokenKind::Word),
                ("1992", TokenKind::Number),
                (".", TokenKind::Punctuation)
            ]
        );
        assert_eq!(kinds("im 19. Jahrhundert")[1], ("19.", TokenKind::Ordinal));
        // A year before a new sentence is not an ordinal.
        assert_eq!(
            words("seit 2014. Die Lage"),
            ["seit", "2014", ".", "Die", "Lage"]
        );
        assert_eq!(
            words("Es waren 21. Die Polizei"),
            ["Es", "waren", "21", ".", "Die", "Polizei"]
        );
        assert_eq!(kinds("Wilhelm II. war")[1], ("II.", TokenKind::Ordinal));
        assert_eq!(
            kinds("Papst Johannes Paul II. Nachfolger")[3],
            ("II.", TokenKind::Ordinal)
        );
    }

    #[test]
    fn numbers_with_separators() {
        assert_eq!(
            kinds("1.000 Euro, 3,5 Prozent, 1:0, 21.08.1992"),
            [
                ("1.000", TokenKind::Number),
                ("Euro", TokenKind::Word),
                (",", TokenKind::Punctuation),
                ("3,5", TokenKind::Number),
                ("Prozent", TokenKind::Word),
                (",", TokenKind::Punctuation),
                ("1:0", TokenKind::Number),
                (",", TokenKind::Punctuation),
                ("21.08.1992", TokenKind::Number)
            ]
        );
        assert_eq!(
            kinds("die 1990er und 41-Jährige, 2007/08")[1],
            ("1990er", TokenKind::Word)
        );
        assert_eq!(words("die 1990er und 41-Jährige, 2007/08")[3], "41-Jährige");
        assert_eq!(kinds("2007/08")[0], ("2007/08", TokenKind::Number));
    }

    #[test]
    fn compounds_stay_whole() {
        assert_eq!(
            words("US-Präsident Cohn-Bendit zum Ukraine-Konflikt."),
            [
                "US-Präsident",
                "Cohn-Bendit",
                "zum",
                "Ukraine-Konflikt",
                "."
            ]
        );
        assert_eq!(
            words("Stadt- und Landkreis, CDU/CSU mit 50 km/h"),
            [
                "Stadt-",
                "und",
                "Landkreis",
                ",",
                "CDU/CSU",
                "mit",
                "50",
                "km/h"
            ]
        );
        assert_eq!(
            words("Berlin - Paris – Rom"),
            ["Berlin", "-", "Paris", "–", "Rom"]
        );
        assert_eq!(words("geht’s O'Neill"), ["geht’s", "O'Neill"]);
    }

    #[test]
    fn quotes_of_every_kind_are_separate() {
        assert_eq!(
            words("„Ja“, \"Nein\", »Gut«, ‚so‘"),
            [
                "„", "Ja", "“", ",", "\"", "Nein", "\"", ",", "»", "Gut", "«", ",", "‚", "so", "‘"
            ]
        );
        assert!(
            tokenize("„Ja“")
                .iter()
                .all(|t| t.kind == TokenKind::Quote || t.kind == TokenKind::Word)
        );
    }

    #[test]
    fn handles_and_urls() {
        assert_eq!(
            kinds("@ZelenskyyUa schrieb auf https://x.com/a?b=1. Mehr"),
            [
                ("@ZelenskyyUa", TokenKind::Handle),
                ("schrieb", TokenKind::Word),
                ("auf", TokenKind::Word),
                ("https://x.com/a?b=1", TokenKind::Url),
                (".", TokenKind::Punctuation),
                ("Mehr", TokenKind::Word)
            ]
        );
        assert_eq!(
            kinds("www.tagesschau.de")[0],
            ("www.tagesschau.de", TokenKind::Url)
        );
        assert_eq!(words("bei spiegel.de"), ["bei", "spiegel.de"]);
    }

    #[test]
    fn glued_sentence_end_is_split() {
        assert_eq!(
            words("die Luftabwehr.Eine Drohne"),
            ["die", "Luftabwehr", ".", "Eine", "Drohne"]
        );
        assert_eq!(
            sentences("Treffer der Luftabwehr.Eine Drohne fiel."),
            ["Treffer der Luftabwehr.", "Eine Drohne fiel."]
        );
    }

    #[test]
    fn sentences_do_not_split_inside_abbreviations_or_ordinals() {
        let text = "Dr. Meier kam am 21. August 1992 nach Kiew, z. B. mit Prof. Roth. Er blieb.";
        assert_eq!(
            sentences(text),
            [
                "Dr. Meier kam am 21. August 1992 nach Kiew, z. B. mit Prof. Roth.",
                "Er blieb."
            ]
        );
        assert_eq!(
            sentences("Äpfel, Birnen usw. Die Ernte war gut."),
            ["Äpfel, Birnen usw.", "Die Ernte war gut."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "Er sagte: „Wir bleiben.“ Dann ging er. »Wohin?«, fragte sie. \"Nein!\"";
        assert_eq!(
            sentences(text),
            [
                "Er sagte: „Wir bleiben.“",
                "Dann ging er.",
                "»Wohin?«, fragte sie.",
                "\"Nein!\""
            ]
        );
    }

    #[test]
    fn line_breaks_end_headlines_but_not_wrapped_lines() {
        let text = "Gespräche in Paris\nMit der Stadt als Kulisse\nnehmen Vertreter teil.";
        assert_eq!(
            sentences(text),
            [
                "Gespräche in Paris",
                "Mit der Stadt als Kulisse\nnehmen Vertreter teil."
            ]
        );
    }

    #[test]
    fn whitespace_of_every_kind_separates() {
        assert_eq!(words("a\u{a0}b\u{200b}c\td"), ["a", "b", "c", "d"]);
        assert!(tokenize("").is_empty());
        assert!(split_sentences("", &[]).is_empty());
    }

    #[test]
    fn latin1_letters_are_classed_as_by_unicode_properties() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            assert!(
                classify_non_ascii(c) == classify_by_properties(c),
                "{c:?} (U+{:04X})",
                u32::from(c)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_disjoint_and_never_hold_whitespace(text in "[a-zA-ZäöüßÄÖÜ0-9 .,;:!?„“\"»«‚‘’'@#/&()\\-–\n\u{a0}]{0,80}") {
            let tokens = tokenize(&text);
            let mut end = 0;
            for token in &tokens {
                proptest::prop_assert!(token.range.start >= end && token.range.start < token.range.end);
                proptest::prop_assert!(text.is_char_boundary(token.range.start) && text.is_char_boundary(token.range.end));
                proptest::prop_assert!(!text[token.range.clone()].chars().any(char::is_whitespace));
                end = token.range.end;
            }
            // Only whitespace is left out.
            let covered: usize = tokens.iter().map(|t| t.range.len()).sum();
            let non_space: usize = text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum();
            proptest::prop_assert_eq!(covered, non_space);
            // Sentences partition the tokens in order.
            let sentences = split_sentences(&text, &tokens);
            let mut next = 0;
            for sentence in &sentences {
                proptest::prop_assert_eq!(sentence.tokens.start, next);
                proptest::prop_assert!(sentence.tokens.end > sentence.tokens.start);
                next = sentence.tokens.end;
            }
            proptest::prop_assert_eq!(next, tokens.len());
        }
    }
}
