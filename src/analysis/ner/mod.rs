//! Statistical named-entity tagger for German news: a linear-chain averaged perceptron over
//! hashed word, affix, shape, window and gazetteer features, decoded with Viterbi under IOB2
//! constraints. Trained on GermEval 2014 (`examples/train_ner.rs`); the weights ship in
//! `data/model/ner-de.bin` and are embedded in the binary.

pub mod features;
pub mod labels;
pub mod model;
pub mod train;
pub mod word_cache;

use crate::analysis::gazetteer::Gazetteer;
use crate::analysis::model::{ByteRange, EntityKind};
use crate::text::tokens::{Sentence, Token};
use features::{
    ClassLookup, FeatureExtractor, SentenceFeatures, sentence_start_features, window_features,
};
use labels::{LABEL_COUNT, Label};
use model::{Model, Probes, Scores, WeightSums};
use std::sync::OnceLock;
use word_cache::{BOUNDARY_ID, WordCache};

/// A name the tagger found.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSpan {
    pub range: ByteRange,
    /// Person, Organisation, Location or Misc (never Role: roles come from rules).
    pub kind: EntityKind,
    /// A word derived from a name ("russischen", "Kiewer"): link it to the name, never export it.
    pub derived: bool,
    /// The model's confidence in the span's labels, in 0..=1 (mean per-token probability).
    pub score: f32,
}

pub struct Tagger {
    model: Model,
}

static EMBEDDED_MODEL: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/model/ner-de.bin"
));

/// Reusable buffers for tagging one sentence after another without allocating.
#[derive(Default)]
pub struct Scratch {
    extractor: FeatureExtractor,
    features: SentenceFeatures,
    probes: Probes,
    emissions: Vec<Scores>,
    lattice: Vec<Scores>,
    labels: Vec<Label>,
    single_word_sums: Vec<WeightSums>,
}

/// Gazetteer word classes as feature input: one bit per class (country, first name, ...).
pub fn gazetteer_classes(word: &str) -> u32 {
    Gazetteer::embedded().word_classes(word).bits()
}

/// The class lookup a model expects: models trained with gazetteer features get it.
fn gazetteer_lookup(model: &Model) -> Option<ClassLookup<'static>> {
    model.uses_gazetteer().then_some(&gazetteer_classes)
}

/// Below this many tokens per thread, starting a thread costs more than it saves.
const TOKENS_PER_THREAD: usize = 2_500;

/// How many threads to tag an article with: one per core, each with enough to do.
fn parallel_runs(tokens: usize, sentences: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    cores.min(tokens / TOKENS_PER_THREAD).min(sentences).max(1)
}

impl Tagger {
    /// The model shipped with Dossier, deserialised on first use.
    pub fn embedded() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_bytes(EMBEDDED_MODEL).expect("the embedded NER model is valid")
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> anyhow::Result<Tagger> {
        Ok(Tagger {
            model: Model::from_bytes(bytes)?,
        })
    }

    pub fn from_model(model: Model) -> Tagger {
        Tagger { model }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags every sentence and returns the names found, in text order. A long article is cut
    /// into runs of whole sentences tagged on separate threads: sentences are tagged
    /// independently, so the result is the same as in one run.
    pub fn tag(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<TaggedSpan> {
        let runs = parallel_runs(tokens.len(), sentences.len());
        self.tag_in_runs(text, tokens, sentences, runs)
    }

    fn tag_in_runs(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        runs: usize,
    ) -> Vec<TaggedSpan> {
        if runs <= 1 {
            return self.tag_sentences(text, tokens, sentences);
        }
        let per_run = tokens.len().div_ceil(runs);
        let mut cuts = vec![0];
        let mut next_cut = per_run;
        for (i, sentence) in sentences.iter().enumerate() {
            if sentence.tokens.start >= next_cut {
                cuts.push(i);
                next_cut += per_run;
            }
        }
        cuts.push(sentences.len());
        std::thread::scope(|scope| {
            let handles: Vec<_> = cuts
                .windows(2)
                .skip(1)
                .map(|run| {
                    let run = &sentences[run[0]..run[1]];
                    scope.spawn(move || self.tag_sentences(text, tokens, run))
                })
                .collect();
            let mut spans = self.tag_sentences(text, tokens, &sentences[..cuts[1]]);
            for handle in handles {
                spans.extend(handle.join().expect("a tagging thread does not panic"));
            }
            spans
        })
    }

    fn tag_sentences(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
    ) -> Vec<TaggedSpan> {
        let mut scratch = Scratch::default();
        let mut words = WordCache::new();
        let lookup = gazetteer_lookup(&self.model);
        let Some(first) = sentences.first() else {
            return Vec::new();
        };
        let run_tokens = &tokens[first.tokens.start..sentences[sentences.len() - 1].tokens.end];
        let ids: Vec<u32> = run_tokens
            .iter()
            .map(|t| words.id(lookup, &text[t.range.clone()]))
            .collect();
        words.sum_new_words(&self.model, &mut scratch.probes);
        let mut spans = Vec::new();
        for sentence in sentences {
            let sentence_tokens = &tokens[sentence.tokens.clone()];
            let sentence_ids = &ids[sentence.tokens.start - first.tokens.start
                ..sentence.tokens.end - first.tokens.start];
            self.tag_word_ids(sentence_ids, &words, &mut scratch);
            for span in labels::spans(&scratch.labels) {
                spans.push(TaggedSpan {
                    range: sentence_tokens[span.tokens.start].range.start
                        ..sentence_tokens[span.tokens.end - 1].range.end,
                    kind: span.kind,
                    derived: span.derived,
                    score: self.confidence(&scratch, span.tokens),
                });
            }
        }
        spans
    }

    /// Labels one sentence given as word ids like [`Tagger::tag_words`] does, with the
    /// single-word features already summed in `words`; the result is in `scratch.labels()`.
    fn tag_word_ids(&self, ids: &[u32], words: &WordCache, scratch: &mut Scratch) {
        let features = &mut scratch.features;
        features.hashes.clear();
        features.offsets.clear();
        features.offsets.push(0);
        scratch.single_word_sums.clear();
        let atoms = |j: isize| {
            let id = if j < 0 || j as usize >= ids.len() {
                BOUNDARY_ID
            } else {
                ids[j as usize]
            };
            &words.word(id).atoms
        };
        for i in 0..ids.len() {
            let at = i as isize;
            window_features(
                atoms(at - 2),
                atoms(at - 1),
                atoms(at),
                atoms(at + 1),
                &mut features.hashes,
            );
            if i == 0 {
                sentence_start_features(atoms(at), &mut features.hashes);
            }
            features.offsets.push(features.hashes.len());
            scratch
                .single_word_sums
                .push(words.single_word_sums(ids, i));
        }
        self.model.emissions_from(
            &scratch.single_word_sums,
            &scratch.features,
            &mut scratch.probes,
            &mut scratch.emissions,
        );
        model::viterbi(
            &scratch.emissions,
            &self.model.transitions,
            &mut scratch.lattice,
            &mut scratch.labels,
        );
    }

    /// Labels one sentence's words from all their features (no cache; what training
    /// evaluation uses); the result is in `scratch.labels()`.
    pub fn tag_words<'w>(
        &self,
        words: impl ExactSizeIterator<Item = &'w str>,
        scratch: &mut Scratch,
    ) {
        scratch
            .extractor
            .extract(words, gazetteer_lookup(&self.model), &mut scratch.features);
        self.model.emissions(
            &scratch.features,
            &mut scratch.probes,
            &mut scratch.emissions,
        );
        model::viterbi(
            &scratch.emissions,
            &self.model.transitions,
            &mut scratch.lattice,
            &mut scratch.labels,
        );
    }

    /// Mean over the span's tokens of the probability (softmax of the local score) of the
    /// chosen label given the previous chosen label. Perceptron scores are not calibrated:
    /// read it as a ranking, not as a probability.
    fn confidence(&self, scratch: &Scratch, tokens: std::ops::Range<usize>) -> f32 {
        let allowed = model::allowed_transitions();
        let mut total = 0.0;
        for i in tokens.clone() {
            let previous = if i == 0 {
                LABEL_COUNT
            } else {
                scratch.labels[i - 1].index()
            };
            let transitions = &self.model.transitions[previous];
            // Only the labels IOB2 allows after the previous one compete.
            let local: Scores = std::array::from_fn(|l| {
                if allowed[previous][l] {
                    scratch.emissions[i][l] + transitions[l]
                } else {
                    f32::NEG_INFINITY
                }
            });
            let max = local.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let sum: f32 = local.iter().map(|s| (s - max).exp()).sum();
            total += (local[scratch.labels[i].index()] - max).exp() / sum;
        }
        total / tokens.len() as f32
    }
}

impl Scratch {
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::{split_sentences, tokenize};

    fn tag(text: &str) -> Vec<(&str, &'static str, bool)> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        Tagger::embedded()
            .tag(text, &tokens, &sentences)
            .into_iter()
            .map(|span| (&text[span.range], span.kind.label(), span.derived))
            .collect()
    }

    #[test]
    fn embedded_model_finds_people_places_and_derived_words() {
        let found = tag(
            "Die USA entsenden ihren Außenminister Marco Rubio. Er traf den russischen Präsidenten Wladimir Putin in Paris.",
        );
        assert_eq!(
            found,
            [
                ("USA", "LOC", false),
                ("Marco Rubio", "PER", false),
                ("russischen", "LOC", true),
                ("Wladimir Putin", "PER", false),
                ("Paris", "LOC", false),
            ]
        );
    }

    #[test]
    fn cached_word_sums_give_the_same_scores_as_all_features() {
        let text = include_str!("../../../seeds/000_d6396046d8ded179.txt");
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let tagger = Tagger::embedded();
        let mut cached = Scratch::default();
        let mut plain = Scratch::default();
        let mut words = WordCache::new();
        let lookup = gazetteer_lookup(tagger.model());
        for sentence in &sentences {
            let sentence_words = || {
                tokens[sentence.tokens.clone()]
                    .iter()
                    .map(|t| &text[t.range.clone()])
            };
            let ids: Vec<u32> = sentence_words().map(|w| words.id(lookup, w)).collect();
            words.sum_new_words(tagger.model(), &mut cached.probes);
            tagger.tag_word_ids(&ids, &words, &mut cached);
            tagger.tag_words(sentence_words(), &mut plain);
            assert_eq!(cached.emissions, plain.emissions);
            assert_eq!(cached.labels, plain.labels);
        }
        assert!(words.distinct_words() > 150, "{}", words.distinct_words());
        assert!(words.distinct_words() < tokens.len());
    }

    #[test]
    fn a_long_article_tagged_on_threads_gives_what_one_run_gives() {
        let seed = include_str!("../../../seeds/001_2779e59d105fe22f.txt");
        let text = [seed; 16].join("\n\n");
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        let tagger = Tagger::embedded();
        let one_run = tagger.tag_sentences(&text, &tokens, &sentences);
        assert_eq!(tagger.tag(&text, &tokens, &sentences), one_run);
        assert_eq!(tagger.tag_in_runs(&text, &tokens, &sentences, 3), one_run);
        assert!(one_run.len() > 16 * 20, "{}", one_run.len());
    }

    #[test]
    fn spans_carry_byte_ranges_and_scores() {
        let text = "In Kiew sprach Präsident Wolodymyr Selenskyj.";
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let spans = Tagger::embedded().tag(text, &tokens, &sentences);
        assert_eq!(spans.len(), 2, "{spans:?}");
        assert_eq!(spans[0].range, 3..7);
        assert_eq!(spans[1].kind, EntityKind::Person);
        assert_eq!(&text[spans[1].range.clone()], "Wolodymyr Selenskyj");
        assert!(spans.iter().all(|s| (0.0..=1.0).contains(&s.score)));
        assert!(Tagger::embedded().model().uses_gazetteer());
    }
}
