//! Line index over an article's text and conversions between byte offsets and
//! (line, column) positions in UTF-8, UTF-16 or UTF-32 (code point) units.
//!
//! Only `\n`, `\r\n` and `\r` end a line, as LSP says; Unicode line separators do not.
//! Every conversion clamps: a line past the end lands at the end of the text, a column
//! past the end of its line lands at the line's end, and a column inside a character
//! (the second byte of "ü" in UTF-8, the low half of a surrogate pair in UTF-16) lands
//! at that character's start. Nothing here panics on a bad position.

use crate::analysis::model::ByteRange;

/// The unit a column is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16,
    /// Unicode code points, as brat offsets and `dossier check` columns count.
    Utf32,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A zero-based line and a column in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    line_starts: Vec<usize>,
    len: usize,
    /// Whether the text is pure ASCII: then every encoding's column is a byte offset.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len(),
            ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of a line's content, without its terminator.
    pub fn line_range(&self, text: &str, line: usize) -> ByteRange {
        let start = self.line_starts[line.min(self.line_starts.len() - 1)];
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The zero-based line containing a byte offset (offsets past the end count as the end).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Converts a byte offset to a line and column. An offset inside a character counts
    /// from that character's start.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let col = if self.ascii || encoding == Encoding::Utf8 {
            offset - start
        } else {
            text[start..offset].chars().map(|c| encoding.width(c)).sum()
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Converts a line and column to a byte offset, clamping as the module says.
    pub fn offset(&self, text: &str, position: LineCol, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        let wanted = position.col as usize;
        if self.ascii || encoding == Encoding::Utf8 {
            return floor_char_boundary(text, range.start + wanted.min(range.len()));
        }
        let mut units = 0;
        for (i, c) in text[range.clone()].char_indices() {
            let width = encoding.width(c);
            if units + width > wanted {
                return range.start + i;
            }
            units += width;
        }
        range.end
    }

    pub fn range_positions(
        &self,
        text: &str,
        range: &ByteRange,
        encoding: Encoding,
    ) -> (LineCol, LineCol) {
        (
            self.position(text, range.start, encoding),
            self.position(text, range.end, encoding),
        )
    }
}

/// The largest char boundary at or before `offset` (std's version is not stable yet).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Code-point offset of a byte offset, as brat and `dossier check --format json` count.
pub fn char_offset(text: &str, byte_offset: usize) -> usize {
    text[..floor_char_boundary(text, byte_offset)]
        .chars()
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GREETING: &str = "Grüße aus Köln 👋 an Jürgen";

    #[test]
    fn jürgen_column_in_each_encoding() {
        let index = LineIndex::new(GREETING);
        let offset = GREETING.find("Jürgen").unwrap();
        assert_eq!(
            index.position(GREETING, offset, Encoding::Utf16),
            LineCol { line: 0, col: 21 }
        );
        assert_eq!(
            index.position(GREETING, offset, Encoding::Utf8),
            LineCol { line: 0, col: 26 }
        );
        assert_eq!(
            index.position(GREETING, offset, Encoding::Utf32),
            LineCol { line: 0, col: 20 }
        );
        for (col, encoding) in [
            (21, Encoding::Utf16),
            (26, Encoding::Utf8),
            (20, Encoding::Utf32),
        ] {
            assert_eq!(
                index.offset(GREETING, LineCol { line: 0, col }, encoding),
                offset
            );
        }
    }

    #[test]
    fn columns_inside_a_character_round_down() {
        let index = LineIndex::new(GREETING);
        let emoji = GREETING.find('👋').unwrap();
        // Low surrogate of the emoji in UTF-16, a continuation byte in UTF-8.
        assert_eq!(
            index.offset(GREETING, LineCol { line: 0, col: 16 }, Encoding::Utf16),
            emoji
        );
        assert_eq!(
            index.offset(GREETING, LineCol { line: 0, col: 19 }, Encoding::Utf8),
            emoji
        );
        assert_eq!(emoji, 18);
        assert_eq!(
            index.position(GREETING, emoji + 2, Encoding::Utf16),
            LineCol { line: 0, col: 15 }
        );
    }

    #[test]
    fn only_cr_lf_and_crlf_end_lines() {
        let text = "eins\r\nzwei\rdrei\nvier\u{2028}noch vier\u{85}immer noch";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(&text[index.line_range(text, 0)], "eins");
        assert_eq!(&text[index.line_range(text, 1)], "zwei");
        assert_eq!(&text[index.line_range(text, 2)], "drei");
        assert_eq!(
            &text[index.line_range(text, 3)],
            "vier\u{2028}noch vier\u{85}immer noch"
        );
        let drei = text.find("drei").unwrap();
        assert_eq!(
            index.position(text, drei, Encoding::Utf16),
            LineCol { line: 2, col: 0 }
        );
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "Köln\nBonn";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            5
        );
        assert_eq!(
            index.offset(text, LineCol { line: 7, col: 0 }, Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            index.position(text, 999, Encoding::Utf16),
            LineCol { line: 1, col: 4 }
        );
        // A column past the end of a CRLF line stops before the terminator.
        let crlf = "ab\r\ncd";
        let index = LineIndex::new(crlf);
        assert_eq!(
            index.offset(crlf, LineCol { line: 0, col: 3 }, Encoding::Utf8),
            2
        );
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let index = LineIndex::new("");
        assert_eq!(index.line_count(), 1);
        assert_eq!(
            index.offset("", LineCol { line: 3, col: 3 }, Encoding::Utf8),
            0
        );
        assert_eq!(
            index.position("", 0, Encoding::Utf16),
            LineCol { line: 0, col: 0 }
        );
    }

    #[test]
    fn char_offsets_count_code_points() {
        assert_eq!(char_offset(GREETING, GREETING.find("Jürgen").unwrap()), 20);
        assert_eq!(
            char_offset(GREETING, GREETING.len()),
            GREETING.chars().count()
        );
    }
}
