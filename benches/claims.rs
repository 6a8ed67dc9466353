//! Claim detection cost per article: `cargo bench --bench claims`.
//!
//! Measures tokenizing, sentence splitting and claim detection (with figure extraction) on
//! the seed articles and on a 10,000-word article built by repeating them. Entity mentions
//! are not part of this pass: they are its input, so the bench feeds none.

use dossier::analysis::claims::detect_claims;
use dossier::text::tokens::{split_sentences, tokenize};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SEEDS: [&str; 2] = [
    include_str!("../seeds/000_d6396046d8ded179.txt"),
    include_str!("../seeds/001_2779e59d105fe22f.txt"),
];

fn article_of_words(words: usize) -> String {
    let mut article = String::new();
    let mut count = 0;
    'fill: loop {
        for seed in SEEDS {
            for paragraph in seed.split('\n') {
                article.push_str(paragraph);
                article.push('\n');
                count += paragraph.split_whitespace().count();
                if count >= words {
                    break 'fill;
                }
            }
        }
    }
    article
}

/// Fastest and median time of one full pass over `text`. The machine is shared, so the
/// fastest run is the better estimate of the cost itself.
fn measure(text: &str) -> (Duration, Duration, Duration, usize) {
    let mut detect_only = Vec::new();
    let mut whole = Vec::new();
    let mut claims = 0;
    let runs = 50;
    for _ in 0..runs {
        let start = Instant::now();
        let tokens = tokenize(black_box(text));
        let sentences = split_sentences(text, &tokens);
        let middle = Instant::now();
        let found = detect_claims(text, &tokens, &sentences, &[], &[]);
        let end = Instant::now();
        claims = black_box(found).len();
        detect_only.push(end - middle);
        whole.push(end - start);
    }
    detect_only.sort();
    whole.sort();
    (detect_only[0], detect_only[runs / 2], whole[0], claims)
}

fn main() {
    // Warm the lexicon once, as a long-running server would have.
    let _ = detect_claims(
        "Er sagte, es sei gut.",
        &tokenize("Er sagte, es sei gut."),
        &[],
        &[],
        &[],
    );
    let big = article_of_words(10_000);
    let cases = [
        ("seed 000", SEEDS[0].to_string()),
        ("seed 001", SEEDS[1].to_string()),
        ("10,000 words", big),
    ];
    println!(
        "{:<14} {:>8} {:>16} {:>19} {:>24} {:>7}",
        "article",
        "words",
        "claims min (µs)",
        "claims median (µs)",
        "tokens+claims min (µs)",
        "claims"
    );
    for (name, text) in cases {
        let (fastest, median, whole, claims) = measure(&text);
        println!(
            "{:<14} {:>8} {:>16.1} {:>19.1} {:>24.1} {:>7}",
            name,
            text.split_whitespace().count(),
            fastest.as_secs_f64() * 1e6,
            median.as_secs_f64() * 1e6,
            whole.as_secs_f64() * 1e6,
            claims
        );
    }
}
