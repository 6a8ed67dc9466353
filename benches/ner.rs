//! Throughput of the tokenizer and the NER tagger on the seed articles, and model load time.
//!
//! cargo bench --bench ner
//!
//! Times are the best CPU time of this thread over repeated runs. Words are whitespace-separated words of the input (what a reader counts), tokens are the
//! tokenizer's output (punctuation included). Run it under `/usr/bin/time -v` for peak memory.

use dossier::analysis::ner::{Tagger, gazetteer_classes};
use dossier::text::tokens::{split_sentences, tokenize};
use std::hint::black_box;
use std::time::{Duration, Instant};

const MODEL: &[u8] = include_bytes!("../data/model/ner-de.bin");

/// CPU time of this thread. The build machine is shared, so wall time measures the neighbours
/// as much as the code; CPU time is what "per core" means.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    assert!(ok, "clock_gettime failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `f` until at least `min` wall time has passed and returns the best CPU time of one run.
fn best_of(min: Duration, mut f: impl FnMut()) -> Duration {
    let started = Instant::now();
    let mut best = Duration::MAX;
    while started.elapsed() < min || best == Duration::MAX {
        let t = thread_cpu_time();
        f();
        best = best.min(thread_cpu_time() - t);
    }
    best
}

fn main() {
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir("seeds").expect("run from the crate root") {
        let path = entry.expect("seed entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            seeds.push(std::fs::read_to_string(&path).expect("seed text"));
        }
    }
    seeds.sort();
    let one_pass = seeds.join("\n\n");
    let repeats = (1_000_000 / one_pass.split_whitespace().count()).max(1);
    let text = vec![one_pass.as_str(); repeats].join("\n\n");
    let words = text.split_whitespace().count();
    let tokens = tokenize(&text);
    println!(
        "input: {} seed articles × {repeats} = {} words, {} tokens, {} bytes",
        seeds.len(),
        words,
        tokens.len(),
        text.len()
    );

    // Cold start as the server sees it: the embedded model plus the gazetteer it uses.
    let cold = Instant::now();
    let tagger = Tagger::embedded();
    black_box(gazetteer_classes("Paris"));
    println!(
        "first use of the embedded tagger and gazetteer: {:.1} ms (wall)",
        cold.elapsed().as_secs_f64() * 1e3
    );

    let load = best_of(Duration::from_secs(2), || {
        black_box(Tagger::from_bytes(black_box(MODEL)).expect("model loads"));
    });
    println!(
        "model load ({} bytes): {:.2} ms",
        MODEL.len(),
        load.as_secs_f64() * 1e3
    );

    let per_second = |d: Duration| words as f64 / d.as_secs_f64();
    let tokenizing = best_of(Duration::from_secs(3), || {
        black_box(tokenize(black_box(&text)));
    });
    println!(
        "tokenize:                     {:>12.0} words/s",
        per_second(tokenizing)
    );
    let splitting = best_of(Duration::from_secs(3), || {
        black_box(split_sentences(&text, black_box(&tokens)));
    });
    println!(
        "split sentences:              {:>12.0} words/s",
        per_second(splitting)
    );

    let sentences = split_sentences(&text, &tokens);
    // Every pass cold: the tagger would otherwise answer from its sentence memo.
    let tagging = best_of(Duration::from_secs(5), || {
        tagger.forget_sentences();
        black_box(tagger.tag(&text, &tokens, black_box(&sentences)));
    });
    println!(
        "tag (given tokens):           {:>12.0} words/s",
        per_second(tagging)
    );
    let all = best_of(Duration::from_secs(5), || {
        tagger.forget_sentences();
        let tokens = tokenize(black_box(&text));
        let sentences = split_sentences(&text, &tokens);
        black_box(tagger.tag(&text, &tokens, &sentences));
    });
    println!(
        "tokenize + split + tag, one 1M-word text: {:>10.0} words/s ({:.0} tokens/s)",
        per_second(all),
        tokens.len() as f64 / all.as_secs_f64()
    );
    // The way the server works: one article at a time, so buffers stay small and in cache.
    let per_article = best_of(Duration::from_secs(5), || {
        tagger.forget_sentences();
        for _ in 0..repeats {
            for seed in &seeds {
                let tokens = tokenize(black_box(seed));
                let sentences = split_sentences(seed, &tokens);
                black_box(tagger.tag(seed, &tokens, &sentences));
            }
        }
    });
    println!(
        "tokenize + split + tag, article by article: {:>8.0} words/s",
        per_second(per_article)
    );
}
