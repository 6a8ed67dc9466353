//! Tokens of German (and English) news text. Contract shared by the tagger and the claim
//! detector; the tokenizer implementation lives here too.

use crate::analysis::model::ByteRange;

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

/// Splits text into tokens. Placeholder until the tokenizer lands: whitespace-separated words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                tokens.push(Token { range: s..i, kind: TokenKind::Word });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push(Token { range: s..text.len(), kind: TokenKind::Word });
    }
    tokens
}

/// Groups tokens into sentences.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    if tokens.is_empty() {
        return Vec::new();
    }
    let _ = text;
    vec![Sentence { range: tokens[0].range.start..tokens[tokens.len() - 1].range.end, tokens: 0..tokens.len() }]
}
