//! Trains the German NER model on GermEval 2014 and prints held-out scores.
//!
//! cargo run --release --example train_ner -- --data ../shared/data/germeval2014 --out data/model/ner-de.bin
//!
//! Every 5th sentence of NER-de-dev.tsv and NER-de-test.tsv is held out and never trained on.
//! Also writes the tagger's vocabulary (see `dossier::analysis::ner::vocabulary`).

use anyhow::Context;
use clap::Parser;
use dossier::analysis::ner::features::ClassLookup;
use dossier::analysis::ner::train::{self, TrainConfig};
use dossier::analysis::ner::vocabulary::frequent_words;
use dossier::analysis::ner::{Tagger, gazetteer_classes};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    /// Folder holding NER-de-dev.tsv and NER-de-test.tsv.
    #[arg(long)]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// Where to write the tagger's vocabulary (the training words seen more than once).
    #[arg(long, default_value = "data/model/vocabulary-de.txt")]
    vocabulary: PathBuf,
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    epochs: usize,
    /// Drop features seen fewer times than this in the training data.
    #[arg(long, default_value_t = TrainConfig::default().min_feature_count)]
    min_count: u32,
    /// Train without gazetteer class features (for comparison).
    #[arg(long)]
    no_gazetteer: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut sentences = Vec::new();
    for file in ["NER-de-dev.tsv", "NER-de-test.tsv"] {
        let path = args.data.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        sentences.extend(train::read_germeval(&text));
    }
    let (training, held_out) = train::split_held_out(sentences, 5);
    println!(
        "{} training sentences, {} held out",
        training.len(),
        held_out.len()
    );
    let vocabulary = frequent_words(training.iter().map(|s| s.words.as_slice()));
    let lines: String = vocabulary.iter().map(|w| format!("{w}\n")).collect();
    std::fs::write(&args.vocabulary, lines)
        .with_context(|| format!("writing {}", args.vocabulary.display()))?;
    println!(
        "{} vocabulary words written to {}",
        vocabulary.len(),
        args.vocabulary.display()
    );
    let classes: Option<ClassLookup<'static>> = if args.no_gazetteer {
        None
    } else {
        Some(&gazetteer_classes)
    };
    let config = TrainConfig {
        epochs: args.epochs,
        min_feature_count: args.min_count,
        classes,
        ..TrainConfig::default()
    };
    let started = Instant::now();
    let data = train::train(&training, &config, |line| println!("{line}"));
    println!("trained in {:.1}s", started.elapsed().as_secs_f64());
    let bytes = data.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{} features, {} bytes written to {}",
        data.features.len(),
        bytes.len(),
        args.out.display()
    );
    let tagger = Tagger::from_bytes(&bytes)?;
    println!(
        "\nheld-out exact-span scores ({} sentences):\n{}",
        held_out.len(),
        train::evaluate(&tagger, &held_out)
    );
    println!(
        "training-data scores (for comparison):\n{}",
        train::evaluate(&tagger, &training)
    );
    Ok(())
}
