//! The whole analysis of one article (tokens, tagger, gazetteer, linking, claims), per seed
//! and on two 10,000-word articles: `cargo bench --bench analysis`.
//!
//! The two long articles bracket a real one: the seeds repeated to 10,000 words (few distinct
//! words and names, optimistic) and 10,000 words of held-out GermEval sentences from many
//! different articles (`benches/data/germeval-10k.txt`, written by `scripts/bench_article.py`;
//! far more distinct words and names than one article has, pessimistic).

use dossier::analysis::ner::Tagger;
use dossier::analysis::{AnalysisContext, analyze};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SEEDS: [(&str, &str); 2] = [
    (
        "000_d6396046d8ded179.txt",
        include_str!("../seeds/000_d6396046d8ded179.txt"),
    ),
    (
        "001_2779e59d105fe22f.txt",
        include_str!("../seeds/001_2779e59d105fe22f.txt"),
    ),
];

/// Fastest and median of `runs` cold passes (the tagger's sentence memo emptied before each;
/// its vocabulary is part of loading the model, summed in the first analysis):
/// the machine is shared, so the fastest run is the better estimate of the cost itself.
fn measure(text: &str, runs: usize) -> (Duration, Duration) {
    let context = AnalysisContext::default();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            Tagger::embedded().forget_sentences();
            let start = Instant::now();
            black_box(analyze(black_box(text), &context));
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[times.len() / 2])
}

/// Fastest and median of `runs` re-analyses after a one-word edit in the middle of the text,
/// as an editor asks for on every keystroke: every other sentence is in the tagger's memo.
fn measure_after_edit(text: &str, runs: usize) -> (Duration, Duration) {
    let context = AnalysisContext::default();
    analyze(text, &context);
    let middle = text
        .char_indices()
        .rev()
        .find(|&(at, c)| c == ' ' && at <= text.len() / 2)
        .expect("a long text has spaces")
        .0;
    let mut times: Vec<Duration> = (0..runs)
        .map(|run| {
            let edited = format!("{} Wort{run}{}", &text[..middle], &text[middle..]);
            let start = Instant::now();
            black_box(analyze(black_box(&edited), &context));
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[times.len() / 2])
}

/// Where the time of one pass goes, stage by stage (fastest of 10 runs each).
fn stages(text: &str) {
    use dossier::analysis::model::{Candidate, MentionOrigin};
    use dossier::analysis::{gazetteer::Gazetteer, linking};
    use dossier::corpus::knowledge_base::KnowledgeBase;
    use dossier::text::tokens::{split_sentences, tokenize};
    let fastest = |f: &mut dyn FnMut()| {
        (0..10)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .min()
            .unwrap()
    };
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let spans = Tagger::embedded().tag(text, &tokens, &sentences);
    let candidates: Vec<Candidate> = spans
        .iter()
        .map(|s| Candidate {
            range: s.range.clone(),
            kind: s.kind,
            derived: s.derived,
            origin: MentionOrigin::Tagger,
            score: s.score,
        })
        .collect();
    let kb = KnowledgeBase::empty();
    let linked = linking::link(text, &tokens, &sentences, &candidates, &kb);
    let report = [
        (
            "tokens + sentences",
            fastest(&mut || drop(black_box(split_sentences(text, &tokenize(text))))),
        ),
        (
            "tagger",
            // Cold: the sentence memo emptied first (a few microseconds of the time).
            fastest(&mut || {
                Tagger::embedded().forget_sentences();
                drop(black_box(Tagger::embedded().tag(text, &tokens, &sentences)))
            }),
        ),
        (
            "gazetteer phrases",
            fastest(&mut || drop(black_box(Gazetteer::embedded().phrases(text)))),
        ),
        (
            "linking",
            fastest(&mut || {
                drop(black_box(linking::link(
                    text,
                    &tokens,
                    &sentences,
                    &candidates,
                    &kb,
                )))
            }),
        ),
        (
            "claims",
            fastest(&mut || {
                drop(black_box(dossier::analysis::claims::detect_claims(
                    text,
                    &tokens,
                    &sentences,
                    &linked.mentions,
                    &linked.entities,
                )))
            }),
        ),
    ];
    for (stage, time) in report {
        println!("  {stage:<20} {:.2} ms", time.as_secs_f64() * 1e3);
    }
}

/// `cargo bench --bench analysis -- ARTICLE…` measures the given articles instead of the
/// built-in set (a newsroom's own long article, or a profiler's steady workload).
fn main() {
    let articles: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    if !articles.is_empty() {
        for path in articles {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            report_long_article(&path, &text);
        }
        return;
    }
    let context = AnalysisContext::default();
    let start = Instant::now();
    analyze("Der Präsident sprach in Berlin.", &context);
    println!(
        "first analysis (loads model, vocabulary and gazetteers): {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    for (name, text) in SEEDS {
        let words = text.split_whitespace().count();
        let (fastest, median) = measure(text, 200);
        println!(
            "{name}: {words} words, fastest {:.3} ms, median {:.3} ms",
            fastest.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e3
        );
    }
    let mut repeated = String::new();
    while repeated.split_whitespace().count() < 10_000 {
        for (_, text) in SEEDS {
            repeated.push_str(text);
            repeated.push_str("\n\n");
        }
    }
    let long_articles = [
        ("seeds repeated", repeated.as_str()),
        (
            "GermEval held-out sentences",
            include_str!("data/germeval-10k.txt"),
        ),
    ];
    for (name, text) in long_articles {
        report_long_article(name, text);
    }
}

fn report_long_article(name: &str, text: &str) {
    let words = text.split_whitespace().count();
    println!("{name}, {words} words:");
    stages(text);
    let (fastest, median) = measure(text, 30);
    println!(
        "  whole analysis, cold: fastest {:.2} ms, median {:.2} ms ({:.2} M words/s)",
        fastest.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        words as f64 / fastest.as_secs_f64() / 1e6
    );
    let (fastest, median) = measure_after_edit(text, 30);
    println!(
        "  whole analysis after a one-word edit: fastest {:.2} ms, median {:.2} ms",
        fastest.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
    );
}
