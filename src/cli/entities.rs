//! `dossier entities`: a table of the entities in the articles named.

use super::load::load_paths;
use super::{EntitiesArgs, OutputFormat, exit};
use serde_json::json;
use std::io::Write;

pub fn run(args: &EntitiesArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = load_paths(&args.paths);
    for (path, error) in &loaded.io_errors {
        let _ = writeln!(err, "dossier: cannot read {}: {error}", path.display());
    }
    let corpus = &loaded.corpus;
    let mut rows = Vec::new();
    for (key, name, kind, _) in corpus.all_entities() {
        let mentions = corpus.mentions_of(&key);
        let mut articles: Vec<&str> = mentions.iter().map(|m| m.article).collect();
        articles.dedup();
        rows.push((
            key,
            name,
            kind,
            mentions.len(),
            articles.into_iter().map(str::to_string).collect::<Vec<_>>(),
        ));
    }
    rows.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.1.cmp(&b.1)));
    let result = match args.format {
        OutputFormat::Json => rows.iter().try_for_each(|(key, name, kind, count, articles)| {
            writeln!(out, "{}", json!({"id": key, "name": name, "type": kind.label(), "mentions": count, "articles": articles}))
        }),
        OutputFormat::Text => {
            let width = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(4).max(4);
            let mut result = writeln!(out, "{:<width$}  {:<4}  {:>8}  articles", "name", "type", "mentions");
            for (_, name, kind, count, articles) in &rows {
                let names: Vec<&str> = articles.iter().map(|a| a.rsplit('/').next().unwrap_or(a)).collect();
                let pad = width;
                result = result.and(writeln!(out, "{name:<pad$}  {:<4}  {count:>8}  {}", kind.label(), names.join(", ")));
            }
            result
        }
    };
    if result.is_err() || !loaded.io_errors.is_empty() {
        exit::FAILURE
    } else {
        exit::OK
    }
}
