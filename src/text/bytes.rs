//! Reading byte strings as numbers, for the hashes and keys the analysis builds per word, and
//! eight bytes at a time where the scanners look for a word's end.

/// Feeds `bytes` to `add` as little-endian 64-bit words, the last one zero-padded. The padded
/// word is built from fixed-size reads that may overlap (the last eight bytes of a longer
/// slice, shifted; two overlapping halves of a shorter one): copying a variable-length rest
/// into a zeroed buffer compiled to a call to `memcpy`, which was most of what hashing a short
/// word cost (nine hashes per new word of an article, plus every word of a sentence key).
#[inline(always)]
pub fn for_each_le_word(bytes: &[u8], mut add: impl FnMut(u64)) {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        add(u64::from_le_bytes(chunk.try_into().expect("chunk of 8")));
    }
    let rest = chunks.remainder().len();
    if rest == 0 {
        return;
    }
    let len = bytes.len();
    let last = if len >= 8 {
        let tail = u64::from_le_bytes(bytes[len - 8..].try_into().expect("8 bytes"));
        tail >> (8 * (8 - rest))
    } else if rest >= 4 {
        let low = u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes"));
        let high = u32::from_le_bytes(bytes[rest - 4..].try_into().expect("4 bytes"));
        u64::from(low) | (u64::from(high) << (8 * (rest - 4)))
    } else if rest >= 2 {
        let low = u16::from_le_bytes(bytes[..2].try_into().expect("2 bytes"));
        let high = u16::from_le_bytes(bytes[rest - 2..].try_into().expect("2 bytes"));
        u64::from(low) | (u64::from(high) << (8 * (rest - 2)))
    } else {
        u64::from(bytes[0])
    };
    add(last);
}

/// How many ASCII letters and digits `bytes` starts with, and whether a letter is among them.
/// Eight bytes at a time: byte by byte, this loop was a third of what tokenizing cost, and
/// finding the gazetteer's phrases skips words with it.
#[inline]
pub fn ascii_alphanumeric_run(bytes: &[u8]) -> (usize, bool) {
    let mut run = 0;
    let mut letters = false;
    while let Some(chunk) = bytes.get(run..run + 8) {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let (letter_bits, alphanumeric_bits) = ascii_letters_and_alphanumerics(chunk);
        // The high bit of each byte that ends the run; below the first, every byte is taken.
        let stops = !alphanumeric_bits & HIGH_BITS;
        letters |= letter_bits & stops.wrapping_sub(1) != 0;
        if stops != 0 {
            return (run + stops.trailing_zeros() as usize / 8, letters);
        }
        run += 8;
    }
    // The last few bytes of the text.
    for &byte in &bytes[run..] {
        if !byte.is_ascii_alphanumeric() {
            break;
        }
        letters |= byte.is_ascii_alphabetic();
        run += 1;
    }
    (run, letters)
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of the eight bytes of a `u64`.
pub const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `chunk` (eight bytes read as a little-endian word) that equals
/// `byte`, and of no other: looking for a hyphen in a word eight bytes at a time.
#[inline(always)]
pub fn bytes_equal_to(chunk: u64, byte: u8) -> u64 {
    let zeros_where_equal = chunk ^ (LOW_BITS * u64::from(byte));
    // A byte's high bit is set by the sum where its low seven bits are not all zero, by the
    // OR where its own high bit is: no carry crosses bytes, so no other byte is marked.
    !(((zeros_where_equal & !HIGH_BITS) + !HIGH_BITS) | zeros_where_equal) & HIGH_BITS
}

/// For eight bytes read as a little-endian word: the high bit of each byte that is an ASCII
/// letter, and of each that is an ASCII letter or digit.
#[inline(always)]
pub fn ascii_letters_and_alphanumerics(chunk: u64) -> (u64, u64) {
    // Each byte's low seven bits: adding to them carries into its own high bit only, so
    // `at_least(x, low)` sets a byte's high bit where that byte is `low` or more.
    let seven_bits = chunk & !HIGH_BITS;
    let at_least = |bits: u64, low: u8| (bits + LOW_BITS * u64::from(0x80 - low)) & HIGH_BITS;
    let within = |bits: u64, low: u8, high: u8| at_least(bits, low) & !at_least(bits, high + 1);
    let ascii = !chunk & HIGH_BITS;
    // Setting bit 5 lowercases the capitals and moves no other byte into `a..=z`.
    let letters = within(seven_bits | (LOW_BITS * 0x20), b'a', b'z') & ascii;
    let digits = within(seven_bits, b'0', b'9') & ascii;
    (letters, letters | digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain way to read a byte string as zero-padded little-endian words.
    fn le_words_by_copying(bytes: &[u8]) -> Vec<u64> {
        bytes
            .chunks(8)
            .map(|chunk| {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                u64::from_le_bytes(word)
            })
            .collect()
    }

    #[test]
    fn bytes_equal_to_marks_exactly_the_equal_bytes() {
        for byte in [b'-', 0, 0x80, 0xFF, b'a'] {
            for other in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [other; 8];
                    bytes[at] = byte;
                    let expected = bytes
                        .iter()
                        .enumerate()
                        .filter(|&(_, &b)| b == byte)
                        .fold(0, |bits, (i, _)| bits | 0x80 << (8 * i));
                    let chunk = u64::from_le_bytes(bytes);
                    assert_eq!(bytes_equal_to(chunk, byte), expected, "{byte} {other} {at}");
                }
            }
        }
    }

    #[test]
    fn overlapping_reads_give_the_zero_padded_words() {
        let bytes: Vec<u8> = (1..=40u8).map(|b| b.wrapping_mul(37) | 0x80).collect();
        for len in 0..=bytes.len() {
            for start in [0, bytes.len() - len] {
                let slice = &bytes[start..start + len];
                let mut words = Vec::new();
                for_each_le_word(slice, |word| words.push(word));
                assert_eq!(words, le_words_by_copying(slice), "length {len} at {start}");
            }
        }
    }

    #[test]
    fn ascii_runs_are_found_eight_bytes_at_a_time_as_byte_by_byte() {
        fn byte_by_byte(bytes: &[u8]) -> (usize, bool) {
            let run = bytes
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            (run, bytes[..run].iter().any(u8::is_ascii_alphabetic))
        }
        let fillers: [&[u8]; 3] = [b"abcdefghijklmnopqrst", b"0123456789012345678", b"Zz09Aa"];
        for filler in fillers {
            for byte in 0..=255u8 {
                for at in 0..filler.len() {
                    for len in at + 1..=filler.len() {
                        let mut bytes = filler[..len].to_vec();
                        bytes[at] = byte;
                        assert_eq!(
                            ascii_alphanumeric_run(&bytes),
                            byte_by_byte(&bytes),
                            "{bytes:?}"
                        );
                    }
                }
            }
        }
    }
}
