//! Lowercasing German words the way `str::to_lowercase` does, without its Unicode tables and
//! without allocating for the letters German news use: ASCII and Latin-1 (Ä, Ö, Ü, É, …).

/// Runs `f` on the UTF-8 bytes of `word` lowercased, without allocating for ASCII and the
/// Latin-1 letters (Ä, Ö, Ü, É, …) in words of up to 64 bytes. Bytes, because the gazetteer's lists
/// are looked up by bytes: checking that the lowercased buffer is UTF-8 again cost a third as
/// much as lowercasing it.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let bytes = word.as_bytes();
    let mut buffer = [0u8; 64];
    if bytes.len() > buffer.len() {
        return f(word.to_lowercase().as_bytes());
    }
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes at once where the word has them: byte by byte this loop was
        // two thirds of what working out a new word's classes cost.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let eight = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            if eight & 0x8080_8080_8080_8080 == 0 {
                buffer[i..i + 8].copy_from_slice(&ascii_lowercase(eight).to_le_bytes());
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        if byte.is_ascii() {
            buffer[i] = byte.to_ascii_lowercase();
            i += 1;
        } else if byte == 0xC3 && i + 1 < bytes.len() {
            // U+00C0..U+00DE are Latin-1 capitals (except × at U+00D7); their lowercase is
            // 0x20 further on, in the same two-byte sequence.
            let next = bytes[i + 1];
            buffer[i] = byte;
            buffer[i + 1] = if (0x80..=0x9E).contains(&next) && next != 0x97 {
                next + 0x20
            } else {
                next
            };
            i += 2;
        } else if byte >= 0xC0 {
            // Beyond Latin-1 (Ł, Ş, Cyrillic): let the standard library decide.
            return f(word.to_lowercase().as_bytes());
        } else {
            buffer[i] = byte;
            i += 1;
        }
    }
    // Lowercasing Latin-1 letters keeps UTF-8 valid.
    f(&buffer[..bytes.len()])
}

/// Eight ASCII bytes (each below 0x80) with their capitals lowercased, as `to_ascii_lowercase`
/// does byte by byte. Each sum stays below 0x100, so no carry crosses into the next byte: the
/// top bit of a byte tells whether it is at least 'A', and whether it is beyond 'Z'.
pub fn ascii_lowercase(eight: u64) -> u64 {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let from_a = eight + EACH * (0x80 - u64::from(b'A'));
    let beyond_z = eight + EACH * (0x80 - u64::from(b'Z' + 1));
    let capitals = from_a & !beyond_z & (EACH * 0x80);
    // 0x80 >> 2 is the 0x20 between a capital and its small letter.
    eight | (capitals >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowercase_text(lower: &[u8]) -> String {
        String::from_utf8(lower.to_vec()).expect("lowercasing keeps UTF-8 valid")
    }

    #[test]
    fn lowercasing_handles_umlauts_without_the_fallback() {
        assert_eq!(
            with_lowercase("ÄUßERES Öl Ü", lowercase_text),
            "äußeres öl ü"
        );
        assert_eq!(with_lowercase("Łódź", lowercase_text), "łódź");
        // Every ASCII character, eight at a time and one by one, alone and next to umlauts.
        let ascii: String = (0..128u8).map(char::from).collect();
        for start in 0..ascii.len() - 60 {
            let part = &ascii[start..start + 60];
            assert_eq!(with_lowercase(part, lowercase_text), part.to_lowercase());
            let mixed = format!("Ä{}Ö", &part[..40]);
            assert_eq!(with_lowercase(&mixed, lowercase_text), mixed.to_lowercase());
        }
    }
}
