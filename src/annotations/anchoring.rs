//! Keeping annotations on their text while the text changes.
//!
//! In the editor ([`apply_edit`]) the rules work on characters: a fragment is its first and
//! last character and everything between.
//! - The edit is first trimmed to what really changes (common prefix and suffix of the old and
//!   new text dropped), so a client that resends a whole line behaves like one that sends a
//!   keystroke.
//! - Text inserted exactly at a fragment's start or end stays outside it; fragments after the
//!   edit shift.
//! - An edit strictly inside a fragment (its first and last character survive) keeps the
//!   annotation when the span's text stays within a small edit distance of the annotation's
//!   quote: at most one edit per four characters, at least one (a typo fixed inside a name).
//!   Otherwise the annotation becomes [`AnchorState::Changed`].
//! - An edit that deletes a fragment's first or last character crosses its boundary: the
//!   fragment is stretched over the replacement text and the annotation becomes `Changed`. When
//!   nothing is left of a fragment (its text deleted) the annotation becomes
//!   [`AnchorState::Orphaned`] instead: kept, written back as last written.
//! - `Changed` stays until a person confirms the annotation; nothing is ever dropped.
//!
//! For a file changed outside the editor ([`reanchor`]) each annotation is looked up again by
//! its quote and the text around it (like the W3C Web Annotation `TextQuoteSelector`):
//! 1. exact occurrences of the quote, preferring the one whose surrounding text agrees best,
//!    then the one nearest the old position. It stays `Anchored` only when the text on at least
//!    one side agrees in full; otherwise it is placed there but marked `Changed`.
//! 2. else the closest substring within the edit distance above (fewest edits, then nearest the
//!    old place; looked for within 2000 characters of the old place before the whole text):
//!    placed, marked `Changed`.
//! 3. else [`AnchorState::Orphaned`]: no span, its `T` line is written back unchanged.
//!
//! Annotations without a place in the old text (`Mismatch` after load, `Orphaned`) are looked
//! up by their quote alone, nearest the offset their `T` line gives. A `Mismatch` whose quote
//! occurs exactly once becomes `Anchored`; anything else found is `Changed`, and an orphan found
//! again is always `Changed` (its text was gone once, so a copy elsewhere may be another
//! mention).

use super::AnnError;
use super::fuzzy::find_nearest;
use super::offsets::{byte_to_char, char_to_byte};
use super::store::{AnchorState, AnnotationSet, covering, span_text};
use crate::analysis::model::ByteRange;

/// How many characters on each side of a quote identify its place.
const CONTEXT_CHARS: usize = 24;

/// How far (in characters, each side) from the old place an approximate match is looked for
/// before the whole text is searched.
const FUZZY_WINDOW_CHARS: usize = 2000;

/// The edit distance a span's text may drift from its quote and still be the same name.
fn tolerated_distance(quote: &str) -> usize {
    (quote.chars().count() / 4).max(1)
}

fn still_makes_sense(quote: &str, current: &str) -> bool {
    !current.is_empty() && strsim::levenshtein(quote, current) <= tolerated_distance(quote)
}

/// Replaces `edit_range` (bytes of the set's current text) by `new_text` and moves the
/// annotations along. Fails, changing nothing, when the range is not a range of whole
/// characters of the set's text (the caller's text and the set's disagree: reload or
/// [`reanchor`]).
pub fn apply_edit(
    set: &mut AnnotationSet,
    edit_range: ByteRange,
    new_text: &str,
) -> Result<(), AnnError> {
    let old_text = &set.text;
    if edit_range.start > edit_range.end
        || !old_text.is_char_boundary(edit_range.start)
        || !old_text.is_char_boundary(edit_range.end)
    {
        return Err(AnnError::file(format!(
            "the edit {}..{} is not a range of whole characters in the article ({} bytes)",
            edit_range.start,
            edit_range.end,
            old_text.len()
        )));
    }
    let (range, replacement) = trim_edit(old_text, edit_range, new_text);
    if range.is_empty() && replacement.is_empty() {
        return Ok(());
    }
    let (a, b, inserted) = (range.start, range.end, replacement.len());
    set.text.replace_range(range, replacement);
    let mut emptied = Vec::new();
    for (id, span) in set.spans.iter_mut() {
        if !span.anchor.is_placed() {
            continue;
        }
        let mut crossed = false;
        let mut touched = false;
        for fragment in &mut span.fragments {
            let moved = move_fragment(fragment.clone(), a, b, inserted);
            crossed |= moved.crossed;
            touched |= moved.touched;
            *fragment = moved.range;
        }
        let drifted = touched
            && span.anchor == AnchorState::Anchored
            && !still_makes_sense(&span.reference, &span_text(&set.text, &span.fragments));
        if crossed || drifted {
            span.anchor = AnchorState::Changed;
        }
        if crossed && span.fragments.iter().any(|f| f.is_empty()) {
            emptied.push(id.clone());
        }
    }
    for id in emptied {
        orphan(set, &id);
    }
    Ok(())
}

/// Takes an annotation off the text: no span; its `T` line is written back as last written,
/// so its quote becomes that line's text.
fn orphan(set: &mut AnnotationSet, id: &str) {
    let written_text = set.text_bound(id).and_then(|t| t.text.clone());
    let span = set.spans.get_mut(id).expect("id from the set");
    span.anchor = AnchorState::Orphaned;
    span.fragments.clear();
    if let Some(text) = written_text {
        span.reference = text;
    }
}

/// Drops the part of an edit that leaves the text as it was.
fn trim_edit<'a>(old_text: &str, range: ByteRange, new_text: &'a str) -> (ByteRange, &'a str) {
    let old = &old_text[range.clone()];
    let prefix: usize = old
        .chars()
        .zip(new_text.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (old_rest, new_rest) = (&old[prefix..], &new_text[prefix..]);
    let suffix: usize = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (
        range.start + prefix..range.end - suffix,
        &new_rest[..new_rest.len() - suffix],
    )
}

struct MovedFragment {
    range: ByteRange,
    /// The edit deleted the fragment's first or last character.
    crossed: bool,
    /// The edit changed something between the first and last character.
    touched: bool,
}

/// Where fragment `s..e` goes when bytes `a..b` are replaced by `inserted` bytes.
fn move_fragment(fragment: ByteRange, a: usize, b: usize, inserted: usize) -> MovedFragment {
    let (s, e) = (fragment.start, fragment.end);
    let shift = |p: usize| p + inserted - (b - a);
    if s == e {
        // An empty fragment (its text was deleted earlier) moves like a position.
        let p = if s < a {
            s
        } else if s >= b {
            shift(s)
        } else {
            a
        };
        return MovedFragment {
            range: p..p,
            crossed: false,
            touched: false,
        };
    }
    let (start, start_lost) = if s < a {
        (s, false)
    } else if s >= b {
        (shift(s), false)
    } else {
        (a, true)
    };
    let (end, end_lost) = if e <= a {
        (e, false)
    } else if e > b {
        (shift(e), false)
    } else {
        (a + inserted, true)
    };
    let touched = if a == b {
        s < a && a < e
    } else {
        a < e && s < b
    };
    MovedFragment {
        range: start..end,
        crossed: start_lost || end_lost,
        touched,
    }
}

/// What [`reanchor`] did, by `T` id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReanchorReport {
    /// Found exactly (possibly elsewhere) with agreeing context.
    pub anchored: Vec<String>,
    /// Placed on an approximate or context-less match: needs a person's look.
    pub changed: Vec<String>,
    /// Not found: kept in the file, unchanged.
    pub orphaned: Vec<String>,
}

/// Where an annotation was and what it looked like, taken from the old text.
struct Selector {
    quote: String,
    /// Text before and after the quote (up to [`CONTEXT_CHARS`]); `None` when not known
    /// (annotations without a place in the old text).
    context: Option<(String, String)>,
    /// Where to prefer matches, in code points of the new text.
    near: usize,
    /// Fragments relative to the quote's start, for moving a discontinuous span whole.
    relative: Vec<ByteRange>,
}

fn selector(set: &AnnotationSet, id: &str, new_chars: usize) -> Selector {
    let span = &set.spans[id];
    let old = &set.text;
    if let Some(cover) = covering(&span.fragments).filter(|_| span.anchor.is_placed()) {
        let before: String = {
            let mut chars: Vec<char> = old[..cover.start]
                .chars()
                .rev()
                .take(CONTEXT_CHARS)
                .collect();
            chars.reverse();
            chars.into_iter().collect()
        };
        let after: String = old[cover.end..].chars().take(CONTEXT_CHARS).collect();
        let near = byte_to_char(old, cover.start).unwrap_or(0);
        return Selector {
            quote: old[cover.clone()].to_string(),
            context: Some((before, after)),
            near: near.min(new_chars),
            relative: span
                .fragments
                .iter()
                .map(|f| f.start - cover.start..f.end - cover.start)
                .collect(),
        };
    }
    // Unplaced: search by the quote from the file, near the offset the file gives.
    let near = set
        .text_bound(id)
        .and_then(|t| t.fragments.first())
        .map_or(0, |f| f.start.min(new_chars));
    Selector {
        quote: span.reference.clone(),
        context: None,
        near,
        relative: std::iter::once(0..span.reference.len()).collect(),
    }
}

/// Length in characters of the common end of `a` and `b`.
fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Every start (byte offset) of `quote` in `text`, overlapping ones included.
fn exact_occurrences(text: &str, quote: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find(quote) {
        let at = from + offset;
        found.push(at);
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        if from > text.len() {
            break;
        }
    }
    found
}

/// Re-anchors every annotation of `set` in `new_text` (the article as it is now on disk) and
/// makes `new_text` the set's text. Also places annotations flagged `Mismatch` at load: call it
/// with the same text right after [`super::load`] to resolve them.
pub fn reanchor(set: &mut AnnotationSet, new_text: &str) -> ReanchorReport {
    let new_chars: Vec<char> = new_text.chars().collect();
    let char_starts: Vec<usize> = new_text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(new_text.len()))
        .collect();
    let ids: Vec<String> = set.spans.keys().cloned().collect();
    let mut report = ReanchorReport::default();
    let mut placements = Vec::new();
    for id in ids {
        let selector = selector(set, &id, new_chars.len());
        let was = set.spans[&id].anchor;
        let placement = place(&selector, new_text, &new_chars, &char_starts);
        let anchor = match (&placement, was) {
            (None, _) => AnchorState::Orphaned,
            // An orphan found again is shown to a person rather than trusted: its text was gone
            // once, so a copy of it elsewhere is likely another mention.
            (Some((_, true)), AnchorState::Anchored | AnchorState::Mismatch) => {
                AnchorState::Anchored
            }
            (Some(_), _) => AnchorState::Changed,
        };
        match anchor {
            AnchorState::Anchored => report.anchored.push(id.clone()),
            AnchorState::Orphaned => report.orphaned.push(id.clone()),
            _ => report.changed.push(id.clone()),
        }
        placements.push((id, placement.map(|(fragments, _)| fragments), anchor));
    }
    set.text = new_text.to_string();
    for (id, fragments, anchor) in placements {
        match fragments {
            Some(fragments) => {
                let span = set.spans.get_mut(&id).expect("id from the set");
                span.anchor = anchor;
                span.fragments = fragments;
            }
            None => orphan(set, &id),
        }
    }
    report
}

/// The new fragments and whether the placement is sure (exact quote with agreeing context,
/// or a unique exact quote for annotations without context).
fn place(
    selector: &Selector,
    new_text: &str,
    new_chars: &[char],
    char_starts: &[usize],
) -> Option<(Vec<ByteRange>, bool)> {
    let near_byte = char_starts[selector.near.min(char_starts.len() - 1)];
    if !selector.quote.is_empty() {
        let occurrences = exact_occurrences(new_text, &selector.quote);
        let scored = occurrences.iter().map(|&at| {
            let end = at + selector.quote.len();
            let (agree, sure) = match &selector.context {
                Some((before, after)) => {
                    let left = common_suffix_chars(&new_text[..at], before);
                    let right = common_prefix_chars(&new_text[end..], after);
                    // A side agrees in full when the whole remembered context is there and, if
                    // it was cut short by the text's start or end, so is the new one.
                    let before_len = before.chars().count();
                    let after_len = after.chars().count();
                    let left_full =
                        left == before_len && (before_len == CONTEXT_CHARS || at == before.len());
                    let right_full = right == after_len
                        && (after_len == CONTEXT_CHARS || end + after.len() == new_text.len());
                    (left + right, left_full || right_full)
                }
                None => (0, occurrences.len() == 1),
            };
            (at, agree, sure)
        });
        let best = scored.max_by(|x, y| {
            x.1.cmp(&y.1)
                .then_with(|| y.0.abs_diff(near_byte).cmp(&x.0.abs_diff(near_byte)))
        });
        if let Some((at, _, sure)) = best {
            let fragments = selector
                .relative
                .iter()
                .map(|f| at + f.start..at + f.end)
                .collect();
            return Some((fragments, sure));
        }
    }
    let quote: Vec<char> = selector.quote.chars().collect();
    let max_distance = tolerated_distance(&selector.quote);
    // Look near the old place first: the search costs text length × quote length, and a
    // person's correction seldom moves a name across the article.
    let reach = FUZZY_WINDOW_CHARS + quote.len();
    let window = selector.near.saturating_sub(reach)..(selector.near + reach).min(new_chars.len());
    let found = find_nearest(
        &quote,
        &new_chars[window.clone()],
        max_distance,
        selector.near - window.start,
    )
    .map(|m| (window.start + m.start, window.start + m.end))
    .or_else(|| {
        let m = find_nearest(&quote, new_chars, max_distance, selector.near)?;
        Some((m.start, m.end))
    })?;
    Some((
        std::iter::once(char_starts[found.0]..char_starts[found.1]).collect(),
        false,
    ))
}

/// Code-point offsets of a byte range, for callers that report positions in brat's terms.
pub fn char_range(text: &str, range: &ByteRange) -> Option<std::ops::Range<usize>> {
    Some(byte_to_char(text, range.start)?..byte_to_char(text, range.end)?)
}

/// Byte offsets of a code-point range.
pub fn byte_range(text: &str, range: &std::ops::Range<usize>) -> Option<ByteRange> {
    Some(char_to_byte(text, range.start)?..char_to_byte(text, range.end)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::Status;

    fn set_with(text: &str, names: &[&str]) -> AnnotationSet {
        let mut set = AnnotationSet::new(text);
        for name in names {
            let start = text.find(name).unwrap();
            set.add_span(start..start + name.len(), "PER", Status::Added)
                .unwrap();
        }
        set
    }

    fn covered(set: &AnnotationSet, id: &str) -> (String, AnchorState) {
        let a = set.get(id).unwrap();
        (span_text(set.text(), &a.fragments), a.anchor)
    }

    fn edit(set: &mut AnnotationSet, needle: &str, replacement: &str) {
        let start = set.text().find(needle).unwrap();
        apply_edit(set, start..start + needle.len(), replacement).unwrap();
    }

    #[test]
    fn shifts_spans_after_an_edit() {
        let mut set = set_with("Laut Selenskyj sagte Jermak", &["Selenskyj", "Jermak"]);
        edit(&mut set, "Laut", "Nach Angaben von Präsident 👍");
        assert_eq!(
            covered(&set, "T1"),
            ("Selenskyj".into(), AnchorState::Anchored)
        );
        assert_eq!(
            covered(&set, "T2"),
            ("Jermak".into(), AnchorState::Anchored)
        );
    }

    #[test]
    fn keeps_insertions_at_a_boundary_outside() {
        let mut set = set_with("Laut Selenskyj sagte", &["Selenskyj"]);
        let start = set.text().find("Selenskyj").unwrap();
        apply_edit(&mut set, start..start, "Herr ").unwrap();
        let end = set.text().find(" sagte").unwrap();
        apply_edit(&mut set, end..end, "s").unwrap();
        assert_eq!(
            covered(&set, "T1"),
            ("Selenskyj".into(), AnchorState::Anchored)
        );
    }

    #[test]
    fn keeps_a_typo_fix_inside_a_name() {
        let mut set = set_with("Laut Selenskij sagte", &["Selenskij"]);
        edit(&mut set, "ij", "yj");
        assert_eq!(
            covered(&set, "T1"),
            ("Selenskyj".into(), AnchorState::Anchored)
        );
    }

    #[test]
    fn marks_a_rewritten_name_as_changed_without_dropping_it() {
        let mut set = set_with("Laut Selenskyj sagte", &["Selenskyj"]);
        edit(&mut set, "lenskyj", "lbstkritik");
        assert_eq!(
            covered(&set, "T1"),
            ("Selbstkritik".into(), AnchorState::Changed)
        );
        // Changed sticks until a person confirms it.
        edit(&mut set, "Selbstkritik", "Selenskyj");
        assert_eq!(set.get("T1").unwrap().anchor, AnchorState::Changed);
        set.confirm("T1").unwrap();
        assert_eq!(
            covered(&set, "T1"),
            ("Selenskyj".into(), AnchorState::Anchored)
        );
    }

    #[test]
    fn marks_edits_across_a_boundary_as_changed() {
        let mut set = set_with("Laut Selenskyj sagte", &["Selenskyj"]);
        edit(&mut set, "Laut Sel", "Bei Zel");
        // The edit replaced "Laut S": the span now also covers what replaced its first letter.
        assert_eq!(
            covered(&set, "T1"),
            ("Bei Zelenskyj".into(), AnchorState::Changed)
        );
        let mut set = set_with("Laut Selenskyj sagte", &["Selenskyj"]);
        edit(&mut set, "Laut Selenskyj sagte", "Es sprach");
        assert_eq!(
            covered(&set, "T1"),
            ("Es sprach".into(), AnchorState::Changed)
        );
        let mut set = set_with("Laut Selenskyj sagte", &["Selenskyj"]);
        edit(&mut set, "Selenskyj sagte", "");
        let orphan = set.get("T1").unwrap();
        assert_eq!(
            (orphan.anchor, orphan.quote.as_str()),
            (AnchorState::Orphaned, "Selenskyj")
        );
        assert!(orphan.fragments.is_empty());
        assert_eq!(
            set.to_brat_string(),
            "T1\tPER 5 14\tSelenskyj\nA1\tStatus T1 Added\nA2\tAnchor T1 Orphaned\n"
        );
    }

    #[test]
    fn trims_edits_that_resend_unchanged_text() {
        let mut set = set_with("Laut Selenskyj sagte", &["Selenskyj"]);
        let len = set.text().len();
        apply_edit(&mut set, 0..len, "Laut Selenskyj sagte gestern").unwrap();
        assert_eq!(
            covered(&set, "T1"),
            ("Selenskyj".into(), AnchorState::Anchored)
        );
    }

    #[test]
    fn refuses_edits_outside_the_text() {
        let mut set = set_with("Müller", &["Müller"]);
        assert!(apply_edit(&mut set, 2..3, "x").is_err());
        assert!(apply_edit(&mut set, 0..40, "x").is_err());
        assert_eq!(set.text(), "Müller");
    }

    #[test]
    fn moves_discontinuous_spans_fragment_by_fragment() {
        let text = "Er sagte, man werde kämpfen.";
        let mut set = AnnotationSet::new(text);
        let a = text.find("man").unwrap();
        let b = text.find("kämpfen").unwrap();
        set.add_fragments(&[a..a + 3, b..b + "kämpfen".len()], "Claim", Status::Added)
            .unwrap();
        edit(&mut set, "werde", "würde weiter");
        assert_eq!(
            covered(&set, "T1"),
            ("man kämpfen".into(), AnchorState::Anchored)
        );
    }

    #[test]
    fn reanchors_by_quote_and_context() {
        let old = "Kiew meldet Angriffe. Später sagte Selenskyj in Kiew, er bleibe.";
        let mut set = set_with(old, &["Selenskyj"]);
        let second_kiew = old.rfind("Kiew").unwrap();
        set.add_span(second_kiew..second_kiew + 4, "LOC", Status::Added)
            .unwrap();
        let new = "Eilmeldung: Kiew meldet Angriffe. Später sagte Selenskyj in Kiew, er bleibe.";
        let report = reanchor(&mut set, new);
        assert_eq!(report.anchored, vec!["T1", "T2"]);
        assert_eq!(
            set.get("T2").unwrap().fragments,
            vec![new.rfind("Kiew").unwrap()..new.rfind("Kiew").unwrap() + 4]
        );
    }

    #[test]
    fn reanchors_a_misspelling_as_changed_and_orphans_what_is_gone() {
        let old = "Selenskyj sprach mit Jermak über Berlin.";
        let mut set = set_with(old, &["Selenskyj", "Jermak", "Berlin"]);
        let new = "Selenskij sprach mit Scholz über Berlin.";
        let report = reanchor(&mut set, new);
        assert_eq!(report.changed, vec!["T1"]);
        assert_eq!(report.orphaned, vec!["T2"]);
        assert_eq!(report.anchored, vec!["T3"]);
        assert_eq!(covered(&set, "T1").0, "Selenskij");
        let orphan = set.get("T2").unwrap();
        assert!(orphan.fragments.is_empty());
        assert_eq!(orphan.quote, "Jermak");
        // The orphan's line is written back unchanged, marked for brat.
        assert_eq!(
            set.to_brat_string(),
            "T1\tPER 0 9\tSelenskij\nA1\tStatus T1 Added\n\
T2\tPER 21 27\tJermak\nA2\tStatus T2 Added\n\
T3\tPER 33 39\tBerlin\nA3\tStatus T3 Added\n\
A4\tAnchor T1 Changed\nA5\tAnchor T2 Orphaned\n"
        );
    }

    #[test]
    fn an_undone_deletion_comes_back_for_a_person_to_confirm() {
        let text = "Laut Selenskyj sagte";
        let mut set = set_with(text, &["Selenskyj"]);
        edit(&mut set, "Selenskyj ", "");
        assert_eq!(set.get("T1").unwrap().anchor, AnchorState::Orphaned);
        assert!(set.confirm("T1").is_err());
        apply_edit(&mut set, 5..5, "Selenskyj ").unwrap();
        // apply_edit does not search; re-anchoring in the same text does.
        let report = reanchor(&mut set, text);
        assert_eq!(report.changed, vec!["T1"]);
        set.confirm("T1").unwrap();
        assert_eq!(
            covered(&set, "T1"),
            ("Selenskyj".into(), AnchorState::Anchored)
        );
    }

    #[test]
    fn prefers_an_approximate_match_near_the_old_place() {
        let filler = "x ".repeat(1500);
        let old = format!("Laut Selenskyj sagte {filler} Ende");
        let mut set = set_with(&old, &["Selenskyj"]);
        // Near the old place a worse match, 3000 characters away a better one.
        let new = format!("Laut Selenskiij sagte {filler} Selenskyy Ende");
        let report = reanchor(&mut set, &new);
        assert_eq!(report.changed, vec!["T1"]);
        assert_eq!(covered(&set, "T1").0, "Selenskiij");
    }

    #[test]
    fn places_annotations_that_mismatched_at_load() {
        let text = "Heute: Selenskyj sprach mit Jermak.";
        let file = "T1\tPER 0 9\tSelenskyj\nT2\tPER 21 27\tJermak\n";
        let mut set = AnnotationSet::from_brat(file, text).unwrap();
        assert_eq!(set.get("T1").unwrap().anchor, AnchorState::Mismatch);
        let report = reanchor(&mut set, text);
        assert_eq!(report.anchored, vec!["T1", "T2"]);
        assert_eq!(
            set.to_brat_string(),
            "T1\tPER 7 16\tSelenskyj\nT2\tPER 28 34\tJermak\n"
        );
    }

    #[test]
    fn converts_ranges_between_bytes_and_code_points() {
        let text = "Grüße 👍 aus Köln";
        let koeln = text.find("Köln").unwrap()..text.len();
        assert_eq!(char_range(text, &koeln), Some(12..16));
        assert_eq!(byte_range(text, &(12..16)), Some(koeln));
    }
}
