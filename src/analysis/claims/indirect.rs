//! Indirect speech and prepositional sources outside quotes: a cue verb with a dass-clause,
//! a Konjunktiv I clause or a reported object; "laut X", "X zufolge", "nach Angaben von X",
//! "wie X mitteilte", ", so X."; vague sources; and Konjunktiv I continuation sentences.

use super::cues::{self, DETERMINERS, PASSIVE_AUXILIARIES, SUBORDINATORS};
use super::speaker::SpeakerPhrase;
use super::words::WordKind;
use super::{Context, Draft};
use crate::analysis::model::ClaimKind;
use std::ops::Range;

pub(crate) fn detect(context: &Context<'_>, quotes: &[Draft]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    for s in 0..context.view.sentences.len() {
        let before = drafts.len();
        let content = context.content(s);
        let mut i = content.start;
        while i < content.end {
            if context.in_quote[i] || context.consumed[i] {
                i += 1;
                continue;
            }
            let found = prepositional_source(context, s, content.clone(), i)
                .or_else(|| cue_claim(context, s, content.clone(), i));
            match found {
                Some((draft, resume)) => {
                    drafts.push(draft);
                    i = resume.max(i + 1);
                }
                None => i += 1,
            }
        }
        // Konjunktiv I without a new cue keeps the previous sentence's speaker.
        if drafts.len() == before {
            let quoted_here = quotes.iter().any(|q| q.sentence == s);
            if let Some(previous) = drafts
                .last()
                .filter(|d| d.sentence + 1 == s && !quoted_here)
            {
                if previous.kind == ClaimKind::Indirect || previous.kind == ClaimKind::Reported {
                    let has_konjunktiv = content.clone().any(|k| {
                        !context.in_quote[k]
                            && cues::is_konjunktiv_one(&context.view.words[k].lower)
                    });
                    if has_konjunktiv {
                        let draft = Draft {
                            kind: ClaimKind::Indirect,
                            range: context.span_of(content.clone()),
                            cue: None,
                            speaker: previous.speaker.clone(),
                            sentence: s,
                        };
                        drafts.push(draft);
                    }
                }
            }
        }
    }
    drafts
}

/// "laut X", "X zufolge", "nach Angaben von X", ", so X.", "hieß es", "wie es heißt".
fn prepositional_source(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    i: usize,
) -> Option<(Draft, usize)> {
    let words = &context.view.words;
    let word = &words[i];
    let (frame, cue, speaker) =
        if word.is("laut") && (word.is_lowercase_word() || i == content.start) {
            let phrase = context.noun_phrase_at(i + 1, content.end)?;
            let speaker = context
                .speaker_phrase(phrase.clone())
                .unwrap_or(SpeakerPhrase {
                    words: phrase.clone(),
                    vague: is_vague_phrase(context, &phrase),
                });
            (i..phrase.end, i..i + 1, Some(speaker))
        } else if word.is("zufolge") {
            let start = noun_phrase_ending_at(context, content.start, i)?;
            let phrase = start..i;
            let speaker = context
                .speaker_phrase(phrase.clone())
                .unwrap_or(SpeakerPhrase {
                    words: phrase.clone(),
                    vague: is_vague_phrase(context, &phrase),
                });
            (start..i + 1, i..i + 1, Some(speaker))
        } else if word.is("nach")
            && words.get(i + 1).is_some_and(|w| {
                is_statement_noun(&w.lower)
                    || w.is_lowercase_word()
                        && words
                            .get(i + 2)
                            .is_some_and(|n| is_statement_noun(&n.lower))
            })
        {
            let noun = if is_statement_noun(&words[i + 1].lower) {
                i + 1
            } else {
                i + 2
            };
            let mut source_at = noun + 1;
            if words.get(source_at).is_some_and(|w| w.is("von")) {
                source_at += 1;
            }
            match context
                .noun_phrase_at(source_at, content.end)
                .and_then(|p| context.speaker_phrase(p))
            {
                Some(speaker) => (i..speaker.words.end, i..noun + 1, Some(speaker)),
                // "nach offiziellen Angaben": a source without a name.
                None => (
                    i..noun + 1,
                    i..noun + 1,
                    Some(SpeakerPhrase {
                        words: noun..noun + 1,
                        vague: true,
                    }),
                ),
            }
        } else if word.is("so") && i > content.start && words[i - 1].is_punct(",") {
            // ", so der Minister." closes the sentence.
            let speaker = context
                .speaker_right(i + 1, content.end)
                .filter(|p| p.words.end == content.end)?;
            (i - 1..content.end, i..i + 1, Some(speaker))
        } else if word.is_any(&["heißt", "hieß"])
            && (words.get(i + 1).is_some_and(|w| w.is("es")) || i > 0 && words[i - 1].is("es"))
        {
            let from = if i > 0 && words[i - 1].is("es") {
                i - 1
            } else {
                i
            };
            let from = if from > content.start && words[from - 1].is("wie") {
                from - 1
            } else {
                from
            };
            let to = if words.get(i + 1).is_some_and(|w| w.is("es")) {
                i + 2
            } else {
                i + 1
            };
            // "aus Regierungskreisen hieß es": the circles are the vague source.
            let circles = (content.start..from)
                .rev()
                .take(3)
                .find(|&k| cues::is_vague_noun(&words[k].lower));
            let speaker = circles.map(|k| SpeakerPhrase {
                words: k..k + 1,
                vague: true,
            });
            let from = match circles {
                Some(k) if k > content.start && words[k - 1].is_any(cues::PREPOSITIONS) => k - 1,
                Some(k) => k,
                None => from,
            };
            (from..to, i..to, speaker)
        } else {
            return None;
        };
    let message = message_around(context, content.clone(), frame.clone());
    if message.is_empty() {
        return None;
    }
    let vague = speaker.as_ref().is_none_or(|p| p.vague);
    let kind = if vague {
        ClaimKind::Vague
    } else {
        ClaimKind::Reported
    };
    let draft = Draft {
        kind,
        range: context.span_of(message),
        cue: Some(context.span_of(cue)),
        speaker,
        sentence: s,
    };
    Some((draft, frame.end))
}

fn is_statement_noun(lower: &str) -> bool {
    matches!(
        lower,
        "angaben"
            | "informationen"
            | "ansicht"
            | "einschätzung"
            | "auffassung"
            | "darstellung"
            | "worten"
            | "aussage"
            | "aussagen"
            | "meinung"
            | "schätzungen"
            | "berichten"
    )
}

fn is_vague_phrase(context: &Context<'_>, phrase: &Range<usize>) -> bool {
    phrase
        .clone()
        .any(|k| cues::is_vague_noun(&context.view.words[k].lower))
}

/// The start of the noun phrase ending right before `end` ("Dem Bericht", "Medienberichten").
fn noun_phrase_ending_at(context: &Context<'_>, start: usize, end: usize) -> Option<usize> {
    let words = &context.view.words;
    let mut k = end;
    while k > start && (words[k - 1].is_capitalised() || context.mention_at[k - 1].is_some()) {
        k -= 1;
    }
    if k == end {
        return None;
    }
    let mut from = k;
    while from > start
        && from + 3 > k
        && words[from - 1].is_lowercase_word()
        && !words[from - 1].is_any(cues::PREPOSITIONS)
    {
        from -= 1;
        if words[from].is_any(DETERMINERS) {
            break;
        }
    }
    if from < k && !words[from].is_any(DETERMINERS) {
        from = k;
    }
    Some(from)
}

/// The message of a sentence around a frame: what precedes a final frame, what follows an
/// opening one, or the whole sentence for a frame in the middle.
fn message_around(
    context: &Context<'_>,
    content: Range<usize>,
    frame: Range<usize>,
) -> Range<usize> {
    let words = &context.view.words;
    let is_separator =
        |k: usize| words[k].kind == WordKind::Punct && words[k].is_any(&[",", "(", ")", "–", "-"]);
    let mut before_end = frame.start;
    while before_end > content.start && is_separator(before_end - 1) {
        before_end -= 1;
    }
    let mut after_start = frame.end.min(content.end);
    while after_start < content.end && is_separator(after_start) {
        after_start += 1;
    }
    let before = content.start..before_end;
    let after = after_start..content.end;
    if after.is_empty() {
        before
    } else if before.is_empty() {
        after
    } else {
        content
    }
}

/// A cue verb outside quotes, with its speaker and message.
fn cue_claim(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    i: usize,
) -> Option<(Draft, usize)> {
    let words = &context.view.words;
    if !context.is_cue_word(i) {
        return None;
    }
    // "das erklärte Ziel": a participle used as an adjective.
    if i > content.start && words[i - 1].is_any(DETERMINERS) {
        return None;
    }
    let forms = cues::cue_forms(&words[i].lower);
    let mut cue_end = i + 1;
    let mut particle_at = None;
    if forms.iter().all(|f| f.particle.is_some()) {
        let particle = (i + 1..content.end).find(|&k| {
            forms
                .iter()
                .any(|f| f.particle == Some(words[k].lower.as_str()))
                && words.get(k + 1).is_none_or(|n| {
                    n.kind == WordKind::Punct || n.is_any(&["dass", "und"]) || k + 1 == content.end
                })
        })?;
        particle_at = Some(particle);
        cue_end = i + 1;
    }
    let cue = i..cue_end;
    let cue_span = match particle_at {
        Some(p) if p <= i + 6 => context.span_of(i..p + 1),
        _ => context.span_of(cue.clone()),
    };
    let after_cue = particle_at.map_or(cue_end, |p| p + 1);

    // Passive without an agent: "wurde berichtet, dass …", "gemeldet wurden".
    let participle = forms.iter().any(|f| f.participle);
    let passive = participle
        && (i.saturating_sub(3)..i)
            .chain(i + 1..(i + 3).min(content.end))
            .any(|k| k >= content.start && words[k].is_any(PASSIVE_AUXILIARIES))
        && !(i + 1..content.end.min(i + 4)).any(|k| words[k].is("von"));
    if passive {
        let message = dass_clause(context, after_cue, content.end).unwrap_or_else(|| {
            // The clause around the participle: "…, bei dem zahlreiche Verletzte gemeldet wurden".
            let start = clause_start(context, content.start, i);
            let end = (i + 1..content.end)
                .find(|&k| words[k].is_punct(","))
                .unwrap_or(content.end);
            start..end
        });
        let draft = Draft {
            kind: ClaimKind::Vague,
            range: context.span_of(message.clone()),
            cue: Some(cue_span),
            speaker: None,
            sentence: s,
        };
        return Some((draft, message.end.max(after_cue)));
    }

    let clause_start = clause_start(context, content.start, i);
    let verb_final = is_clause_final(context, after_cue, content.end);
    let opener = &words[clause_start];
    let after_comma = clause_start > content.start;
    let subordinate = verb_final
        && (opener.is_any(SUBORDINATORS)
            && (after_comma
                || !opener.is_any(&[
                    "der", "die", "das", "den", "dem", "denen", "deren", "dessen",
                ])));

    if subordinate {
        return subordinate_claim(context, s, content, clause_start, i, cue_span, after_cue);
    }

    // Main clause: the speaker after the verb (inverted) or before it.
    let right = context
        .speaker_right(after_cue.min(i + 1), content.end)
        .filter(|p| particle_at.is_none_or(|pa| p.words.end <= pa));
    let speaker = right
        .clone()
        .or_else(|| context.speaker_left(content.start, i))?;
    let mut region_start = right.as_ref().map_or(cue_end, |p| p.words.end);
    if let Some(p) = particle_at {
        region_start = region_start.max(p + 1);
    }
    let message = if let Some(clause) = dass_clause(context, region_start, content.end) {
        clause
    } else if let Some(clause) = konjunktiv_clause(context, region_start, content.end) {
        clause
    } else if words.get(region_start).is_some_and(|w| w.is_punct(":"))
        && region_start + 1 < content.end
    {
        region_start + 1..content.end
    } else if right.is_some()
        && i > content.start
        && words[i - 1].is_punct(",")
        && region_start >= content.end
    {
        // "Die Lage sei ernst, sagte er."
        content.start..i - 1
    } else {
        let end = object_end(context, region_start, content.end);
        region_start..end
    };
    if message.is_empty()
        || message
            .clone()
            .all(|k| words[k].kind != WordKind::Word && words[k].kind != WordKind::Number)
    {
        return None;
    }
    let kind = if speaker.vague {
        ClaimKind::Vague
    } else {
        ClaimKind::Indirect
    };
    let resume = if message.start > i {
        message.start
    } else {
        after_cue
    };
    let draft = Draft {
        kind,
        range: context.span_of(message),
        cue: Some(cue_span),
        speaker: Some(speaker),
        sentence: s,
    };
    Some((draft, resume))
}

/// A cue ending a subordinate clause: "wie X erklärte" (a prepositional source for the rest
/// of the sentence), "wo X eine Beteiligung forderte", ", der … forderte".
fn subordinate_claim(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    opener: usize,
    cue: usize,
    cue_span: crate::analysis::model::ByteRange,
    after_cue: usize,
) -> Option<(Draft, usize)> {
    let words = &context.view.words;
    let relative = words[opener].is_any(&["der", "die", "das", "welche", "welcher", "welches"])
        && opener > content.start
        && words[opener - 1].is_punct(",");
    if words[opener].is("wie") {
        let phrase = context.noun_phrase_at(opener + 1, cue);
        let speaker = match phrase {
            Some(p) if words[p.start].is("es") => None,
            Some(p) => Some(context.speaker_phrase(p.clone()).unwrap_or(SpeakerPhrase {
                vague: is_vague_phrase(context, &p),
                words: p,
            })),
            None => None,
        };
        let frame = opener..after_cue;
        let message = message_around(context, content, frame);
        if message.is_empty() {
            return None;
        }
        let kind = if speaker.as_ref().is_none_or(|p| p.vague) {
            ClaimKind::Vague
        } else {
            ClaimKind::Reported
        };
        let draft = Draft {
            kind,
            range: context.span_of(message),
            cue: Some(cue_span),
            speaker,
            sentence: s,
        };
        return Some((draft, after_cue));
    }
    let (speaker, object_start) = if relative {
        let speaker = context.speaker_left(content.start, opener - 1)?;
        (speaker, opener + 1)
    } else {
        let phrase = context.noun_phrase_at(opener + 1, cue)?;
        let speaker = context.speaker_phrase(phrase.clone())?;
        (speaker, phrase.end)
    };
    let message = dass_clause(context, object_start, cue).unwrap_or(object_start..cue);
    if message.is_empty() || message.clone().all(|k| words[k].kind != WordKind::Word) {
        return None;
    }
    let kind = if speaker.vague {
        ClaimKind::Vague
    } else {
        ClaimKind::Indirect
    };
    let draft = Draft {
        kind,
        range: context.span_of(message),
        cue: Some(cue_span),
        speaker: Some(speaker),
        sentence: s,
    };
    Some((draft, after_cue))
}

/// The first word of the clause holding word `i`: after the nearest comma, colon or dash
/// before it, or the sentence start.
fn clause_start(context: &Context<'_>, start: usize, i: usize) -> usize {
    let words = &context.view.words;
    (start..i)
        .rev()
        .find(|&k| words[k].kind == WordKind::Punct && words[k].is_any(&[",", ":", ";", "–", "("]))
        .map_or(start, |k| k + 1)
}

/// Whether the verb ends its clause (possibly before an auxiliary): "…, wie X erklärte."
fn is_clause_final(context: &Context<'_>, after: usize, end: usize) -> bool {
    let words = &context.view.words;
    let mut k = after;
    if k < end
        && words[k].is_any(&[
            "hat", "hatte", "habe", "haben", "hatten", "hätte", "worden", "wurde", "ist", "war",
            "sei",
        ])
    {
        k += 1;
    }
    k >= end || words[k].kind == WordKind::Punct || words[k].kind == WordKind::Quote
}

/// ", dass …" after the cue, to the end of the sentence.
fn dass_clause(context: &Context<'_>, from: usize, end: usize) -> Option<Range<usize>> {
    let words = &context.view.words;
    let limit = (from + 12).min(end);
    let d = (from..limit).find(|&k| words[k].is("dass") && !context.in_quote[k])?;
    // ", was …" comments on the reported clause; it is the writer's, not the speaker's.
    let end = (d + 1..end)
        .find(|&k| {
            words[k].is_punct(",")
                && words
                    .get(k + 1)
                    .is_some_and(|n| n.is_any(&["was", "wobei", "womit"]))
        })
        .unwrap_or(end);
    (d + 1 < end).then_some(d..end)
}

/// ", er sei …": a clause after a comma whose finite verb is Konjunktiv I.
fn konjunktiv_clause(context: &Context<'_>, from: usize, end: usize) -> Option<Range<usize>> {
    let words = &context.view.words;
    let comma = (from..(from + 8).min(end)).find(|&k| words[k].is_punct(","))?;
    let has_konjunktiv =
        (comma + 1..(comma + 10).min(end)).any(|k| cues::is_konjunktiv_one(&words[k].lower));
    (has_konjunktiv && comma + 1 < end).then_some(comma + 1..end)
}

/// Where a reported object ends: before a comma that opens a new clause, a coordinated cue
/// ("… und forderte …"), a colon or a quote.
fn object_end(context: &Context<'_>, from: usize, end: usize) -> usize {
    let words = &context.view.words;
    for k in from..end {
        let word = &words[k];
        if word.kind == WordKind::Quote || word.is_punct(":") || word.is_punct(";") {
            return k;
        }
        if word.is_punct(",")
            && words.get(k + 1).is_some_and(|n| {
                n.is_any(SUBORDINATORS)
                    || n.is_any(&["und", "aber", "doch", "sondern", "so", "sagte"])
            })
        {
            return k;
        }
        if word.is_any(&["und", "sowie", "aber"])
            && (k + 1..(k + 3).min(end)).any(|n| context.is_cue_word(n))
        {
            return k;
        }
    }
    end
}
