//! The tagger's label set: IOB2 over PER, ORG, LOC, MISC, each plain or derived
//! ("russischen" is B-LOC derived). GermEval's `part` labels ("Ukraine-Konflikt") are read as O:
//! such words are never exported as names, and treating them as O keeps the label set small.

use crate::analysis::model::EntityKind;

/// The four name types the tagger knows, in label order.
pub const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organisation,
    EntityKind::Location,
    EntityKind::Misc,
];

/// O, then B and I for every (kind, derived) pair.
pub const LABEL_COUNT: usize = 1 + KINDS.len() * 2 * 2;

/// A label index in `0..LABEL_COUNT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label(pub u8);

impl Label {
    pub const OUTSIDE: Label = Label(0);

    pub fn new(begin: bool, kind_index: usize, derived: bool) -> Label {
        let base = 1 + (kind_index * 2 + usize::from(derived)) * 2;
        Label((base + usize::from(!begin)) as u8)
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// `(begin, kind index, derived)`, or `None` for O.
    pub fn parts(self) -> Option<(bool, usize, bool)> {
        let i = self.index().checked_sub(1)?;
        Some((i % 2 == 0, i / 4, (i / 2) % 2 == 1))
    }

    pub fn kind(self) -> Option<EntityKind> {
        self.parts().map(|(_, kind, _)| KINDS[kind])
    }

    /// Whether `self` may follow `previous` in IOB2: an I label continues the same entity.
    pub fn may_follow(self, previous: Option<Label>) -> bool {
        match self.parts() {
            Some((false, kind, derived)) => {
                previous
                    .and_then(Label::parts)
                    .is_some_and(|(_, prev_kind, prev_derived)| {
                        prev_kind == kind && prev_derived == derived
                    })
            }
            _ => true,
        }
    }

    /// Reads a GermEval label such as "B-LOCderiv", "I-OTH", "B-ORGpart" or "O".
    pub fn from_germeval(label: &str) -> Label {
        let (begin, rest) = match label.split_once('-') {
            Some(("B", rest)) => (true, rest),
            Some(("I", rest)) => (false, rest),
            _ => return Label::OUTSIDE,
        };
        let (kind, derived) = if let Some(kind) = rest.strip_suffix("deriv") {
            (kind, true)
        } else if rest.ends_with("part") {
            return Label::OUTSIDE;
        } else {
            (rest, false)
        };
        match EntityKind::from_label(kind).and_then(|k| KINDS.iter().position(|&known| known == k))
        {
            Some(kind_index) => Label::new(begin, kind_index, derived),
            None => Label::OUTSIDE,
        }
    }

    /// The IOB2 text of the label, with a `deriv` suffix for derived words ("B-LOCderiv").
    pub fn name(self) -> String {
        match self.parts() {
            None => "O".to_string(),
            Some((begin, kind, derived)) => {
                format!(
                    "{}-{}{}",
                    if begin { "B" } else { "I" },
                    KINDS[kind].label(),
                    if derived { "deriv" } else { "" }
                )
            }
        }
    }
}

/// A span of tokens carrying one entity: `tokens` is a half-open token index range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LabelSpan {
    pub tokens: std::ops::Range<usize>,
    pub kind: EntityKind,
    pub derived: bool,
}

/// Turns a label sequence into spans. An I label that does not continue the previous entity
/// starts a new one, so no label is lost.
pub fn spans(labels: &[Label]) -> Vec<LabelSpan> {
    let mut spans: Vec<LabelSpan> = Vec::new();
    let mut open: Option<(usize, usize, bool)> = None; // (start, kind, derived)
    for (i, label) in labels.iter().enumerate() {
        let parts = label.parts();
        let continues =
            matches!((parts, open), (Some((false, k, d)), Some((_, ok, od))) if k == ok && d == od);
        if continues {
            continue;
        }
        if let Some((start, kind, derived)) = open.take() {
            spans.push(LabelSpan {
                tokens: start..i,
                kind: KINDS[kind],
                derived,
            });
        }
        if let Some((_, kind, derived)) = parts {
            open = Some((i, kind, derived));
        }
    }
    if let Some((start, kind, derived)) = open {
        spans.push(LabelSpan {
            tokens: start..labels.len(),
            kind: KINDS[kind],
            derived,
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn germeval_labels_round_trip() {
        for name in ["O", "B-PER", "I-ORG", "B-LOCderiv", "I-MISC"] {
            assert_eq!(Label::from_germeval(name).name(), name);
        }
        assert_eq!(Label::from_germeval("B-OTH").name(), "B-MISC");
        assert_eq!(Label::from_germeval("B-LOCpart"), Label::OUTSIDE);
        assert_eq!(
            Label::from_germeval("B-LOCderiv").kind(),
            Some(EntityKind::Location)
        );
        assert!(
            (0..LABEL_COUNT as u8).all(
                |i| Label(i).name() != "" && Label::from_germeval(&Label(i).name()) == Label(i)
            )
        );
    }

    #[test]
    fn inside_labels_only_continue_their_entity() {
        let b_per = Label::from_germeval("B-PER");
        let i_per = Label::from_germeval("I-PER");
        assert!(i_per.may_follow(Some(b_per)));
        assert!(!i_per.may_follow(Some(Label::from_germeval("B-PERderiv"))));
        assert!(!i_per.may_follow(None));
        assert!(b_per.may_follow(Some(Label::OUTSIDE)));
    }

    #[test]
    fn spans_from_labels() {
        let labels: Vec<Label> = [
            "B-PER",
            "I-PER",
            "O",
            "B-LOCderiv",
            "I-ORG",
            "B-LOC",
            "B-LOC",
        ]
        .iter()
        .map(|l| Label::from_germeval(l))
        .collect();
        let found = spans(&labels);
        assert_eq!(found.len(), 5);
        assert_eq!(
            found[0],
            LabelSpan {
                tokens: 0..2,
                kind: EntityKind::Person,
                derived: false
            }
        );
        assert_eq!(
            found[1],
            LabelSpan {
                tokens: 3..4,
                kind: EntityKind::Location,
                derived: true
            }
        );
        assert_eq!(
            found[2],
            LabelSpan {
                tokens: 4..5,
                kind: EntityKind::Organisation,
                derived: false
            }
        );
        assert_eq!(found[4].tokens, 6..7);
    }
}
