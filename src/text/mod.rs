//! Text primitives: byte ranges, line index and encodings, tokens, sentences.
//! No LSP and no I/O here.

pub mod tokens;
