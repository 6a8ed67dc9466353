//! Reading byte strings as numbers, for the hashes and keys the analysis builds per word.

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
}
