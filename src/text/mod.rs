//! Text primitives: byte ranges, line index and encodings, decoding of article bytes,
//! language, tokens, sentences. No LSP and no I/O here.

pub mod bytes;
pub mod decode;
pub mod language;
pub mod lines;
pub mod lowercase;
pub mod tokens;
