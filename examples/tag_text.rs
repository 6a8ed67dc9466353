//! Prints the names the embedded tagger finds in text files, one per line:
//! `file  start..end  KIND[deriv]  score  text`.
//!
//! cargo run --example tag_text -- seeds/*.txt

use dossier::analysis::ner::Tagger;
use dossier::text::tokens::{split_sentences, tokenize};

fn main() -> anyhow::Result<()> {
    let tagger = Tagger::embedded();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        for span in tagger.tag(&text, &tokens, &sentences) {
            let kind = format!(
                "{}{}",
                span.kind.label(),
                if span.derived { "deriv" } else { "" }
            );
            println!(
                "{path}\t{:?}\t{kind}\t{:.2}\t{}",
                span.range,
                span.score,
                &text[span.range.clone()]
            );
        }
    }
    Ok(())
}
