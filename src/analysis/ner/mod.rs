//! Statistical named-entity tagger for German news: a linear-chain averaged perceptron over
//! hashed word, affix, shape, window and gazetteer features, decoded with Viterbi under IOB2
//! constraints. Trained on GermEval 2014 (`examples/train_ner.rs`); the weights ship in
//! `data/model/ner-de.bin` and are embedded in the binary.

pub mod features;
pub mod form_windows;
pub mod labels;
pub mod memo;
pub mod model;
pub mod sentence_ids;
pub mod train;
pub mod vocabulary;
pub mod word_cache;

use crate::analysis::gazetteer::Gazetteer;
use crate::analysis::model::{ByteRange, EntityKind};
use crate::text::tokens::{Sentence, Token};
use features::{
    ClassLookup, FeatureExtractor, SentenceFeatures, letter_window_features,
    sentence_start_features,
};
use form_windows::FormWindows;
use labels::{LABEL_COUNT, Label};
use memo::{SentenceMemo, SentenceName, SentenceNames};
use model::{Model, Probes, Scores, WeightSums};
use rayon::prelude::*;
use sentence_ids::{PaddedSentence, SentenceIds};
use std::sync::OnceLock;
use vocabulary::Vocabulary;
use word_cache::WordCache;

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
    memo: SentenceMemo,
    /// Summed on first use: training and evaluation never need it.
    vocabulary: OnceLock<Vocabulary>,
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
pub(crate) fn gazetteer_lookup(model: &Model) -> Option<ClassLookup<'static>> {
    model.uses_gazetteer().then_some(&gazetteer_classes)
}

/// The memo key of each sentence (see [`memo`]).
pub fn sentence_keys(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
) -> Vec<memo::SentenceKey> {
    sentences
        .iter()
        .map(|s| {
            SentenceMemo::key(
                tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| &text[t.range.clone()]),
            )
        })
        .collect()
}

/// Below this many tokens per run, handing a run to another core costs more than it saves.
const TOKENS_PER_THREAD: usize = 2_500;

/// How many of `total` tokens come before run `run` of `runs`: equal shares. In an
/// analysis the thread of the last run goes on to claim preparation and the first to linking
/// (see [`Tagger::tag_with_keys_then`]), which takes a little longer: so the thread that
/// prepares ends first and does not keep the other waiting (a waiting thread falls asleep, and
/// waking it took 40–100 µs on a virtual machine, stage timers).
fn run_start(total: usize, runs: usize, run: usize) -> usize {
    (total * run).div_ceil(runs)
}

/// Where each of `runs` runs of whole sentences starts (by [`run_start`]), and after the last
/// where the sentences end.
fn run_cuts(sentences: &[Sentence], runs: usize) -> Vec<usize> {
    let total: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let mut cuts = vec![0];
    let mut counted = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        if counted >= run_start(total, runs, cuts.len()) {
            cuts.push(i);
        }
        counted += sentence.tokens.len();
    }
    cuts.push(sentences.len());
    cuts
}

/// What the memo knew of an article's sentences and which it did not.
struct Pending {
    found: Vec<Option<SentenceNames>>,
    /// The indices of the sentences the memo did not know, and those sentences.
    missing: Vec<usize>,
    to_tag: Vec<Sentence>,
}

impl Pending {
    fn runs(&self) -> usize {
        let token_count = self.to_tag.iter().map(|s| s.tokens.len()).sum();
        parallel_runs(token_count, self.to_tag.len())
    }
}

/// Puts `None` in the slot if it is dropped while the thread unwinds from a panic with the
/// slot still empty, so that [`wait_helping`] returns.
struct FillOnUnwind<'s, T>(&'s OnceLock<Option<T>>);

impl<T> Drop for FillOnUnwind<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.set(None);
        }
    }
}

/// The value another thread of the pool puts in `slot`. Meanwhile this thread runs the pool's
/// pending work, so that it runs the job that fills the slot itself when no other thread took
/// it (every other thread busy), instead of waiting for ever.
fn wait_helping<T>(slot: &OnceLock<T>) -> &T {
    loop {
        if let Some(value) = slot.get() {
            return value;
        }
        if rayon::yield_now() != Some(rayon::Yield::Executed) {
            std::hint::spin_loop();
        }
    }
}

/// How many threads to tag an article with: one per thread of the pool (one per core), each
/// with enough to do. The pool knows its size; asking the system for the cores instead reads
/// cgroup files on Linux, some 30–80 µs on every analysis.
fn parallel_runs(tokens: usize, sentences: usize) -> usize {
    let threads = rayon::current_num_threads();
    threads
        .min(tokens / TOKENS_PER_THREAD)
        .min(sentences)
        .max(1)
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
        Ok(Tagger::from_model(Model::from_bytes(bytes)?))
    }

    pub fn from_model(model: Model) -> Tagger {
        Tagger {
            model,
            memo: SentenceMemo::default(),
            vocabulary: OnceLock::new(),
        }
    }

    fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary
            .get_or_init(|| Vocabulary::embedded(&self.model, gazetteer_lookup(&self.model)))
    }

    /// Forgets the sentences tagged so far (see [`memo`]): the next analysis starts cold.
    pub fn forget_sentences(&self) {
        self.memo.forget();
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags every sentence and returns the names found, in text order. Sentences tagged before
    /// (in any article) are not tagged again (see [`memo`]). A long article is cut into runs of
    /// whole sentences tagged on separate threads: sentences are tagged independently, so the
    /// result is the same as in one run.
    pub fn tag(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<TaggedSpan> {
        let keys = sentence_keys(text, tokens, sentences);
        self.tag_with_keys(text, tokens, sentences, &keys)
    }

    /// [`Tagger::tag`] with the sentences' memo keys worked out before ([`sentence_keys`]):
    /// the analysis of a long article hashes them beside tokenizing, part by part.
    pub fn tag_with_keys(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        keys: &[memo::SentenceKey],
    ) -> Vec<TaggedSpan> {
        let pending = self.recall(sentences, keys);
        let tagged = self.tag_in_runs(text, tokens, &pending.to_tag, pending.runs());
        self.spans(
            pending.found,
            &pending.missing,
            tagged,
            tokens,
            sentences,
            keys,
        )
    }

    /// [`Tagger::tag_with_keys`] whose names go to `then`, with `beside` run on a second core
    /// at the same time: on the thread of the last tagger run, as soon as that run is done.
    /// That thread goes on to `beside` without waiting for the other runs, and is not woken
    /// for it from sleep after them (waking a sleeping thread took 50–100 µs on a virtual
    /// machine, stage timers). Returns what `then` and `beside` return.
    pub fn tag_with_keys_then<T: Send, B: Send>(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        keys: &[memo::SentenceKey],
        then: impl FnOnce(Vec<TaggedSpan>) -> T + Send,
        beside: impl FnOnce() -> B + Send,
    ) -> (T, B) {
        let pending = self.recall(sentences, keys);
        let runs = pending.runs();
        let Pending {
            found,
            missing,
            to_tag,
        } = pending;
        if runs < 2 {
            let tagged = self.tag_in_runs(text, tokens, &to_tag, runs);
            let spans = self.spans(found, &missing, tagged, tokens, sentences, keys);
            return rayon::join(|| then(spans), beside);
        }
        let last_start = run_cuts(&to_tag, runs)[runs - 1];
        // `None` when the last run panicked: the waiting thread must not wait for ever (the
        // join passes the panic on).
        let last_run: OnceLock<Option<Vec<SentenceNames>>> = OnceLock::new();
        rayon::join(
            || {
                let mut tagged = self.tag_in_runs(text, tokens, &to_tag[..last_start], runs - 1);
                let last = wait_helping(&last_run).as_ref();
                tagged.extend(last.expect("the tagger's last run ended").iter().cloned());
                then(self.spans(found, &missing, tagged, tokens, sentences, keys))
            },
            || {
                let unwinding = FillOnUnwind(&last_run);
                let _ = last_run.set(Some(self.tag_sentences(
                    text,
                    tokens,
                    &to_tag[last_start..],
                )));
                drop(unwinding);
                beside()
            },
        )
    }

    /// The names the memo knows for `sentences`, and the sentences it does not know.
    fn recall(&self, sentences: &[Sentence], keys: &[memo::SentenceKey]) -> Pending {
        debug_assert_eq!(keys.len(), sentences.len());
        let found = self.memo.recall(keys);
        let missing: Vec<usize> = (0..sentences.len())
            .filter(|&i| found[i].is_none())
            .collect();
        let to_tag: Vec<Sentence> = missing.iter().map(|&i| sentences[i].clone()).collect();
        Pending {
            found,
            missing,
            to_tag,
        }
    }

    /// The spans of every sentence: the names the memo `found`, or for the `missing` sentences
    /// those `tagged` (which the memo keeps from now on).
    fn spans(
        &self,
        mut found: Vec<Option<SentenceNames>>,
        missing: &[usize],
        tagged: Vec<SentenceNames>,
        tokens: &[Token],
        sentences: &[Sentence],
        keys: &[memo::SentenceKey],
    ) -> Vec<TaggedSpan> {
        for (&i, names) in missing.iter().zip(&tagged) {
            found[i] = Some(names.clone());
        }
        self.memo.remember(
            missing
                .iter()
                .zip(tagged)
                .map(|(&i, names)| (keys[i], names)),
        );
        let mut spans = Vec::new();
        for (sentence, names) in sentences.iter().zip(found) {
            let sentence_tokens = &tokens[sentence.tokens.clone()];
            for name in names.iter().flat_map(|names| names.iter()) {
                spans.push(TaggedSpan {
                    range: sentence_tokens[name.span.tokens.start].range.start
                        ..sentence_tokens[name.span.tokens.end - 1].range.end,
                    kind: name.span.kind,
                    derived: name.span.derived,
                    score: name.score,
                });
            }
        }
        spans
    }

    /// The names of each sentence, tagged in `runs` runs of whole sentences at the same time.
    fn tag_in_runs(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        runs: usize,
    ) -> Vec<SentenceNames> {
        if runs <= 1 {
            return self.tag_sentences(text, tokens, sentences);
        }
        let cuts = run_cuts(sentences, runs);
        let runs: Vec<&[Sentence]> = cuts
            .windows(2)
            .map(|run| &sentences[run[0]..run[1]])
            .collect();
        let tagged: Vec<Vec<SentenceNames>> = runs
            .into_par_iter()
            .map(|run| self.tag_sentences(text, tokens, run))
            .collect();
        tagged.into_iter().flatten().collect()
    }

    /// The names of each sentence, tagged on this thread.
    fn tag_sentences(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
    ) -> Vec<SentenceNames> {
        let mut scratch = Scratch::default();
        let token_count: usize = sentences.iter().map(|s| s.tokens.len()).sum();
        // Every token a new word at most; untouched room costs no memory pages.
        let mut words = WordCache::with_vocabulary(token_count, self.vocabulary());
        let lookup = gazetteer_lookup(&self.model);
        let mut ids = SentenceIds::with_capacity(token_count, sentences.len());
        for sentence in sentences {
            ids.push(
                tokens[sentence.tokens.clone()]
                    .iter()
                    .map(|t| words.id(lookup, &text[t.range.clone()])),
            );
        }
        words.sum_new_words(&self.model, &mut scratch.probes);
        let form_windows = FormWindows::of(&ids, &words, &self.model, &mut scratch.probes);
        let mut first_token = 0;
        ids.iter()
            .map(|sentence| {
                let windows = form_windows.sums_from(first_token);
                first_token += sentence.words().len();
                self.tag_word_ids(sentence, windows, &words, &mut scratch);
                labels::spans(&scratch.labels)
                    .into_iter()
                    .map(|span| SentenceName {
                        score: self.confidence(&scratch, span.tokens.clone()),
                        span,
                    })
                    .collect()
            })
            .collect()
    }

    /// Labels one sentence given as word ids like [`Tagger::tag_words`] does, with the
    /// single-word features already summed in `words` and the form window features summed
    /// once per window; the result is in `scratch.labels()`.
    fn tag_word_ids<'w>(
        &self,
        sentence: PaddedSentence,
        form_window_sums: impl Iterator<Item = &'w WeightSums>,
        words: &WordCache,
        scratch: &mut Scratch,
    ) {
        let features = &mut scratch.features;
        features.hashes.clear();
        features.offsets.clear();
        features.offsets.push(0);
        for (i, window) in sentence.windows().enumerate() {
            let [prev2, prev, this, next, _] = window.map(|id| words.window_atoms(id));
            letter_window_features(prev2, prev, this, next, &mut features.hashes);
            if i == 0 {
                sentence_start_features(this, &mut features.hashes);
            }
            features.offsets.push(features.hashes.len());
        }
        // In a loop of their own, the sums of neighbouring tokens are fetched at the same
        // time: a word's sums are often not in the processor's near caches.
        scratch.single_word_sums.clear();
        scratch
            .single_word_sums
            .extend(
                sentence
                    .windows()
                    .zip(form_window_sums)
                    .map(|(window, form_window)| {
                        let mut sums = words.single_word_sums(window);
                        for (total, form_window) in sums.iter_mut().zip(form_window) {
                            *total += form_window;
                        }
                        sums
                    }),
            );
        self.decode(scratch, true);
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
        self.decode(scratch, false);
    }

    /// Scores `scratch.features` (on top of `scratch.single_word_sums` when `with_word_sums`)
    /// and decodes the best labels into `scratch.labels`.
    fn decode(&self, scratch: &mut Scratch, with_word_sums: bool) {
        let base: &[WeightSums] = if with_word_sums {
            &scratch.single_word_sums
        } else {
            &[]
        };
        self.model.emissions_from(
            base,
            &scratch.features,
            &mut scratch.probes,
            &mut scratch.emissions,
        );
        model::viterbi(
            &scratch.emissions,
            &self.model.permitted,
            &mut scratch.lattice,
            &mut scratch.labels,
        );
    }

    /// Mean over the span's tokens of the probability (softmax of the local score) of the
    /// chosen label given the previous chosen label. Perceptron scores are not calibrated:
    /// read it as a ranking, not as a probability.
    fn confidence(&self, scratch: &Scratch, tokens: std::ops::Range<usize>) -> f32 {
        let mut total = 0.0;
        for i in tokens.clone() {
            let previous = if i == 0 {
                LABEL_COUNT
            } else {
                scratch.labels[i - 1].index()
            };
            // Only the labels IOB2 allows after the previous one compete: the others are at
            // minus infinity.
            let permitted = &self.model.permitted[previous];
            let local: Scores = std::array::from_fn(|l| scratch.emissions[i][l] + permitted[l]);
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
        let mut words = WordCache::with_vocabulary(tokens.len(), tagger.vocabulary());
        let lookup = gazetteer_lookup(tagger.model());
        for sentence in &sentences {
            let sentence_words = || {
                tokens[sentence.tokens.clone()]
                    .iter()
                    .map(|t| &text[t.range.clone()])
            };
            let mut ids = SentenceIds::with_capacity(sentence.tokens.len(), 1);
            ids.push(sentence_words().map(|w| words.id(lookup, w)));
            words.sum_new_words(tagger.model(), &mut cached.probes);
            let form_windows = FormWindows::of(&ids, &words, tagger.model(), &mut cached.probes);
            tagger.tag_word_ids(
                ids.padded(0),
                form_windows.sums_from(0),
                &words,
                &mut cached,
            );
            tagger.tag_words(sentence_words(), &mut plain);
            assert_eq!(cached.emissions, plain.emissions);
            assert_eq!(cached.labels, plain.labels);
        }
        assert!(words.distinct_words() > 150, "{}", words.distinct_words());
        assert!(words.distinct_words() < tokens.len());
    }

    #[test]
    fn runs_get_equal_shares() {
        assert_eq!(run_start(1000, 2, 1), 500);
        assert_eq!([1, 2].map(|run| run_start(1000, 3, run)), [334, 667]);
        assert_eq!(run_start(0, 2, 1), 0);
    }

    #[test]
    fn a_long_article_tagged_on_threads_gives_what_one_run_gives() {
        let (text, tokens, sentences) = seed_repeated(16);
        let tagger = Tagger::embedded();
        let one_run = tagger.tag_sentences(&text, &tokens, &sentences);
        assert_eq!(tagger.tag_in_runs(&text, &tokens, &sentences, 3), one_run);
        let names: usize = one_run.iter().map(|names| names.len()).sum();
        assert!(names > 16 * 20, "{names}");
    }

    #[test]
    fn tagging_with_work_beside_gives_the_names_of_plain_tagging() {
        let (text, tokens, sentences) = seed_repeated(32);
        let keys = sentence_keys(&text, &tokens, &sentences);
        let plain = Tagger::embedded().tag_with_keys(&text, &tokens, &sentences, &keys);
        for threads in [1, 2, 3] {
            let pool = pool_of(threads);
            // A tagger of its own, whose memo knows no sentence yet.
            let tagger = Tagger::from_bytes(EMBEDDED_MODEL).unwrap();
            let (spans, beside) = pool.install(|| {
                assert_eq!(pending_runs(&tagger, &sentences, &keys), threads);
                tagger.tag_with_keys_then(&text, &tokens, &sentences, &keys, |s| s, || 42)
            });
            assert_eq!(spans, plain, "{threads} threads");
            assert_eq!(beside, 42);
            let distinct: std::collections::HashSet<_> = keys.iter().collect();
            assert_eq!(tagger.memo.len(), distinct.len());
        }
    }

    /// A seed article repeated `times`, tokenized and split: a long article for several runs.
    fn seed_repeated(times: usize) -> (String, Vec<Token>, Vec<Sentence>) {
        let seed = include_str!("../../../seeds/001_2779e59d105fe22f.txt");
        let text = vec![seed; times].join("\n\n");
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        (text, tokens, sentences)
    }

    fn pool_of(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    fn pending_runs(tagger: &Tagger, sentences: &[Sentence], keys: &[memo::SentenceKey]) -> usize {
        tagger.recall(sentences, keys).runs()
    }

    #[test]
    fn waiting_for_a_job_no_other_thread_took_runs_it() {
        // One thread: the job that fills the slot can only run on the waiting thread.
        let pool = pool_of(1);
        let slot = OnceLock::new();
        let (waited, ()) = pool.install(|| {
            rayon::join(
                || *wait_helping(&slot),
                || {
                    slot.set(7).unwrap();
                },
            )
        });
        assert_eq!(waited, 7);
    }

    #[test]
    fn waiting_for_a_job_that_panicked_ends_in_that_panic() {
        for threads in [1, 2] {
            let pool = pool_of(threads);
            let slot: OnceLock<Option<u32>> = OnceLock::new();
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                pool.install(|| {
                    rayon::join(
                        || wait_helping(&slot).is_none(),
                        || {
                            let _unwinding = FillOnUnwind(&slot);
                            panic!("a run that fails");
                        },
                    )
                })
            }));
            assert!(result.is_err(), "{threads} threads");
            assert_eq!(slot.get(), Some(&None));
        }
    }

    #[test]
    fn sentences_tagged_before_give_the_same_names_from_the_memo() {
        let text = include_str!("../../../seeds/000_d6396046d8ded179.txt");
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let tagger = Tagger::from_bytes(EMBEDDED_MODEL).unwrap();
        let cold = tagger.tag(text, &tokens, &sentences);
        assert_eq!(tagger.memo.len(), sentences.len());
        assert_eq!(tagger.tag(text, &tokens, &sentences), cold);
        // An edited article: the memo answers for every sentence but the changed one.
        let edited = text.replacen("Selenskyj", "Selenskij", 1);
        let tokens = tokenize(&edited);
        let sentences = split_sentences(&edited, &tokens);
        let remembered = tagger.memo.len();
        let warm = tagger.tag(&edited, &tokens, &sentences);
        assert_eq!(tagger.memo.len(), remembered + 1);
        tagger.forget_sentences();
        assert_eq!(tagger.tag(&edited, &tokens, &sentences), warm);
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
