//! `dossier eval`: precision, recall and F1 of the analysis against gold brat files —
//! entities by exact span and type, claims by message and speaker overlap.

use super::load::{Annotations, load_paths_with};
use super::{EvalArgs, OutputFormat, exit};
use crate::analysis::claims::eval::{AttributionForm, Counts, Scores, read_gold, score_claims};
use crate::analysis::model::EntityKind;
use crate::corpus::evaluation::{EntityScores, MICRO_KINDS, gold_entities};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &EvalArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = load_paths_with(&args.paths, Annotations::Ignored);
    for (path, error) in &loaded.io_errors {
        let _ = writeln!(err, "dossier: cannot read {}: {error}", path.display());
    }
    let mut entities = EntityScores::default();
    let mut claims = Scores::default();
    let mut scored = 0;
    for (id, article) in loaded.corpus.articles() {
        if article.problem.is_some() {
            continue;
        }
        let Some(gold_path) = gold_file(args.gold.as_deref(), Path::new(id)) else {
            let _ = writeln!(err, "dossier: no gold annotations for {id}; skipped");
            continue;
        };
        let ann = match std::fs::read_to_string(&gold_path) {
            Ok(ann) => ann,
            Err(error) => {
                let _ = writeln!(err, "dossier: cannot read {}: {error}", gold_path.display());
                return exit::FAILURE;
            }
        };
        match gold_entities(&ann, &article.text) {
            Ok(gold) => entities.add_article(&article.analysis, &gold),
            Err(message) => {
                let _ = writeln!(err, "dossier: {}: {message}", gold_path.display());
                return exit::FAILURE;
            }
        }
        claims.add(&score_claims(
            &article.analysis.claims,
            &read_gold(&ann, &article.text),
        ));
        scored += 1;
    }
    if scored == 0 {
        let _ = writeln!(err, "dossier: no article had gold annotations");
        return exit::FAILURE;
    }
    let written = match args.format {
        OutputFormat::Json => writeln!(out, "{}", report_json(scored, &entities, &claims)),
        OutputFormat::Text => write!(out, "{}", report_text(scored, &entities, &claims)),
    };
    if written.is_err() || !loaded.io_errors.is_empty() {
        exit::FAILURE
    } else {
        exit::OK
    }
}

/// The gold file of an article: `GOLD/<path>.ann` mirroring the article's path, else
/// `GOLD/<name>.ann`; without `--gold`, the `.ann` beside the article (a person's own
/// annotations are the gold then).
fn gold_file(gold_dir: Option<&Path>, article: &Path) -> Option<PathBuf> {
    let Some(dir) = gold_dir else {
        return Some(article.with_extension("ann")).filter(|p| p.is_file());
    };
    let relative: PathBuf = article
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    let mirrored = dir.join(relative).with_extension("ann");
    let by_name = dir.join(article.file_name()?).with_extension("ann");
    [mirrored, by_name].into_iter().find(|p| p.is_file())
}

fn row(name: &str, c: &Counts) -> String {
    format!(
        "{name:<10} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>7.3}\n",
        c.gold,
        c.predicted,
        c.predicted_matched,
        c.precision(),
        c.recall(),
        c.f1()
    )
}

const HEADER: &str = "           gold  pred match precision  recall      f1\n";

fn report_text(articles: usize, entities: &EntityScores, claims: &Scores) -> String {
    let mut text = format!("entities: exact span and type, {articles} articles\n");
    // Gold without entities (SpkAtt marks only claims) or without claims (GermEval): a table
    // of zeros would read like a failure.
    if entities.by_kind.values().any(|c| c.gold > 0) {
        text.push_str(HEADER);
        for (kind, counts) in &entities.by_kind {
            text.push_str(&row(kind.label(), counts));
        }
        text.push_str(&row("micro", &entities.micro(&MICRO_KINDS)));
        text.push_str("(micro over PER, ORG, LOC)\n\n");
    } else {
        text.push_str("  no gold entities to score against\n\n");
    }
    text.push_str(&format!(
        "claims: message and speaker overlap, {articles} articles\n"
    ));
    if claims.overall.gold > 0 {
        text.push_str(HEADER);
        for form in AttributionForm::ALL {
            text.push_str(&row(form.label(), claims.form(form)));
        }
        text.push_str(&row("overall", &claims.overall));
    } else {
        text.push_str("  no gold claims (Message/Source spans) to score against\n");
    }
    text
}

fn counts_json(c: &Counts) -> Value {
    json!({
        "gold": c.gold,
        "predicted": c.predicted,
        "matched": c.predicted_matched,
        "precision": c.precision(),
        "recall": c.recall(),
        "f1": c.f1(),
    })
}

fn report_json(articles: usize, entities: &EntityScores, claims: &Scores) -> Value {
    let mut by_type = serde_json::Map::new();
    for (kind, counts) in &entities.by_kind {
        by_type.insert(kind.label().to_string(), counts_json(counts));
    }
    by_type.insert("micro".into(), counts_json(&entities.micro(&MICRO_KINDS)));
    let mut by_form = serde_json::Map::new();
    for form in AttributionForm::ALL {
        by_form.insert(form.label().to_string(), counts_json(claims.form(form)));
    }
    by_form.insert("overall".into(), counts_json(&claims.overall));
    let micro_kinds: Vec<&str> = MICRO_KINDS.iter().map(|k: &EntityKind| k.label()).collect();
    json!({"articles": articles, "entities": by_type, "micro_types": micro_kinds, "claims": by_form})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_appear_only_for_what_the_gold_annotates() {
        let mut entities = EntityScores::default();
        let mut claims = Scores::default();
        let empty = report_text(3, &entities, &claims);
        assert!(
            empty.contains("no gold entities to score against"),
            "{empty}"
        );
        assert!(empty.contains("no gold claims"), "{empty}");
        assert!(!empty.contains("precision"), "{empty}");

        entities.by_kind.entry(EntityKind::Person).or_default().gold = 4;
        claims.overall.gold = 2;
        let full = report_text(3, &entities, &claims);
        assert!(full.contains("(micro over PER, ORG, LOC)"), "{full}");
        assert!(full.contains("overall"), "{full}");
        assert_eq!(full.matches("precision").count(), 2, "{full}");
    }
}
