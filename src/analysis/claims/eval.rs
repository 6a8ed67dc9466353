//! Scoring claims against gold attributions (brat files with `Message` and `Source` spans, as
//! the SpkAtt data converted by `scripts/spkatt_to_brat.py` carries them).
//!
//! A predicted claim matches a gold attribution when its range overlaps the gold message and
//! its speaker overlaps the gold source (for a gold attribution without a source: when the
//! claim has no speaker either). Each gold attribution and each claim is matched at most once.
//! Numeric claims are facts, not attributions, and are not scored.

use crate::analysis::model::{ByteRange, Claim, ClaimKind};
use std::collections::HashMap;
use std::fmt;

/// The form of an attribution, as scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttributionForm {
    Direct,
    Indirect,
    Reported,
    /// Free indirect speech and other forms no claim kind stands for (vague claims count here).
    Other,
}

impl AttributionForm {
    pub const ALL: [AttributionForm; 4] = [
        AttributionForm::Direct,
        AttributionForm::Indirect,
        AttributionForm::Reported,
        AttributionForm::Other,
    ];

    /// The SpkAtt form label.
    pub fn from_label(label: &str) -> AttributionForm {
        match label {
            "Direct" => AttributionForm::Direct,
            "Indirect" => AttributionForm::Indirect,
            "Reported" => AttributionForm::Reported,
            _ => AttributionForm::Other,
        }
    }

    pub fn of_claim(kind: ClaimKind) -> Option<AttributionForm> {
        match kind {
            ClaimKind::Quote => Some(AttributionForm::Direct),
            ClaimKind::Indirect => Some(AttributionForm::Indirect),
            ClaimKind::Reported => Some(AttributionForm::Reported),
            ClaimKind::Vague => Some(AttributionForm::Other),
            ClaimKind::Numeric => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AttributionForm::Direct => "direct",
            AttributionForm::Indirect => "indirect",
            AttributionForm::Reported => "reported",
            AttributionForm::Other => "other",
        }
    }
}

/// One gold attribution; spans are byte ranges (fragments of a discontinuous span).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldAttribution {
    pub message: Vec<ByteRange>,
    pub source: Vec<ByteRange>,
    pub form: AttributionForm,
}

/// Reads the gold attributions of a brat `.ann` file whose offsets are code points into `text`:
/// `Message` and `Source` T lines, `R` lines `Source Arg1:<message> Arg2:<source>` and `A`
/// lines `Form <message> <form>`.
pub fn read_gold(ann: &str, text: &str) -> Vec<GoldAttribution> {
    let byte_of = code_point_to_byte(text);
    let mut spans: HashMap<&str, (&str, Vec<ByteRange>)> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut sources: HashMap<&str, &str> = HashMap::new();
    let mut forms: HashMap<&str, &str> = HashMap::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((label, locations)) = body.split_once(' ') else {
                continue;
            };
            let fragments = locations
                .split(';')
                .filter_map(|fragment| {
                    let (start, end) = fragment.trim().split_once(' ')?;
                    Some(byte_of(start.parse().ok()?)?..byte_of(end.parse().ok()?)?)
                })
                .collect();
            spans.insert(id, (label, fragments));
            if label == "Message" {
                order.push(id);
            }
        } else if id.starts_with('R') {
            let parts: Vec<&str> = body.split_whitespace().collect();
            if let [kind, arg1, arg2] = parts[..] {
                if kind == "Source" {
                    if let (Some(message), Some(source)) =
                        (arg1.strip_prefix("Arg1:"), arg2.strip_prefix("Arg2:"))
                    {
                        sources.insert(message, source);
                    }
                }
            }
        } else if id.starts_with('A') {
            let parts: Vec<&str> = body.split_whitespace().collect();
            if let ["Form", message, form] = parts[..] {
                forms.insert(message, form);
            }
        }
    }
    order
        .into_iter()
        .map(|id| GoldAttribution {
            message: spans[id].1.clone(),
            source: sources
                .get(id)
                .and_then(|s| spans.get(s))
                .map(|(_, f)| f.clone())
                .unwrap_or_default(),
            form: AttributionForm::from_label(forms.get(id).copied().unwrap_or("")),
        })
        .collect()
}

/// Maps a code-point offset to a byte offset in `text` (the end offset included).
fn code_point_to_byte(text: &str) -> impl Fn(usize) -> Option<usize> + '_ {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    move |cp| boundaries.get(cp).copied()
}

/// Counts for one form (or all): matched predictions of all predictions, matched gold of all gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub predicted: usize,
    pub predicted_matched: usize,
    pub gold: usize,
    pub gold_matched: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_matched, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.gold_matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Counts) {
        self.predicted += other.predicted;
        self.predicted_matched += other.predicted_matched;
        self.gold += other.gold;
        self.gold_matched += other.gold_matched;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Attribution scores overall and by form; add documents up with [`Scores::add`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub overall: Counts,
    pub by_form: [Counts; 4],
}

impl Scores {
    pub fn form(&self, form: AttributionForm) -> &Counts {
        &self.by_form[form as usize]
    }

    pub fn add(&mut self, other: &Scores) {
        self.overall.add(&other.overall);
        for (mine, theirs) in self.by_form.iter_mut().zip(&other.by_form) {
            mine.add(theirs);
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:>6} {:>6} {:>6} {:>8} {:>8}",
            "form", "P", "R", "F1", "pred", "gold"
        )?;
        let rows = std::iter::once(("overall", &self.overall)).chain(
            AttributionForm::ALL
                .iter()
                .map(|&form| (form.label(), self.form(form))),
        );
        for (label, counts) in rows {
            writeln!(
                f,
                "{:<10} {:>6.3} {:>6.3} {:>6.3} {:>8} {:>8}",
                label,
                counts.precision(),
                counts.recall(),
                counts.f1(),
                counts.predicted,
                counts.gold
            )?;
        }
        Ok(())
    }
}

fn overlaps(a: &ByteRange, b: &ByteRange) -> bool {
    a.start < b.end && b.start < a.end
}

fn matches(claim: &Claim, gold: &GoldAttribution) -> bool {
    if !gold.message.iter().any(|m| overlaps(&claim.range, m)) {
        return false;
    }
    match &claim.speaker {
        Some(speaker) => gold.source.iter().any(|s| overlaps(speaker, s)),
        None => gold.source.is_empty(),
    }
}

/// Scores one document's claims against its gold attributions.
pub fn score_claims(claims: &[Claim], gold: &[GoldAttribution]) -> Scores {
    let scored: Vec<(&Claim, AttributionForm)> = claims
        .iter()
        .filter_map(|c| AttributionForm::of_claim(c.kind).map(|f| (c, f)))
        .collect();
    let mut claim_matched = vec![false; scored.len()];
    let mut scores = Scores::default();
    for attribution in gold {
        let found =
            (0..scored.len()).find(|&c| !claim_matched[c] && matches(scored[c].0, attribution));
        let counts = &mut scores.by_form[attribution.form as usize];
        counts.gold += 1;
        scores.overall.gold += 1;
        if let Some(c) = found {
            claim_matched[c] = true;
            counts.gold_matched += 1;
            scores.overall.gold_matched += 1;
        }
    }
    for (c, &(_, form)) in scored.iter().enumerate() {
        let counts = &mut scores.by_form[form as usize];
        counts.predicted += 1;
        scores.overall.predicted += 1;
        if claim_matched[c] {
            counts.predicted_matched += 1;
            scores.overall.predicted_matched += 1;
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(start: usize, end: usize) -> Vec<ByteRange> {
        std::iter::once(start..end).collect()
    }

    fn claim(kind: ClaimKind, range: ByteRange, speaker: Option<ByteRange>) -> Claim {
        Claim {
            id: String::new(),
            kind,
            range,
            cue: None,
            speaker,
            speaker_entity: None,
            figures: Vec::new(),
        }
    }

    #[test]
    fn reads_brat_gold_with_code_point_offsets() {
        let text = "Über „Öl“ sagte Müller etwas.";
        let ann = "T1\tMessage 5 9\t„Öl“\nT2\tSource 16 22\tMüller\nR1\tSource Arg1:T1 Arg2:T2\nA1\tForm T1 Direct\n";
        let gold = read_gold(ann, text);
        assert_eq!(gold.len(), 1);
        assert_eq!(&text[gold[0].message[0].clone()], "„Öl“");
        assert_eq!(&text[gold[0].source[0].clone()], "Müller");
        assert_eq!(gold[0].form, AttributionForm::Direct);
    }

    #[test]
    fn a_match_needs_message_and_speaker_overlap() {
        let gold = vec![
            GoldAttribution {
                message: spans(0, 10),
                source: spans(20, 25),
                form: AttributionForm::Indirect,
            },
            GoldAttribution {
                message: spans(30, 40),
                source: spans(50, 55),
                form: AttributionForm::Direct,
            },
        ];
        let claims = vec![
            claim(ClaimKind::Indirect, 2..8, Some(21..23)),
            // Right message, wrong speaker.
            claim(ClaimKind::Quote, 30..40, Some(60..65)),
            claim(ClaimKind::Numeric, 30..40, None),
        ];
        let scores = score_claims(&claims, &gold);
        assert_eq!(
            scores.overall,
            Counts {
                predicted: 2,
                predicted_matched: 1,
                gold: 2,
                gold_matched: 1
            }
        );
        assert_eq!(scores.form(AttributionForm::Indirect).f1(), 1.0);
        assert_eq!(scores.form(AttributionForm::Direct).recall(), 0.0);
        assert!((scores.overall.f1() - 0.5).abs() < 1e-9);
    }
}
