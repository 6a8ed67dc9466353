//! Approximate search for a short quote in a longer text: the substring with the smallest edit
//! distance (Sellers' algorithm, the semi-global variant of Levenshtein). strsim compares whole
//! strings only, so the search itself is written here.

/// A place in the text (in code points, end exclusive) and its edit distance to the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuzzyMatch {
    pub start: usize,
    pub end: usize,
    pub distance: usize,
}

/// The best non-empty substring of `text` within `max_distance` edits of `quote`: the smallest
/// distance first, then the start nearest to `near` (a code-point offset), then the longest.
pub fn find_nearest(
    quote: &[char],
    text: &[char],
    max_distance: usize,
    near: usize,
) -> Option<FuzzyMatch> {
    if quote.is_empty() {
        return None;
    }
    let rows = quote.len() + 1;
    // One column of the table per text position: cost of aligning quote[..i] ending here, and
    // the text position where that alignment started.
    let mut cost: Vec<usize> = (0..rows).collect();
    let mut start: Vec<usize> = vec![0; rows];
    let mut next_cost = vec![0; rows];
    let mut next_start = vec![0; rows];
    let mut best: Option<FuzzyMatch> = None;
    for (j, &c) in text.iter().enumerate() {
        next_cost[0] = 0;
        next_start[0] = j + 1;
        for i in 1..rows {
            let substitute = cost[i - 1] + usize::from(quote[i - 1] != c);
            let skip_text = cost[i] + 1;
            let skip_quote = next_cost[i - 1] + 1;
            let (value, from) = if substitute <= skip_text && substitute <= skip_quote {
                (substitute, start[i - 1])
            } else if skip_text <= skip_quote {
                (skip_text, start[i])
            } else {
                (skip_quote, next_start[i - 1])
            };
            next_cost[i] = value;
            next_start[i] = from;
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut start, &mut next_start);
        let (distance, from, end) = (cost[rows - 1], start[rows - 1], j + 1);
        if distance > max_distance || from >= end {
            continue;
        }
        let candidate = FuzzyMatch {
            start: from,
            end,
            distance,
        };
        let better = match best {
            None => true,
            Some(b) => {
                let key = |m: FuzzyMatch| {
                    (
                        m.distance,
                        m.start.abs_diff(near),
                        usize::MAX - (m.end - m.start),
                    )
                };
                key(candidate) < key(b)
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_a_misspelt_name() {
        let text = chars("Laut Präsident Selenskij sei die Lage ernst.");
        let found = find_nearest(&chars("Selenskyj"), &text, 2, 0).unwrap();
        let matched: String = text[found.start..found.end].iter().collect();
        assert_eq!((matched.as_str(), found.distance), ("Selenskij", 1));
    }

    #[test]
    fn prefers_the_nearest_of_equally_good_matches() {
        let text = chars("Kiev und Kiev");
        assert_eq!(find_nearest(&chars("Kiew"), &text, 1, 0).unwrap().start, 0);
        assert_eq!(find_nearest(&chars("Kiew"), &text, 1, 9).unwrap().start, 9);
    }

    #[test]
    fn gives_up_beyond_the_distance() {
        let text = chars("Berlin und Paris");
        assert_eq!(find_nearest(&chars("Moskau"), &text, 2, 0), None);
        assert_eq!(find_nearest(&[], &text, 2, 0), None);
    }
}
