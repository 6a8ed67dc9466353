//! Training and evaluation: reads GermEval 2014, trains the averaged structured perceptron
//! deterministically, and scores exact-span precision/recall/F1 on held-out sentences.

use super::features::{ClassLookup, FeatureExtractor, SentenceFeatures};
use super::labels::{self, KINDS, LABEL_COUNT, Label, LabelSpan};
use super::model::{self, ModelData, Scores, Transitions};
use super::{Scratch, Tagger};
use crate::analysis::model::EntityKind;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A sentence with gold labels.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSentence {
    pub words: Vec<String>,
    pub labels: Vec<Label>,
}

/// Reads GermEval 2014 TSV: `index<TAB>token<TAB>outer<TAB>inner`, `#` comment lines, blank
/// lines between sentences. Only the outer label is used.
pub fn read_germeval(text: &str) -> Vec<TaggedSentence> {
    let mut sentences = Vec::new();
    let mut current = TaggedSentence {
        words: Vec::new(),
        labels: Vec::new(),
    };
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t');
        match (columns.next(), columns.next(), columns.next()) {
            (Some(_), Some(word), Some(outer)) if !word.is_empty() => {
                current.words.push(word.to_string());
                current.labels.push(Label::from_germeval(outer));
            }
            _ => {
                if !current.words.is_empty() {
                    sentences.push(std::mem::replace(
                        &mut current,
                        TaggedSentence {
                            words: Vec::new(),
                            labels: Vec::new(),
                        },
                    ));
                }
            }
        }
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    sentences
}

/// Splits off every `every`-th sentence (the last of each group) as held-out data that is
/// never trained on. Deterministic, and spreads the held-out part over all sources.
pub fn split_held_out(
    sentences: Vec<TaggedSentence>,
    every: usize,
) -> (Vec<TaggedSentence>, Vec<TaggedSentence>) {
    let mut train = Vec::new();
    let mut held_out = Vec::new();
    for (i, sentence) in sentences.into_iter().enumerate() {
        if i % every == every - 1 {
            held_out.push(sentence)
        } else {
            train.push(sentence)
        }
    }
    (train, held_out)
}

#[derive(Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Features seen fewer times in the training data are dropped. With only GermEval's dev
    /// and test files to train on, keeping singletons (1) scored better held out than 2 or 3.
    pub min_feature_count: u32,
    /// Seed of the shuffling between epochs.
    pub seed: u64,
    /// Word classes from the gazetteer, if the model should use them.
    pub classes: Option<ClassLookup<'static>>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            min_feature_count: 1,
            seed: 0x5EED_2014,
            classes: None,
        }
    }
}

/// SplitMix64: a tiny deterministic generator, enough for shuffling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Weights and their running sums for averaging: the averaged weight is `w - sum / step`
/// where every update at step `c` adds `c * delta` to `sum` (Daumé's trick).
struct Averaged {
    weights: Vec<Scores>,
    sums: Vec<Scores>,
    transitions: Transitions,
    transition_sums: Transitions,
    step: f32,
}

impl Averaged {
    fn update(&mut self, feature: u32, label: Label, delta: f32) {
        let f = feature as usize;
        self.weights[f][label.index()] += delta;
        self.sums[f][label.index()] += self.step * delta;
    }

    fn update_transition(&mut self, previous: usize, label: Label, delta: f32) {
        self.transitions[previous][label.index()] += delta;
        self.transition_sums[previous][label.index()] += self.step * delta;
    }

    fn averaged(&self, f: usize) -> Scores {
        std::array::from_fn(|l| self.weights[f][l] - self.sums[f][l] / self.step)
    }
}

/// Trains a model on `sentences`. `log` receives one line per epoch.
pub fn train(
    sentences: &[TaggedSentence],
    config: &TrainConfig,
    mut log: impl FnMut(String),
) -> ModelData {
    let mut extractor = FeatureExtractor::default();
    let mut features = SentenceFeatures::default();
    let all: Vec<SentenceFeatures> = sentences
        .iter()
        .map(|s| {
            extractor.extract(
                s.words.iter().map(String::as_str),
                config.classes,
                &mut features,
            );
            features.clone()
        })
        .collect();
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for f in &all {
        for &hash in &f.hashes {
            *counts.entry(hash).or_default() += 1;
        }
    }
    let mut hashes: Vec<u64> = counts
        .iter()
        .filter(|&(_, &c)| c >= config.min_feature_count)
        .map(|(&h, _)| h)
        .collect();
    // Most frequent first (see `ModelData::from_weights`), ties by hash for determinism.
    hashes.sort_unstable_by_key(|h| (std::cmp::Reverse(counts[h]), *h));
    let index: HashMap<u64, u32> = hashes
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    // Each sentence as, per token, the indices of its kept features.
    let indexed: Vec<Vec<Vec<u32>>> = all
        .iter()
        .map(|f| {
            (0..f.len())
                .map(|t| {
                    f.token(t)
                        .iter()
                        .filter_map(|h| index.get(h).copied())
                        .collect()
                })
                .collect()
        })
        .collect();
    drop(all);

    let mut state = Averaged {
        weights: vec![[0.0; LABEL_COUNT]; hashes.len()],
        sums: vec![[0.0; LABEL_COUNT]; hashes.len()],
        transitions: [[0.0; LABEL_COUNT]; LABEL_COUNT + 1],
        transition_sums: [[0.0; LABEL_COUNT]; LABEL_COUNT + 1],
        step: 1.0,
    };
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = SplitMix(config.seed);
    let mut emissions: Vec<Scores> = Vec::new();
    let mut lattice = Vec::new();
    let mut predicted = Vec::new();
    for epoch in 0..config.epochs {
        rng.shuffle(&mut order);
        let mut wrong_tokens = 0usize;
        let mut total_tokens = 0usize;
        for &s in &order {
            let gold = &sentences[s].labels;
            let tokens = &indexed[s];
            emissions.clear();
            emissions.extend(tokens.iter().map(|feats| {
                let mut sum = [0f32; LABEL_COUNT];
                for &f in feats {
                    for (s, w) in sum.iter_mut().zip(&state.weights[f as usize]) {
                        *s += w;
                    }
                }
                sum
            }));
            model::viterbi(
                &emissions,
                &model::permitted_transitions(&state.transitions),
                &mut lattice,
                &mut predicted,
            );
            total_tokens += gold.len();
            for i in 0..gold.len() {
                let previous_gold = if i == 0 {
                    LABEL_COUNT
                } else {
                    gold[i - 1].index()
                };
                let previous_predicted = if i == 0 {
                    LABEL_COUNT
                } else {
                    predicted[i - 1].index()
                };
                if gold[i] != predicted[i] {
                    wrong_tokens += 1;
                    for &f in &tokens[i] {
                        state.update(f, gold[i], 1.0);
                        state.update(f, predicted[i], -1.0);
                    }
                }
                if gold[i] != predicted[i] || previous_gold != previous_predicted {
                    state.update_transition(previous_gold, gold[i], 1.0);
                    state.update_transition(previous_predicted, predicted[i], -1.0);
                }
            }
            state.step += 1.0;
        }
        log(format!(
            "epoch {:>2}: {:.2}% training tokens mislabelled",
            epoch + 1,
            100.0 * wrong_tokens as f64 / total_tokens.max(1) as f64
        ));
    }
    let transitions: Transitions = std::array::from_fn(|p| {
        std::array::from_fn(|l| state.transitions[p][l] - state.transition_sums[p][l] / state.step)
    });
    let flags = if config.classes.is_some() {
        model::FLAG_GAZETTEER
    } else {
        0
    };
    ModelData::from_weights(
        hashes
            .iter()
            .enumerate()
            .map(|(i, &h)| (h, state.averaged(i))),
        &transitions,
        flags,
    )
}

/// True and false positives and false negatives of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Exact-span scores per (kind, derived) category.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub names: HashMap<EntityKind, Counts>,
    pub derived: HashMap<EntityKind, Counts>,
    pub sentences: usize,
}

impl Evaluation {
    /// Micro-averaged counts over the plain (non-derived) names of the given kinds.
    pub fn micro(&self, kinds: &[EntityKind]) -> Counts {
        let mut total = Counts::default();
        for kind in kinds {
            total.add(self.names.get(kind).copied().unwrap_or_default());
        }
        total
    }

    fn counts_mut(&mut self, span: &LabelSpan) -> &mut Counts {
        let table = if span.derived {
            &mut self.derived
        } else {
            &mut self.names
        };
        table.entry(span.kind).or_default()
    }

    pub fn derived_total(&self) -> Counts {
        let mut total = Counts::default();
        for counts in self.derived.values() {
            total.add(*counts);
        }
        total
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<22} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
            "category", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        let mut row = |name: &str, c: Counts| {
            writeln!(
                f,
                "{:<22} {:>9.4} {:>9.4} {:>9.4} {:>6} {:>6} {:>6}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.true_positives,
                c.false_positives,
                c.false_negatives
            )
        };
        for kind in KINDS {
            row(
                kind.label(),
                self.names.get(&kind).copied().unwrap_or_default(),
            )?;
        }
        row("micro PER/ORG/LOC", self.micro(&KINDS[..3]))?;
        row("micro PER/ORG/LOC/MISC", self.micro(&KINDS))?;
        row("derived (all kinds)", self.derived_total())
    }
}

/// Scores the tagger's spans against the gold spans, exact match of boundaries and type.
pub fn evaluate(tagger: &Tagger, sentences: &[TaggedSentence]) -> Evaluation {
    let mut scratch = Scratch::default();
    let mut evaluation = Evaluation {
        sentences: sentences.len(),
        ..Evaluation::default()
    };
    for sentence in sentences {
        tagger.tag_words(sentence.words.iter().map(String::as_str), &mut scratch);
        let gold: HashSet<LabelSpan> = labels::spans(&sentence.labels).into_iter().collect();
        let predicted: HashSet<LabelSpan> = labels::spans(scratch.labels()).into_iter().collect();
        for span in &predicted {
            let counts = evaluation.counts_mut(span);
            if gold.contains(span) {
                counts.true_positives += 1
            } else {
                counts.false_positives += 1
            }
        }
        for span in gold.difference(&predicted) {
            evaluation.counts_mut(span).false_negatives += 1;
        }
    }
    evaluation
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORPUS: &str = "#\tsource\n1\tAngela\tB-PER\tO\n2\tMerkel\tI-PER\tO\n3\treiste\tO\tO\n4\tnach\tO\tO\n5\tParis\tB-LOC\tO\n6\t.\tO\tO\n\n\
#\tsource\n1\tDie\tO\tO\n2\tdeutsche\tB-LOCderiv\tO\n3\tRegierung\tO\tO\n4\tin\tO\tO\n5\tBerlin\tB-LOC\tO\n6\tschwieg\tO\tO\n7\t.\tO\tO\n\n\
#\tsource\n1\tDer\tO\tO\n2\tUkraine-Konflikt\tB-LOCpart\tO\n3\tbeschäftigt\tO\tO\n4\tdie\tO\tO\n5\tUNO\tB-ORG\tO\n6\t.\tO\tO\n";

    #[test]
    fn reads_germeval() {
        let sentences = read_germeval(CORPUS);
        assert_eq!(sentences.len(), 3);
        assert_eq!(
            sentences[0].words,
            ["Angela", "Merkel", "reiste", "nach", "Paris", "."]
        );
        assert_eq!(sentences[1].labels[1].name(), "B-LOCderiv");
        assert_eq!(sentences[2].labels[1], Label::OUTSIDE);
        let (train, held_out) = split_held_out(sentences, 3);
        assert_eq!((train.len(), held_out.len()), (2, 1));
        assert_eq!(held_out[0].words[0], "Der");
    }

    #[test]
    fn learns_a_tiny_corpus_and_round_trips_through_bytes() {
        let sentences = read_germeval(CORPUS);
        let config = TrainConfig {
            epochs: 8,
            min_feature_count: 1,
            ..TrainConfig::default()
        };
        let data = train(&sentences, &config, |_| {});
        let bytes = data.to_bytes();
        assert_eq!(ModelData::from_bytes(&bytes).unwrap(), data);
        let tagger = Tagger::from_bytes(&bytes).unwrap();
        let evaluation = evaluate(&tagger, &sentences);
        let all = evaluation.micro(&KINDS);
        assert_eq!(all.true_positives, 4, "{evaluation}");
        assert_eq!(all.false_positives + all.false_negatives, 0, "{evaluation}");
        assert_eq!(evaluation.derived_total().true_positives, 1);
        // Same data, same seed: the same model.
        assert_eq!(train(&sentences, &config, |_| {}), data);
    }

    #[test]
    fn counts_score_exact_spans() {
        let c = Counts {
            true_positives: 3,
            false_positives: 1,
            false_negatives: 2,
        };
        assert_eq!(c.precision(), 0.75);
        assert_eq!(c.recall(), 0.6);
        assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
