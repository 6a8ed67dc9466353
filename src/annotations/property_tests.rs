//! Property test of anchoring: random sequences of edits in the editor, saves (write and
//! reload) and rewrites outside the editor, checked against a reference model.
//!
//! The model gives every character an identity. An annotation's fragment is its first and last
//! character; while both exist, the fragment's text is everything between them. After every
//! step each annotation must still be in the set and either cover exactly what the model says
//! or be reported (`Changed`, `Mismatch` or `Orphaned`). Once the model has lost a fragment's
//! first or last character, only a report is acceptable.

use super::store::span_text;
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

fn check(set: &AnnotationSet, model: &mut Model, after_rewrite: bool) -> Result<(), TestCaseError> {
    let text = model.text();
    prop_assert_eq!(set.text(), text.as_str());
    prop_assert_eq!(set.len(), model.spans.len(), "an annotation was lost");
    for index in 0..model.spans.len() {
        let span = model.spans[index].clone();
        let annotation = set.get(&span.id);
        prop_assert!(annotation.is_some(), "{} was lost", span.id);
        let annotation = annotation.unwrap();
        if annotation.anchor != AnchorState::Anchored {
            continue; // reported to the person
        }
        let expected = model.expected(&span);
        prop_assert!(
            expected.is_some(),
            "{} claims to be anchored on {:?} but its text was destroyed",
            span.id,
            span_text(&text, &annotation.fragments)
        );
        let expected = expected.unwrap();
        if annotation.fragments == expected {
            continue;
        }
        let (got, want) = (
            span_text(&text, &annotation.fragments),
            span_text(&text, &expected),
        );
        prop_assert!(
            after_rewrite && got == want,
            "{} silently moved: covers {:?} at {:?}, the model says {:?} at {:?}",
            span.id,
            got,
            annotation.fragments,
            want,
            expected
        );
        model.follow(index, &annotation.fragments, &text);
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
        let id = set.add_span(&ranges, "PER", Status::Added).unwrap();
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
    check(&set, &mut model, false)?;

    for op in ops {
        OPERATIONS.fetch_add(1, Ordering::Relaxed);
        let mut after_rewrite = false;
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
            Op::Rewrite(edits) => {
                for Edit { at, delete, insert } in edits {
                    EDITS.fetch_add(1, Ordering::Relaxed);
                    let (start, end) = char_range_of(&model, at, delete);
                    model.edit(start, end, &insert);
                }
                reanchor(&mut set, &model.text());
                after_rewrite = true;
            }
        }
        check(&set, &mut model, after_rewrite)?;
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
    const CASES: u32 = 256;
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
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
    eprintln!("anchoring property test: {CASES} cases, {operations} operations, {edits} edits");
    // Shrinking can add runs, never remove them: at least one operation per case ran.
    assert!(operations >= CASES as usize);
}
