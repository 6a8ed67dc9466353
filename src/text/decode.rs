//! Turning a file's bytes into article text, or a clear reason why not.

use std::fmt;

/// Why a file cannot be analysed. Each gets one diagnostic or CLI error line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputProblem {
    /// Not valid UTF-8; `offset` is the first bad byte, `line` its 1-based line.
    NotUtf8 {
        offset: usize,
        line: usize,
    },
    /// Looks like a binary file (NUL bytes near the start).
    Binary,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Empty,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputProblem::NotUtf8 { offset, line } => write!(
                f,
                "not UTF-8 text (invalid byte at offset {offset}, line {line}); save the file as UTF-8 to analyse it"
            ),
            InputProblem::Binary => write!(f, "binary file, not an article; skipped"),
            InputProblem::TooLarge { size, limit } => write!(
                f,
                "file is {size} bytes, over the {limit}-byte limit (`max_file_size` in dossier.toml); skipped"
            ),
            InputProblem::Empty => write!(f, "empty file: nothing to analyse"),
        }
    }
}

/// How far into a file we look for NUL bytes: enough to catch every common binary format.
const BINARY_SNIFF_LEN: usize = 8192;

/// Decodes a file's bytes as article text. A UTF-8 byte-order mark is dropped, as editors do.
pub fn decode_article(bytes: &[u8], size_limit: u64) -> Result<&str, InputProblem> {
    if bytes.len() as u64 > size_limit {
        return Err(InputProblem::TooLarge {
            size: bytes.len() as u64,
            limit: size_limit,
        });
    }
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return Err(InputProblem::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        InputProblem::NotUtf8 { offset, line }
    })?;
    if text.trim().is_empty() {
        return Err(InputProblem::Empty);
    }
    Ok(text)
}

/// Checks text that arrives already decoded (from an editor) against the same limits.
pub fn check_text(text: &str, size_limit: u64) -> Result<(), InputProblem> {
    decode_article(text.as_bytes(), size_limit).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_and_drops_bom() {
        assert_eq!(decode_article("\u{feff}Grüße".as_bytes(), 100), Ok("Grüße"));
    }

    #[test]
    fn reports_latin1_with_line() {
        let bytes = b"erste Zeile\nK\xf6ln";
        assert_eq!(
            decode_article(bytes, 100),
            Err(InputProblem::NotUtf8 {
                offset: 13,
                line: 2
            })
        );
    }

    #[test]
    fn reports_binary_large_and_empty() {
        assert_eq!(
            decode_article(b"PK\x03\x04\x00\x00", 100),
            Err(InputProblem::Binary)
        );
        assert_eq!(
            decode_article(b"abcdef", 3),
            Err(InputProblem::TooLarge { size: 6, limit: 3 })
        );
        assert_eq!(decode_article(b" \n\t", 100), Err(InputProblem::Empty));
        assert!(
            InputProblem::TooLarge { size: 6, limit: 3 }
                .to_string()
                .contains("max_file_size")
        );
    }
}
