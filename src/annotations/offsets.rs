//! Conversions between byte offsets (what Dossier keeps in memory) and Unicode code-point
//! offsets (what brat writes to disk). Both helpers refuse offsets that do not name a position
//! in the text instead of clamping, because a clamped offset would silently move an annotation.

use ropey::str_utils::{byte_to_char_idx, char_to_byte_idx};

/// The code-point offset of `byte`, or `None` when `byte` lies past the end of `text` or inside
/// a multi-byte character.
pub fn byte_to_char(text: &str, byte: usize) -> Option<usize> {
    if !text.is_char_boundary(byte) {
        return None;
    }
    Some(byte_to_char_idx(text, byte))
}

/// The byte offset of code point number `char_index`, or `None` when `text` has fewer code
/// points. `char_index == number of code points` is the end of the text and is allowed.
pub fn char_to_byte(text: &str, char_index: usize) -> Option<usize> {
    let byte = char_to_byte_idx(text, char_index);
    // `char_to_byte_idx` clamps to the text's length; only the exact end is a real position.
    if byte == text.len() && byte_to_char_idx(text, byte) != char_index {
        return None;
    }
    Some(byte)
}

/// [`byte_to_char`] for many offsets at once, in one pass over the text (the file writer
/// converts every span boundary of an article together).
pub fn bytes_to_chars(text: &str, bytes: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut converted = vec![None; bytes.len()];
    let (mut byte, mut chars) = (0, 0);
    for i in order {
        let target = bytes[i];
        if !text.is_char_boundary(target) {
            continue;
        }
        chars += byte_to_char_idx(&text[byte..target], target - byte);
        byte = target;
        converted[i] = Some(chars);
    }
    converted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_across_umlauts_and_emoji() {
        let text = "Müller 👍 sagt";
        assert_eq!(byte_to_char(text, 0), Some(0));
        assert_eq!(byte_to_char(text, 3), Some(2)); // after "Mü"
        assert_eq!(byte_to_char(text, 8), Some(7)); // the emoji
        assert_eq!(byte_to_char(text, 12), Some(8)); // after the emoji
        assert_eq!(char_to_byte(text, 8), Some(12));
        assert_eq!(char_to_byte(text, 2), Some(3));
        let chars = text.chars().count();
        assert_eq!(char_to_byte(text, chars), Some(text.len()));
        assert_eq!(byte_to_char(text, text.len()), Some(chars));
    }

    #[test]
    fn converts_many_offsets_in_one_pass() {
        let text = "Müller 👍 sagt";
        let bytes = [12, 0, 2, 3, text.len(), 99, 3];
        let expected: Vec<Option<usize>> = bytes.iter().map(|&b| byte_to_char(text, b)).collect();
        assert_eq!(bytes_to_chars(text, &bytes), expected);
        assert_eq!(expected[0], Some(8));
        assert_eq!(expected[2], None);
    }

    #[test]
    fn refuses_positions_that_are_not_in_the_text() {
        let text = "Mü";
        assert_eq!(byte_to_char(text, 2), None); // inside "ü"
        assert_eq!(byte_to_char(text, 4), None);
        assert_eq!(char_to_byte(text, 3), None);
        assert_eq!(char_to_byte("", 0), Some(0));
        assert_eq!(char_to_byte("", 1), None);
    }
}
