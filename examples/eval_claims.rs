//! Scores claim detection against gold brat files (`Message`/`Source` spans, e.g. SpkAtt
//! converted by `scripts/spkatt_to_brat.py`), or prints the claims found in text files.
//!
//!     cargo run --example eval_claims -- --gold /tmp/spkatt [--misses N]
//!     cargo run --example eval_claims -- --print seeds/000_d6396046d8ded179.txt
//!
//! Mentions: with `--ner` (after the mode) from the embedded tagger, linked here by a crude
//! rule (same last word = same entity) because the linking pass is not merged yet; without it
//! from `heuristic_mentions` below (runs of two or more capitalised words, and later repeats
//! of their last word). Both are APPROXIMATIONS for this example only: the lead reruns the
//! scores with the real pipeline.

use dossier::analysis::claims::detect_claims;
use dossier::analysis::claims::eval::{Scores, read_gold, score_claims};
use dossier::analysis::model::{ByteRange, Claim, Entity, EntityKind, Mention, MentionOrigin};
use dossier::analysis::ner::Tagger;
use dossier::text::tokens::{split_sentences, tokenize};
use std::collections::HashMap;
use std::path::PathBuf;

/// Words that start a capitalised run without being part of a name.
const NOT_NAME: &[&str] = &[
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Am", "Im", "In", "Auf",
    "Nach", "Mit", "Bei", "Von", "Vor", "Für", "Auch", "Doch", "Als", "Wie", "Laut", "Seit", "Zum",
    "Zur", "Er", "Sie", "Es", "Wir", "Ich", "Dies", "Diese", "Dieser", "Seine", "Ihre", "Sein",
    "Ihr", "Dem", "Nachdem", "Damit", "Dabei", "Daher", "Deshalb", "Zudem", "Heute", "Nun", "So",
    "Aus", "Über", "Unter", "Trotz", "Während",
];

/// Capitalised-word heuristic standing in for the NER pass (see the file comment).
fn heuristic_mentions(text: &str) -> (Vec<Mention>, Vec<Entity>) {
    let words: Vec<(usize, &str)> = text
        .split(|c: char| c.is_whitespace() || ",.;:!?()„“”\"»«‚‘’[]".contains(c))
        .scan(0usize, |_, w| Some(w))
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let is_cap =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 1;
    let mut runs: Vec<ByteRange> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if is_cap(words[i].1) && !NOT_NAME.contains(&words[i].1) {
            let mut j = i + 1;
            while j < words.len()
                && is_cap(words[j].1)
                && text[words[j - 1].0 + words[j - 1].1.len()..words[j].0]
                    .trim()
                    .is_empty()
            {
                j += 1;
            }
            if j - i >= 2 {
                runs.push(words[i].0..words[j - 1].0 + words[j - 1].1.len());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let mut entity_of: HashMap<String, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut add = |range: ByteRange, key: &str, mentions: &mut Vec<Mention>| {
        let next = entities.len();
        let entity = *entity_of.entry(key.to_string()).or_insert(next);
        if entity == next {
            entities.push(Entity {
                key: key.to_lowercase(),
                name: text[range.clone()].to_string(),
                kind: EntityKind::Person,
                mentions: Vec::new(),
                roles: Vec::new(),
                kb_id: None,
            });
        }
        entities[entity].mentions.push(mentions.len());
        mentions.push(Mention {
            range,
            kind: EntityKind::Person,
            entity,
            derived: false,
            origin: MentionOrigin::Rule,
        });
    };
    for run in &runs {
        let last = text[run.clone()]
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_string();
        add(run.clone(), &last, &mut mentions);
    }
    // Later single-word repeats of a name's last word.
    let known: Vec<String> = runs
        .iter()
        .map(|r| text[r.clone()].rsplit(' ').next().unwrap_or("").to_string())
        .collect();
    for &(start, word) in &words {
        let inside_run = runs.iter().any(|r| r.start <= start && start < r.end);
        if !inside_run && known.iter().any(|k| k == word) {
            add(start..start + word.len(), word, &mut mentions);
        }
    }
    (mentions, entities)
}

/// Tagger mentions, linked by last word (stand-in for the linking pass, see the file comment).
fn tagger_mentions(
    text: &str,
    tokens: &[dossier::text::tokens::Token],
    sentences: &[dossier::text::tokens::Sentence],
) -> (Vec<Mention>, Vec<Entity>) {
    let mut entity_of: HashMap<(String, EntityKind), usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    for span in Tagger::embedded().tag(text, tokens, sentences) {
        let surface = &text[span.range.clone()];
        let key = surface.rsplit(' ').next().unwrap_or(surface).to_string();
        let next = entities.len();
        let entity = *entity_of.entry((key.clone(), span.kind)).or_insert(next);
        if entity == next {
            entities.push(Entity {
                key: key.to_lowercase(),
                name: surface.to_string(),
                kind: span.kind,
                mentions: Vec::new(),
                roles: Vec::new(),
                kb_id: None,
            });
        }
        entities[entity].mentions.push(mentions.len());
        mentions.push(Mention {
            range: span.range,
            kind: span.kind,
            entity,
            derived: span.derived,
            origin: MentionOrigin::Tagger,
        });
    }
    (mentions, entities)
}

fn use_tagger() -> bool {
    std::env::args().any(|a| a == "--ner")
}

fn claims_of(text: &str) -> (Vec<Claim>, Vec<Entity>) {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let (mentions, entities) = if use_tagger() {
        tagger_mentions(text, &tokens, &sentences)
    } else {
        heuristic_mentions(text)
    };
    (
        detect_claims(text, &tokens, &sentences, &mentions, &entities),
        entities,
    )
}

fn print_claims(path: &PathBuf) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let (claims, entities) = claims_of(&text);
    println!("== {}", path.display());
    for claim in claims {
        let speaker = claim
            .speaker
            .clone()
            .map(|r| text[r].to_string())
            .unwrap_or_default();
        let entity = claim
            .speaker_entity
            .map(|e| entities[e].name.clone())
            .unwrap_or_default();
        let cue = claim
            .cue
            .clone()
            .map(|r| text[r].to_string())
            .unwrap_or_default();
        let figures: Vec<String> = claim
            .figures
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    serde_json::to_string(&f.comparison)
                        .unwrap_or_default()
                        .trim_matches('"'),
                    f.value,
                    f.unit
                )
            })
            .collect();
        println!(
            "{} {:<8} speaker=[{speaker}] → [{entity}] cue=[{cue}] figures={figures:?}\n    {}",
            claim.id,
            claim.kind.label(),
            &text[claim.range.clone()]
        );
    }
    Ok(())
}

fn evaluate(dir: &PathBuf, misses: usize) -> anyhow::Result<()> {
    let mut total = Scores::default();
    let mut documents = 0;
    let mut shown = 0;
    let mut wrong_speaker = 0;
    let mut not_found = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let ann = std::fs::read_to_string(path.with_extension("ann")).unwrap_or_default();
        let gold = read_gold(&ann, &text);
        let (claims, _) = claims_of(&text);
        total.add(&score_claims(&claims, &gold));
        // Split the misses: message found but speaker wrong, or message not found at all.
        for attribution in &gold {
            let alone = score_claims(&claims, std::slice::from_ref(attribution));
            if alone.overall.gold_matched == 0 {
                let message_found = claims.iter().any(|c| {
                    c.kind != dossier::analysis::model::ClaimKind::Numeric
                        && attribution
                            .message
                            .iter()
                            .any(|m| c.range.start < m.end && m.start < c.range.end)
                });
                if message_found {
                    wrong_speaker += 1;
                    if std::env::var_os("SHOW_WRONG_SPEAKER").is_some() && wrong_speaker % 5 == 0 {
                        let source: Vec<&str> = attribution
                            .source
                            .iter()
                            .map(|r| &text[r.clone()])
                            .collect();
                        let predicted: Vec<&str> = claims
                            .iter()
                            .filter(|c| {
                                attribution
                                    .message
                                    .iter()
                                    .any(|m| c.range.start < m.end && m.start < c.range.end)
                            })
                            .map(|c| c.speaker.clone().map_or("-", |r| &text[r]))
                            .collect();
                        println!(
                            "WRONG SPEAKER {:?} gold={source:?} predicted={predicted:?}",
                            attribution.form
                        );
                    }
                } else {
                    not_found += 1;
                    if let Some(form) = std::env::var_os("SHOW_CONTEXT") {
                        if format!("{:?}", attribution.form) == form.to_string_lossy()
                            && not_found % 4 == 0
                        {
                            let start = attribution.message[0].start;
                            let from = text[..start].rfind(". ").map_or(0, |p| p + 2);
                            let to = text[start..]
                                .find(". ")
                                .map_or(text.len(), |p| start + p + 1);
                            let source: Vec<&str> = attribution
                                .source
                                .iter()
                                .map(|r| &text[r.clone()])
                                .collect();
                            println!("CONTEXT source={source:?} :: {}", &text[from..to]);
                        }
                    }
                    if std::env::var_os("SHOW_NOT_FOUND").is_some() && not_found % 7 == 0 {
                        let message: Vec<&str> = attribution
                            .message
                            .iter()
                            .map(|r| &text[r.clone()])
                            .collect();
                        let source: Vec<&str> = attribution
                            .source
                            .iter()
                            .map(|r| &text[r.clone()])
                            .collect();
                        println!(
                            "NOT FOUND {:?} source={source:?} message={:?}",
                            attribution.form,
                            message.join(" … ")
                        );
                    }
                }
            }
        }
        documents += 1;
        // Show claims no gold attribution matched, to study the false alarms.
        if std::env::var_os("SHOW_FALSE").is_some() && shown < misses {
            for claim in claims
                .iter()
                .filter(|c| c.kind != dossier::analysis::model::ClaimKind::Numeric)
            {
                let alone = score_claims(std::slice::from_ref(claim), &gold);
                if alone.overall.predicted_matched == 0 && shown < misses {
                    shown += 1;
                    let speaker = claim.speaker.clone().map(|r| &text[r]).unwrap_or("");
                    println!(
                        "FALSE {} speaker=[{speaker}] message={:?}",
                        claim.kind.label(),
                        &text[claim.range.clone()]
                    );
                }
            }
            continue;
        }
        // Show gold attributions no claim matched, to study the misses.
        for attribution in &gold {
            if shown >= misses {
                break;
            }
            let alone = score_claims(&claims, std::slice::from_ref(attribution));
            if alone.overall.gold_matched == 0 {
                shown += 1;
                let message: Vec<&str> = attribution
                    .message
                    .iter()
                    .map(|r| &text[r.clone()])
                    .collect();
                let source: Vec<&str> = attribution
                    .source
                    .iter()
                    .map(|r| &text[r.clone()])
                    .collect();
                println!(
                    "MISS {:?} source={source:?} message={:?}",
                    attribution.form,
                    message.join(" … ")
                );
            }
        }
    }
    println!("{documents} documents\n{total}");
    println!(
        "missed gold: {wrong_speaker} with the message found but the speaker wrong or missing, {not_found} with no claim over the message"
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--gold") => {
            let dir = PathBuf::from(
                args.get(1)
                    .ok_or_else(|| anyhow::anyhow!("--gold needs a directory"))?,
            );
            let misses = match args.get(2).map(String::as_str) {
                Some("--misses") => args.get(3).and_then(|n| n.parse().ok()).unwrap_or(20),
                _ => 0,
            };
            evaluate(&dir, misses)
        }
        Some("--print") => args[1..]
            .iter()
            .filter(|a| a.as_str() != "--ner")
            .try_for_each(|p| print_claims(&PathBuf::from(p))),
        _ => anyhow::bail!(
            "usage: eval_claims --gold DIR [--misses N] [--ner] | --print FILE... [--ner]"
        ),
    }
}
