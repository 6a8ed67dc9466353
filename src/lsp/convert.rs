//! The one place where byte ranges become LSP positions and back, in the position
//! encoding negotiated with the client.

use crate::analysis::model::ByteRange;
use crate::diagnostics::Severity;
use crate::text::lines::{Encoding, LineCol, LineIndex};
use tower_lsp_server::ls_types::{
    ClientCapabilities, DiagnosticSeverity, Position, PositionEncodingKind, Range,
};

/// Chooses the position encoding: UTF-8 when the client offers it (no conversion needed),
/// else UTF-16, which every client must support. Clients that count in bytes without saying
/// so in their capabilities (Vim's ALE) can ask through
/// `initializationOptions.positionEncoding = "utf-8"`.
pub fn negotiate_encoding(
    capabilities: &ClientCapabilities,
    options: Option<&serde_json::Value>,
) -> Encoding {
    let offered = capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    let asked = options
        .and_then(|o| o.get("positionEncoding"))
        .and_then(|v| v.as_str());
    let utf8_asked =
        asked.is_some_and(|e| e.eq_ignore_ascii_case("utf-8") || e.eq_ignore_ascii_case("utf8"));
    if utf8_asked || offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

pub fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// A text with its line index, able to convert positions in one encoding.
#[derive(Clone, Copy)]
pub struct PositionMapper<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
}

impl PositionMapper<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let LineCol { line, col } = self.lines.position(self.text, offset, self.encoding);
        Position {
            line,
            character: col,
        }
    }

    pub fn range(&self, range: &ByteRange) -> Range {
        Range {
            start: self.position(range.start),
            end: self.position(range.end),
        }
    }

    /// The byte offset of a client position, clamped into the text.
    pub fn offset(&self, position: Position) -> usize {
        self.lines.offset(
            self.text,
            LineCol {
                line: position.line,
                col: position.character,
            },
            self.encoding,
        )
    }

    pub fn byte_range(&self, range: Range) -> ByteRange {
        let (start, end) = (self.offset(range.start), self.offset(range.end));
        start.min(end)..start.max(end)
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::GeneralClientCapabilities;

    fn capabilities(kinds: Option<Vec<PositionEncodingKind>>) -> ClientCapabilities {
        ClientCapabilities {
            general: Some(GeneralClientCapabilities {
                position_encodings: kinds,
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn prefers_utf8_when_offered() {
        let ale = serde_json::json!({"positionEncoding": "utf-8"});
        assert_eq!(
            negotiate_encoding(&ClientCapabilities::default(), Some(&ale)),
            Encoding::Utf8
        );
        let both = capabilities(Some(vec![
            PositionEncodingKind::UTF16,
            PositionEncodingKind::UTF8,
        ]));
        assert_eq!(negotiate_encoding(&both, None), Encoding::Utf8);
        let utf16 = capabilities(Some(vec![PositionEncodingKind::UTF16]));
        assert_eq!(negotiate_encoding(&utf16, None), Encoding::Utf16);
        assert_eq!(
            negotiate_encoding(&capabilities(None), None),
            Encoding::Utf16
        );
        assert_eq!(
            negotiate_encoding(&ClientCapabilities::default(), None),
            Encoding::Utf16
        );
    }

    #[test]
    fn maps_jürgen_in_both_encodings() {
        let text = "Grüße aus Köln 👋 an Jürgen";
        let lines = LineIndex::new(text);
        let start = text.find("Jürgen").unwrap();
        let range = start..text.len();
        let utf16 = PositionMapper {
            text,
            lines: &lines,
            encoding: Encoding::Utf16,
        };
        let utf8 = PositionMapper {
            text,
            lines: &lines,
            encoding: Encoding::Utf8,
        };
        assert_eq!(
            utf16.range(&range),
            Range::new(Position::new(0, 21), Position::new(0, 27))
        );
        assert_eq!(
            utf8.range(&range),
            Range::new(Position::new(0, 26), Position::new(0, 33))
        );
        assert_eq!(utf16.offset(Position::new(0, 21)), start);
        assert_eq!(utf8.offset(Position::new(0, 26)), start);
        assert_eq!(utf16.offset(Position::new(5, 0)), text.len());
    }
}
