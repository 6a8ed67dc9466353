//! Property test of anchoring: random sequences of edits in the editor, saves (write and
//! reload) and rewrites outside the editor, checked against a reference model.
//!
//! The model gives every character an identity. An annotation's fragment is its first and last
//! character; while both exist, the fragment's text is everything between them. After every
//! step each annotation must still be in the set and either cover exactly what the model says
//! or be reported (`Changed`, `Mismatch` or `Orphaned`). Once the model has lost a fragment's
//! first or last character, only a report is acceptable.

use super::{AnchorState, AnnotationSet, Status, apply_edit, load, reanchor};
use crate::analysis::model::ByteRange;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::sync::atomic::{AtomicUsize, Ordering};

const WORDS: &[&str] = &[
    "Selenskyj",
    "Jermak",
    "Kiew",
    "sagte",
    "über",
    "Präsidialverwaltung",
    "Bürgermeisterin",
    "Straße",
    "👍",
    "Köln",
    "berichtete",
    "der",
    "und",
    "die",
    "Müller",
    "🇩🇪",
    "„Wir",
    "kämpfen“",
];

/// Characters edits insert: umlauts, emoji (also a two-code-point flag), a combining accent.
const INSERTED: &[char] = &[
    'a', 'ä', 'Ö', 'ß', '👍', '🇩', '🇪', ' ', 'x', 'é', '\u{301}', '.',
];

#[derive(Debug, Clone)]
struct Edit {
    at: Index,
    delete: usize,
    insert: String,
}

#[derive(Debug, Clone)]
enum Op {
    /// Anywhere in the text.
    Edit(Edit),
    /// Within two characters of an annotation's start or end, to hit boundaries often.
    NearSpan {
        span: Index,
        at_end: bool,
        offset: i8,
        delete: usize,
        insert: String,
    },
    Save,
    /// A person confirms a changed annotation (accepting its new text).
    Confirm(Index),
    /// Several edits made outside the editor; the set sees only the result.
    Rewrite(Vec<Edit>),
}

fn inserted_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(INSERTED), 0..5).prop_map(String::from_iter)
}

fn edit() -> impl Strategy<Value = Edit> {
    (any::<Index>(), 0usize..6, inserted_text()).prop_map(|(at, delete, insert)| Edit {
        at,
        delete,
        insert,
    })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => edit().prop_map(Op::Edit),
        4 => (any::<Index>(), any::<bool>(), -2i8..=2, 0usize..4, inserted_text()).prop_map(
            |(span, at_end, offset, delete, insert)| Op::NearSpan { span, at_end, offset, delete, insert }
        ),
        1 => Just(Op::Save),
        2 => any::<Index>().prop_map(Op::Confirm),
        1 => prop::collection::vec(edit(), 1..5).prop_map(Op::Rewrite),
    ]
}

/// Words of the article and, per word, 0 = not annotated, 1 = annotated, 2 = annotated
/// together with the word after next (a discontinuous span).
fn article() -> impl Strategy<Value = (Vec<&'static str>, Vec<u8>)> {
    (6usize..20).prop_flat_map(|n| {
        (
            prop::collection::vec(prop::sample::select(WORDS), n),
            prop::collection::vec(
                prop_oneof![3 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8)],
                n,
            ),
        )
    })
}

#[derive(Debug, Clone)]
struct ModelSpan {
    id: String,
    /// Identities of each fragment's first and last character.
    fragments: Vec<(u64, u64)>,
    lost: bool,
}

#[derive(Debug, Clone)]
struct Model {
    chars: Vec<(char, u64)>,
    next_identity: u64,
    spans: Vec<ModelSpan>,
}

impl Model {
    fn new(text: &str) -> Model {
        let chars: Vec<(char, u64)> = text.chars().zip(0..).collect();
        Model {
            next_identity: chars.len() as u64,
            chars,
            spans: Vec::new(),
        }
    }

    fn text(&self) -> String {
        self.chars.iter().map(|(c, _)| c).collect()
    }

    fn index_of(&self, identity: u64) -> Option<usize> {
        self.chars.iter().position(|&(_, i)| i == identity)
    }

    fn byte_of(&self, char_index: usize) -> usize {
        self.chars[..char_index]
            .iter()
            .map(|(c, _)| c.len_utf8())
            .sum()
    }

    /// Where the model says a span's fragments are now, in bytes.
    fn expected(&self, span: &ModelSpan) -> Option<Vec<ByteRange>> {
        if span.lost {
            return None;
        }
        span.fragments
            .iter()
            .map(|&(first, last)| {
                let (first, last) = (self.index_of(first)?, self.index_of(last)?);
                Some(self.byte_of(first)..self.byte_of(last + 1))
            })
            .collect()
    }

    /// Replaces characters `start..end` by `insert`, dropping what both sides share first
    /// (the same trimming the editor rules promise).
    fn edit(&mut self, start: usize, end: usize, insert: &str) {
        let new: Vec<char> = insert.chars().collect();
        let old: Vec<char> = self.chars[start..end].iter().map(|(c, _)| *c).collect();
        let prefix = old.iter().zip(&new).take_while(|(x, y)| x == y).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (start, end) = (start + prefix, end - suffix);
        let new = &new[prefix..new.len() - suffix];
        let deleted: Vec<u64> = self.chars[start..end].iter().map(|&(_, i)| i).collect();
        for span in &mut self.spans {
            if span
                .fragments
                .iter()
                .any(|(first, last)| deleted.contains(first) || deleted.contains(last))
            {
                span.lost = true;
            }
        }
        let fresh: Vec<(char, u64)> = new
            .iter()
            .map(|&c| {
                self.next_identity += 1;
                (c, self.next_identity)
            })
            .collect();
        self.chars.splice(start..end, fresh);
    }

    /// The model cannot tell identical text apart: when re-anchoring picked another copy of
    /// the same text, follow it.
    fn follow(&mut self, span_index: usize, fragments: &[ByteRange], text: &str) {
        let to_char = |byte: usize| text[..byte].chars().count();
        self.spans[span_index].fragments = fragments
            .iter()
            .map(|f| {
                (
                    self.chars[to_char(f.start)].1,
                    self.chars[to_char(f.end) - 1].1,
                )
            })
            .collect();
    }
}

fn char_range_of(model: &Model, at: Index, delete: usize) -> (usize, usize) {
    let len = model.chars.len();
    let start = at.index(len + 1);
    (start, (start + delete).min(len))
}

static OPERATIONS: AtomicUsize = AtomicUsize::new(0);
static EDITS: AtomicUsize = AtomicUsize::new(0);
/// Checks of an annotation that was anchored and sat where the model says (or, after a
/// rewrite, where an equally good reading of it says).
static VERIFIED: AtomicUsize = AtomicUsize::new(0);
/// Checks of an annotation reported as changed, mismatched or orphaned.
static REPORTED: AtomicUsize = AtomicUsize::new(0);

/// The text and each annotation's place before an outside rewrite, to judge where
/// re-anchoring may put it.
struct BeforeRewrite {
    chars: Vec<char>,
    /// Every character of the old text has an identity up to this one; the rewrite's inserted
    /// characters get higher ones.
    last_identity: u64,
    /// Per model span: old character indices of its first and last character; `None` when the
    /// model had already lost it.
    places: Vec<Option<(usize, usize)>>,
}

impl BeforeRewrite {
    fn take(model: &Model) -> BeforeRewrite {
        let places = model
            .spans
            .iter()
            .map(|span| {
                if span.lost {
                    return None;
                }
                let first = model.index_of(span.fragments.first()?.0)?;
                let last = model.index_of(span.fragments.last()?.1)?;
                Some((first, last))
            })
            .collect();
        BeforeRewrite {
            chars: model.chars.iter().map(|&(c, _)| c).collect(),
            last_identity: model.next_identity,
            places,
        }
    }

    /// Whether re-anchoring span `index` on new characters `start..end` agrees with some reading
    /// of the rewrite that is as good as the real one. Text cannot tell a deletion next to
    /// identical characters from the same deletion shifted (`Köln Köln` minus `ln Kö` is
    /// `Köln` minus nothing but `Köln `), so the model's own character identities are one
    /// reading among equals: accept the placement when the best alignment of old and new text
    /// that maps the span's text onto `start..end` keeps at least as many characters as the real
    /// edits kept. A move to another mention of the same text needs a much worse alignment.
    fn placement_is_a_reading(
        &self,
        model: &Model,
        index: usize,
        start: usize,
        end: usize,
    ) -> bool {
        let Some((first, last)) = self.places[index] else {
            return false;
        };
        let new: Vec<char> = model.chars.iter().map(|&(c, _)| c).collect();
        if self.chars[first..=last] != new[start..end] {
            return false;
        }
        let kept_by_edits = model
            .chars
            .iter()
            .filter(|&&(_, identity)| identity <= self.last_identity)
            .count();
        let aligned = longest_common_subsequence(&self.chars[..first], &new[..start])
            + (end - start)
            + longest_common_subsequence(&self.chars[last + 1..], &new[end..]);
        aligned >= kept_by_edits
    }
}

fn longest_common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    for &x in a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            row[j + 1] = if x == y {
                previous[j] + 1
            } else {
                row[j].max(previous[j + 1])
            };
        }
        previous = row;
    }
    previous[b.len()]
}

fn check(
    set: &AnnotationSet,
    model: &mut Model,
    before_rewrite: Option<&BeforeRewrite>,
) -> Result<(), TestCaseError> {
    let text = model.text();
    prop_assert_eq!(set.text(), text.as_str());
    prop_assert_eq!(set.len(), model.spans.len(), "an annotation was lost");
    for index in 0..model.spans.len() {
        let span = model.spans[index].clone();
        let annotation = set.get(&span.id);
        prop_assert!(annotation.is_some(), "{} was lost", span.id);
        let annotation = annotation.unwrap();
        if annotation.anchor != AnchorState::Anchored {
            REPORTED.fetch_add(1, Ordering::Relaxed);
            continue; // reported to the person
        }
        VERIFIED.fetch_add(1, Ordering::Relaxed);
        let expected = model.expected(&span);
        if expected.as_ref() == Some(&annotation.fragments) {
            continue;
        }
        // Only re-anchoring may place an annotation other than the model does, and only where
        // an equally good reading of the rewrite puts its text.
        let cover = annotation.covering_range().unwrap();
        let (start, end) = (
            text[..cover.start].chars().count(),
            text[..cover.end].chars().count(),
        );
        let accepted =
            before_rewrite.is_some_and(|b| b.placement_is_a_reading(model, index, start, end));
        prop_assert!(
            accepted,
            "{} silently moved: anchored on {:?} at {:?}; the model says {:?}",
            span.id,
            &text[cover.clone()],
            annotation.fragments,
            expected
        );
        model.follow(index, &annotation.fragments, &text);
        model.spans[index].lost = false;
    }
    Ok(())
}

fn run_case(words: Vec<&str>, marks: Vec<u8>, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let text = words.join(" ");
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("article.ann");
    let mut set = load(&path, &text).unwrap();
    let mut model = Model::new(&text);

    let mut word_starts = Vec::new();
    let mut offset = 0;
    for w in &words {
        word_starts.push(offset..offset + w.len());
        offset += w.len() + 1;
    }
    let mut used = vec![false; words.len()];
    for i in 0..words.len() {
        let fragments = match marks[i] {
            1 if !used[i] => vec![i],
            2 if i + 2 < words.len() && !used[i] && !used[i + 2] => vec![i, i + 2],
            _ => continue,
        };
        let ranges: Vec<ByteRange> = fragments.iter().map(|&w| word_starts[w].clone()).collect();
        let id = set.add_fragments(&ranges, "PER", Status::Added).unwrap();
        let model_fragments = ranges
            .iter()
            .map(|r| {
                let first = text[..r.start].chars().count();
                let last = text[..r.end].chars().count() - 1;
                (model.chars[first].1, model.chars[last].1)
            })
            .collect();
        for w in fragments {
            used[w] = true;
        }
        model.spans.push(ModelSpan {
            id,
            fragments: model_fragments,
            lost: false,
        });
    }
    check(&set, &mut model, None)?;

    for op in ops {
        OPERATIONS.fetch_add(1, Ordering::Relaxed);
        let mut before_rewrite = None;
        match op {
            Op::Edit(Edit { at, delete, insert }) => {
                let (start, end) = char_range_of(&model, at, delete);
                editor_edit(&mut set, &mut model, start, end, &insert)?;
            }
            Op::NearSpan {
                span,
                at_end,
                offset,
                delete,
                insert,
            } => {
                if model.spans.is_empty() {
                    continue;
                }
                let target = &model.spans[span.index(model.spans.len())];
                let annotation = set.get(&target.id).unwrap();
                let Some(cover) = annotation.covering_range() else {
                    continue;
                };
                let text = set.text();
                let edge = if at_end { cover.end } else { cover.start };
                let edge = text[..edge].chars().count() as i64;
                let len = model.chars.len() as i64;
                let start = (edge + i64::from(offset)).clamp(0, len) as usize;
                let end = (start + delete).min(model.chars.len());
                editor_edit(&mut set, &mut model, start, end, &insert)?;
            }
            Op::Save => {
                set.save().unwrap();
                let reloaded = load(&path, &model.text());
                prop_assert!(reloaded.is_ok(), "reload failed: {:?}", reloaded.err());
                let reloaded = reloaded.unwrap();
                prop_assert_eq!(&reloaded, &set);
                set = reloaded;
            }
            Op::Confirm(which) => {
                // A person works through the annotations needing a look.
                let changed: Vec<usize> = (0..model.spans.len())
                    .filter(|&i| {
                        set.get(&model.spans[i].id).unwrap().anchor == AnchorState::Changed
                    })
                    .collect();
                if changed.is_empty() {
                    continue;
                }
                let index = changed[which.index(changed.len())];
                let id = model.spans[index].id.clone();
                let before = set.get(&id).unwrap();
                let confirmed = set.confirm(&id);
                prop_assert!(confirmed.is_ok(), "{:?}", confirmed.err());
                prop_assert!(before.fragments.iter().all(|f| !f.is_empty()));
                // From now on the person's placement is the truth.
                let text = model.text();
                model.follow(index, &before.fragments, &text);
                model.spans[index].lost = false;
            }
            Op::Rewrite(edits) => {
                before_rewrite = Some(BeforeRewrite::take(&model));
                for Edit { at, delete, insert } in edits {
                    EDITS.fetch_add(1, Ordering::Relaxed);
                    let (start, end) = char_range_of(&model, at, delete);
                    model.edit(start, end, &insert);
                }
                reanchor(&mut set, &model.text());
            }
        }
        check(&set, &mut model, before_rewrite.as_ref())?;
    }
    Ok(())
}

fn editor_edit(
    set: &mut AnnotationSet,
    model: &mut Model,
    start: usize,
    end: usize,
    insert: &str,
) -> Result<(), TestCaseError> {
    EDITS.fetch_add(1, Ordering::Relaxed);
    let bytes = model.byte_of(start)..model.byte_of(end);
    model.edit(start, end, insert);
    let applied = apply_edit(set, bytes, insert);
    prop_assert!(applied.is_ok(), "{:?}", applied.err());
    Ok(())
}

#[test]
fn annotations_follow_their_text_through_edits_saves_and_rewrites() {
    // 256 by default; PROPTEST_CASES=4096 for a longer hunt.
    let cases: u32 = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    // CI runs a fixed sequence of cases so that its verdict is repeatable; set
    // PROPTEST_RNG_SEED (any number, or "random" style hunts with a new seed each run) to
    // explore other sequences. A rare failure was seen once in random runs and not yet
    // reproduced in 4,096 more cases.
    let rng_seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(_) => Config::default().rng_seed,
        Err(_) => proptest::test_runner::RngSeed::Fixed(20_261_122),
    };
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed,
        ..Config::default()
    });
    let strategy = (article(), prop::collection::vec(op(), 1..=50));
    let result = runner.run(&strategy, |((words, marks), ops)| {
        run_case(words, marks, ops)
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let operations = OPERATIONS.load(Ordering::Relaxed);
    let edits = EDITS.load(Ordering::Relaxed);
    let (verified, reported) = (
        VERIFIED.load(Ordering::Relaxed),
        REPORTED.load(Ordering::Relaxed),
    );
    eprintln!(
        "anchoring property test: {cases} cases, {operations} operations ({edits} edits); \
         annotation checks: {verified} anchored and on the model's text, {reported} reported"
    );
    // Shrinking can add runs, never remove them: at least one operation per case ran.
    assert!(operations >= cases as usize);
    // A test where every annotation ends up reported would prove nothing about anchoring.
    assert!(
        3 * verified > verified + reported,
        "{verified} verified, {reported} reported"
    );
}
