//! Open documents: the editor's text on a rope, edited incrementally.
//!
//! Edits are applied in the notification handler before its first `.await`, so they are
//! applied in the order the client sent them; requests read a snapshot of the latest text.

use crate::text::lines::Encoding;
use ropey::Rope;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

#[derive(Debug, Clone)]
pub struct OpenDocument {
    rope: Rope,
    pub version: i32,
    /// The text as a string, made on demand and kept until the next edit.
    snapshot: Option<Arc<str>>,
}

impl OpenDocument {
    pub fn new(text: &str, version: i32) -> OpenDocument {
        OpenDocument {
            rope: Rope::from_str(text),
            version,
            snapshot: Some(Arc::from(text)),
        }
    }

    /// Applies the changes of one `didChange`, in order. A change without a range replaces
    /// the whole text; ranges past the end are clamped. Returns each change as the byte range
    /// it replaced in the text before it, with its new text (what annotations follow).
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: Encoding,
    ) -> Vec<(std::ops::Range<usize>, String)> {
        let mut applied = Vec::with_capacity(changes.len());
        for change in changes {
            match change.range {
                None => {
                    applied.push((0..self.rope.len_bytes(), change.text.clone()));
                    self.rope = Rope::from_str(&change.text);
                }
                Some(range) => {
                    let start = char_index(&self.rope, range.start, encoding);
                    let end = char_index(&self.rope, range.end, encoding);
                    let (start, end) = (start.min(end), start.max(end));
                    applied.push((
                        self.rope.char_to_byte(start)..self.rope.char_to_byte(end),
                        change.text.clone(),
                    ));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        self.snapshot = None;
        applied
    }

    pub fn text(&mut self) -> Arc<str> {
        self.snapshot
            .get_or_insert_with(|| Arc::from(self.rope.to_string()))
            .clone()
    }
}

/// The char index of a client position in the rope, clamped like `text::lines` clamps.
fn char_index(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let content_chars = line_content_chars(rope, line);
    let col = position.character as usize;
    match encoding {
        Encoding::Utf32 => line_start + col.min(content_chars),
        Encoding::Utf8 => {
            let line_start_byte = rope.char_to_byte(line_start);
            let content_bytes = rope.char_to_byte(line_start + content_chars) - line_start_byte;
            // byte_to_char rounds a byte inside a character down to its start.
            rope.byte_to_char(line_start_byte + col.min(content_bytes))
        }
        Encoding::Utf16 => {
            let base = rope.char_to_utf16_cu(line_start);
            let content_units = rope.char_to_utf16_cu(line_start + content_chars) - base;
            rope.utf16_cu_to_char(base + col.min(content_units))
        }
    }
}

/// Chars in a line without its terminator (`\n`, `\r\n` or `\r`).
fn line_content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::{LineCol, LineIndex};
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::Range;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn inserts_after_emoji_where_the_client_means() {
        let mut doc = OpenDocument::new("Grüße aus Köln 👋 an Jürgen", 1);
        // UTF-16: "👋" occupies columns 15-16, so column 17 is the space after it.
        doc.apply_changes(&[change((0, 17), (0, 17), "!")], 2, Encoding::Utf16);
        assert_eq!(&*doc.text(), "Grüße aus Köln 👋! an Jürgen");
        let mut doc = OpenDocument::new("Grüße aus Köln 👋 an Jürgen", 1);
        // UTF-8: the emoji is bytes 18-21, so column 22 is the space after it.
        doc.apply_changes(&[change((0, 22), (0, 22), "!")], 2, Encoding::Utf8);
        assert_eq!(&*doc.text(), "Grüße aus Köln 👋! an Jürgen");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn replaces_across_crlf_lines_and_clamps() {
        let mut doc = OpenDocument::new("eins\r\nzwei\rdrei", 1);
        doc.apply_changes(&[change((0, 2), (1, 2), "XX")], 2, Encoding::Utf16);
        assert_eq!(&*doc.text(), "eiXXei\rdrei");
        doc.apply_changes(&[change((1, 99), (9, 0), "!")], 3, Encoding::Utf16);
        assert_eq!(&*doc.text(), "eiXXei\rdrei!");
        doc.apply_changes(
            &[TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "neu".into(),
            }],
            4,
            Encoding::Utf8,
        );
        assert_eq!(&*doc.text(), "neu");
    }

    #[test]
    fn each_change_reports_the_bytes_it_replaced_in_the_text_before_it() {
        let mut doc = OpenDocument::new("Grüße an Jürgen\nund Köln", 1);
        let applied = doc.apply_changes(
            &[
                change((0, 9), (0, 15), "Jörg"),
                change((1, 4), (1, 8), "Kiel"),
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(
            applied,
            vec![(11..18, "Jörg".to_string()), (21..26, "Kiel".to_string())]
        );
        assert_eq!(&*doc.text(), "Grüße an Jörg\nund Kiel");
    }

    #[test]
    fn unicode_line_separators_do_not_split_lines() {
        let mut doc = OpenDocument::new("a\u{2028}b\u{85}c\nd", 1);
        doc.apply_changes(&[change((1, 0), (1, 0), ">")], 2, Encoding::Utf16);
        assert_eq!(&*doc.text(), "a\u{2028}b\u{85}c\n>d");
    }

    proptest! {
        /// The rope and the string line index must agree on every clamped position.
        #[test]
        fn rope_and_line_index_agree(
            text in "[a-zäöü👋\r\n ]{0,40}",
            line in 0u32..6,
            col in 0u32..30,
            insert in "[xß👋]{0,3}",
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let index = LineIndex::new(&text);
            let offset = index.offset(&text, LineCol { line, col }, encoding);
            let mut expected = text.clone();
            expected.insert_str(offset, &insert);
            let mut doc = OpenDocument::new(&text, 1);
            doc.apply_changes(&[change((line, col), (line, col), &insert)], 2, encoding);
            prop_assert_eq!(&*doc.text(), expected.as_str());
        }
    }
}
