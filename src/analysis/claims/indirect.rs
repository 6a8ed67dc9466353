//! Indirect speech and prepositional sources outside quotes: a cue verb with a dass-clause,
//! a Konjunktiv I clause or a reported object; "laut X", "X zufolge", "nach Angaben von X",
//! "wie X mitteilte", ", so X."; vague sources; and Konjunktiv I continuation sentences.

use super::cues::{self, PASSIVE_AUXILIARIES};
use super::figures;
use super::speaker::SpeakerPhrase;
use super::words::{Classes, Word, WordKind};
use super::{Context, Draft};
use crate::analysis::model::{ClaimKind, EntityKind};
use std::ops::Range;

pub(crate) fn detect(context: &Context<'_>, quotes: &[Draft]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let openings = &context.view.openings;
    // The first opening word of the current sentence. Sentences start in order, so it only
    // moves forward; each sentence searches from it afresh, because a statement found may end
    // past its sentence.
    let mut sentence_opening = 0;
    for s in 0..context.view.sentences.len() {
        let before = drafts.len();
        let content = context.content(s);
        while sentence_opening < openings.len() && openings[sentence_opening] < content.start {
            sentence_opening += 1;
        }
        let mut next_opening = sentence_opening;
        let mut i = content.start;
        loop {
            while next_opening < openings.len() && openings[next_opening] < i {
                next_opening += 1;
            }
            match openings.get(next_opening) {
                Some(&opening) if opening < content.end => i = opening,
                _ => break,
            }
            if context.in_quote[i] || context.consumed[i] {
                i += 1;
                continue;
            }
            let found = prepositional_source(context, s, content.clone(), i)
                .or_else(|| stance_claim(context, s, content.clone(), i))
                .or_else(|| nominal_statement(context, s, content.clone(), i))
                .or_else(|| argument_claim(context, s, content.clone(), i))
                .or_else(|| cue_claim(context, s, content.clone(), i));
            match found {
                Some((draft, resume)) => {
                    drafts.push(draft);
                    i = resume.max(i + 1);
                }
                None => i += 1,
            }
        }
        // Reported mood without a new cue keeps the speaker of the statement before.
        if drafts.len() == before {
            // A quotation without a frame inside a reported sentence ("Der Rücktritt sei ein
            // „natürlicher Vorgang“") is part of it; a framed one is a statement of its own.
            let quoted_here = quotes[quotes.partition_point(|q| q.sentence < s)..]
                .iter()
                .take_while(|q| q.sentence == s)
                .any(|q| q.speaker.is_some() || q.cue.is_some());
            // The cheap look-back first: reading the sentence's mood costs a lexicon scan.
            if !quoted_here {
                let continued =
                    match continued_speaker(context, s, content.clone(), &drafts, quotes) {
                        Some(speaker) => Some((ClaimKind::Indirect, Some(speaker))),
                        // "Es wurde berichtet, dass …" and then Konjunktiv: still no one's.
                        None if drafts.last().is_some_and(|d| {
                            d.sentence + 1 == s && d.speaker.is_none() && d.kind == ClaimKind::Vague
                        }) =>
                        {
                            Some((ClaimKind::Vague, None))
                        }
                        None => None,
                    };
                if let Some((kind, speaker)) =
                    continued.filter(|_| continues_reported_speech(context, content.clone()))
                {
                    drafts.push(Draft {
                        kind,
                        range: context.span_of(content.clone()),
                        cue: None,
                        speaker,
                        sentence: s,
                    });
                }
            }
        }
    }
    drafts
}

/// The speaker a sentence without a cue of its own continues: the one of the statement in
/// the sentence before; past a sentence of quotations without a frame (they speak for that
/// same statement); or, for a sentence in Konjunktiv I, past one sentence that attributes
/// nothing and names no one new (an aside on the subject matter). Never further back:
/// reaching over more sentences found more free indirect speech on SpkAtt but cost more
/// precision than it gained.
fn continued_speaker(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    drafts: &[Draft],
    quotes: &[Draft],
) -> Option<SpeakerPhrase> {
    // Only the drafts of the two sentences before, found from the end (both lists are in
    // text order), so that the look-back costs the same however long the article.
    let quotes = &quotes[..quotes.partition_point(|q| q.sentence < s)];
    let (drafts, quotes) = (recent_drafts(drafts, s), recent_drafts(quotes, s));
    let speaker_in = |sentence: usize, named_only: bool| {
        drafts
            .iter()
            .rev()
            .chain(quotes.iter().rev())
            .find(|d| {
                d.sentence == sentence
                    && d.kind != ClaimKind::Numeric
                    && d.speaker.as_ref().is_some_and(|p| !named_only || !p.vague)
            })
            .and_then(|d| d.speaker.clone())
    };
    let previous = s.checked_sub(1)?;
    if let Some(speaker) = speaker_in(previous, false) {
        return Some(speaker);
    }
    if previous == 0 || drafts.iter().any(|d| d.sentence == previous) {
        return None;
    }
    // Every quotation in the sentence before is without a speaker here (else it would have
    // been found above).
    if quotes.iter().any(|q| q.sentence == previous) {
        return speaker_in(previous - 1, false);
    }
    let speaker = speaker_in(previous - 1, true)?;
    (names_no_one(context, previous) && is_konjunktiv_one_sentence(context, content))
        .then_some(speaker)
}

/// The drafts of the two sentences before sentence `s`, from a list in text order that holds
/// none after `s`.
fn recent_drafts(list: &[Draft], s: usize) -> &[Draft] {
    &list[list.partition_point(|d| d.sentence + 2 < s)..]
}

/// A Konjunktiv I form outside quotes ("sei", "habe", "werde"): reported speech for sure,
/// where Konjunktiv II and "soll" may be the writer's own.
fn is_konjunktiv_one_sentence(context: &Context<'_>, content: Range<usize>) -> bool {
    content.clone().any(|k| {
        !context.in_quote[k]
            && context.view.words[k].is_lowercase_word()
            && context.view.words[k].mood.konjunktiv_one
    })
}

/// Whether sentence `p` mentions no person or organisation by name.
fn names_no_one(context: &Context<'_>, p: usize) -> bool {
    context.content(p).all(|k| {
        context.mention_at(k).is_none_or(|m| {
            let mention = &context.mentions[m];
            mention.derived
                || !matches!(mention.kind, EntityKind::Person | EntityKind::Organisation)
        })
    })
}

/// Whether a sentence without a cue of its own is still reported speech: a verb in the
/// reported mood ("sei", "habe", "hätten"), where "soll" counts as hearsay ("soll beteiligt
/// gewesen sein") but not as a plan ("soll gebaut werden").
fn continues_reported_speech(context: &Context<'_>, content: Range<usize>) -> bool {
    let words = &context.view.words;
    let last_verb = content
        .clone()
        .rev()
        .find(|&k| words[k].is_lowercase_word() && !context.in_quote[k]);
    let plan = last_verb.is_some_and(|k| words[k].is_any(&["werden"]));
    content.clone().any(|k| {
        let word = &words[k];
        if context.in_quote[k] {
            return false;
        }
        if word.mood.soll {
            return !plan;
        }
        word.mood.reported
    })
}

/// Whether one of the rules `detect` tries may start at `word`. Each starts at a word of its
/// own kind: a cue verb, a source word ("laut", "zufolge", "so"), a stance adjective, a
/// statement noun. Asked once per word while the text is prepared, so that `detect`, which
/// waits for linking, passes over every other word at the cost of one test. `listed`: whether
/// the word is one of [`opening_words`].
pub(crate) fn may_open_statement(word: &Word<'_>, listed: bool) -> bool {
    !word.cue_forms.is_empty() || (word.kind == WordKind::Word && listed)
}

/// The words besides cue verbs that a rule of `detect` starts at.
pub(crate) fn opening_words() -> impl Iterator<Item = &'static str> {
    SOURCE_WORDS
        .iter()
        .chain(STANCE_ADJECTIVES)
        .chain(ARGUMENT_NOUNS)
        .chain(DECLARED_AIM_NOUNS)
        .chain(STATEMENT_ACT_NOUNS)
        .copied()
}

/// The nouns that name a statement made by the genitive after them (the word class
/// `Classes::STATEMENT_ACT_NOUN`).
pub(crate) fn statement_act_nouns() -> impl Iterator<Item = &'static str> {
    STATEMENT_ACT_NOUNS.iter().copied()
}

/// The words `prepositional_source` starts at.
const SOURCE_WORDS: &[&str] = &[
    "laut",
    "gemäß",
    "zufolge",
    "nach",
    "meinung",
    "ansicht",
    "auffassung",
    "überzeugung",
    "bekannt",
    "demnach",
    "wonach",
    "so",
    "heißt",
    "hieß",
];

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
        if word.is_any(&["laut", "gemäß"]) && (word.is_lowercase_word() || i == content.start) {
            // "laut bildblog.de", "laut „Reuters“": sources the noun-phrase rule does not see.
            let phrase = context.noun_phrase_at(i + 1, content.end).or_else(|| {
                let quoted = context
                    .quotations
                    .iter()
                    .find(|q| q.start == i + 1 && q.end <= content.end);
                let next_word = (i + 1 < content.end && words[i + 1].kind == WordKind::Word)
                    .then_some(i + 1..i + 2);
                quoted.cloned().or(next_word)
            })?;
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
        } else if let Some(noun) = (word.is("nach") && word.is_lowercase_word()
            || word.is("nach") && i == content.start)
            .then(|| statement_noun_after(context, i + 1, content.end))
            .flatten()
        {
            if noun > i + 1 && is_genitive_name(context, noun - 1) {
                let mut first = noun - 1;
                while first > i + 1
                    && context.mention_at(first - 1).is_some()
                    && context.mention_at(first - 1) == context.mention_at(noun - 1)
                {
                    first -= 1;
                }
                let speaker = SpeakerPhrase {
                    words: first..noun,
                    vague: false,
                };
                let frame = i..noun + 1;
                let message = message_around(context, content.clone(), frame.clone());
                if message.is_empty() {
                    return None;
                }
                let draft =
                    context.cued_draft(ClaimKind::Reported, message, i..noun + 1, Some(speaker), s);
                return Some((draft, frame.end));
            }
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
        } else if word.is("nach") && i > content.start && is_statement_noun(&words[i - 1].lower) {
            // "Seiner Meinung nach", "Dem Vernehmen nach": the phrase before the postposition.
            let noun = i - 1;
            let start = if noun > content.start && words[noun - 1].is_in(Classes::DETERMINER) {
                noun - 1
            } else {
                noun
            };
            let possessive = words[start].is_in(Classes::POSSESSIVE);
            let speaker = SpeakerPhrase {
                words: start..noun + 1,
                vague: !possessive,
            };
            (start..i + 1, start..i + 1, Some(speaker))
        } else if word.is_any(&["meinung", "ansicht", "auffassung", "überzeugung"])
            && i >= content.start + 2
            && words[i - 1].is("der")
            && words[i - 2].is_any(&["ist", "sind", "war", "waren", "sei", "seien"])
        {
            // "X ist der Meinung, dass …": an opinion stated as a fact about X.
            let speaker = context.speaker_left(content.start, i - 2)?;
            let message = dass_clause(context, i + 1, content.end)
                .or_else(|| konjunktiv_clause(context, i + 1, content.end))?;
            let kind = kind_for(&speaker, ClaimKind::Indirect);
            let draft = context.cued_draft(kind, message.clone(), i - 2..i + 1, Some(speaker), s);
            return Some((draft, message.end));
        } else if word.is("bekannt")
            && words
                .get(i + 1)
                .is_some_and(|w| w.is_any(&["wurde", "geworden"]))
            && i > content.start
            && (content.start..i).rev().take(4).any(|k| words[k].is("wie"))
        {
            // "Wie heute bekannt wurde, …": known from nowhere in particular.
            let from = (content.start..i)
                .rev()
                .take(4)
                .find(|&k| words[k].is("wie"))
                .unwrap_or(i);
            (from..i + 2, i..i + 2, None)
        } else if word.is("demnach") && i == content.start {
            // "Demnach darf …": the source named in the sentence before.
            (
                i..i + 1,
                i..i + 1,
                Some(SpeakerPhrase {
                    words: i..i + 1,
                    vague: false,
                }),
            )
        } else if word.is("wonach") && i > content.start + 1 && words[i - 1].is_punct(",") {
            // "eine Schätzung, wonach …": the noun before the comma is the source.
            let start = noun_phrase_ending_at(context, content.start, i - 1)?;
            let phrase = start..i - 1;
            let speaker = context
                .speaker_phrase(phrase.clone())
                .unwrap_or(SpeakerPhrase {
                    vague: is_vague_phrase(context, &phrase),
                    words: phrase,
                });
            let end = (i + 1..content.end)
                .find(|&k| {
                    words[k].is_punct(",")
                        && words
                            .get(k + 1)
                            .is_some_and(|n| n.is_in(Classes::SUBORDINATOR))
                })
                .unwrap_or(content.end);
            if end <= i + 2 {
                return None;
            }
            let kind = kind_for(&speaker, ClaimKind::Reported);
            let draft = context.cued_draft(kind, i + 1..end, i..i + 1, Some(speaker), s);
            return Some((draft, end));
        } else if word.is("so") && i > content.start && words[i - 1].is_punct(",") {
            // ", so der Minister." closes the sentence.
            // ", so der OSZE-Bericht, möglich gewesen": or in the middle, between commas.
            let speaker = context
                .speaker_right(i + 1, content.end)
                .filter(|p| p.words.end == content.end || words[p.words.end].is_punct(","))?;
            let frame_end = if speaker.words.end == content.end {
                content.end
            } else {
                speaker.words.end + 1
            };
            (i - 1..frame_end, i..i + 1, Some(speaker))
        } else {
            heisst_es(context, content.start, i, content.end)?
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
    let draft = context.cued_draft(kind, message, cue, speaker, s);
    Some((draft, frame.end))
}

/// Adjectives of conviction and doubt that frame a reported clause: "zeigte sich
/// zuversichtlich, dass …", "hält es für möglich, dass …".
const STANCE_ADJECTIVES: &[&str] = &[
    "überzeugt",
    "zuversichtlich",
    "optimistisch",
    "pessimistisch",
    "skeptisch",
    "besorgt",
    "sicher",
    "möglich",
    "wahrscheinlich",
    "unwahrscheinlich",
    "denkbar",
    "undenkbar",
    "ausgeschlossen",
    "notwendig",
    "nötig",
    "richtig",
    "falsch",
    "sinnvoll",
];

/// Adjectives of a speaker's own conviction, which frame a reported clause after "sein"
/// too: "Der Minister ist zuversichtlich, dass …", "war sich sicher, dass …".
const CONVICTION_ADJECTIVES: &[&str] = &[
    "überzeugt",
    "zuversichtlich",
    "optimistisch",
    "pessimistisch",
    "skeptisch",
    "besorgt",
    "sicher",
];

/// Forms of "sich zeigen" and "es halten für" that carry a stance.
const STANCE_VERBS: &[&str] = &[
    "zeigt", "zeigte", "zeigen", "zeigten", "hält", "hielt", "halten", "hielten",
];

/// A stance with a reported clause: "Der Minister zeigte sich zuversichtlich, dass …",
/// "Die Kanzlerin hält es für möglich, dass …", with `i` at the adjective.
fn stance_claim(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    i: usize,
) -> Option<(Draft, usize)> {
    let words = &context.view.words;
    if !words[i].is_lowercase_word() || !words[i].is_any(STANCE_ADJECTIVES) {
        return None;
    }
    let clause = clause_start(context, content.start, i);
    // The verb within a few words before: "zeigte sich der Minister zuversichtlich".
    let being = |k: usize| {
        words[k].is_any(&["ist", "war", "sind", "waren"]) && words[i].is_any(CONVICTION_ADJECTIVES)
    };
    let verb = (clause.max(i.saturating_sub(6))..i)
        .rev()
        .find(|&k| words[k].is_any(STANCE_VERBS) || being(k))?;
    let shows = words[verb].lower.starts_with("zeig");
    let framed = if being(verb) {
        true
    } else if shows {
        (verb + 1..i).any(|k| words[k].is("sich"))
    } else {
        i >= 2 && words[i - 1].is("für") && (verb + 1..i - 1).any(|k| words[k].is("es"))
    };
    if !framed {
        return None;
    }
    let message = dass_clause(context, i + 1, content.end)
        .or_else(|| konjunktiv_clause(context, i + 1, content.end))
        .or_else(|| infinitive_clause(context, i + 1, content.end))?;
    let speaker = context
        .speaker_right(verb + 1, i)
        .filter(|p| !words[p.words.start].is("es"))
        .or_else(|| context.fronted_subject(content.start, verb))
        .or_else(|| context.speaker_left(content.start, verb))?;
    let draft = context.cued_draft(
        kind_for(&speaker, ClaimKind::Indirect),
        message.clone(),
        verb..i + 1,
        Some(speaker),
        s,
    );
    Some((draft, message.end))
}

/// Nouns that, after "mit dem/der/den", introduce what the subject said: "begründete die
/// Absage mit dem Hinweis, …", "trat den Vorwürfen mit den Worten entgegen, …".
const ARGUMENT_NOUNS: &[&str] = &[
    "argument",
    "begründung",
    "hinweis",
    "worten",
    "bemerkung",
    "feststellung",
    "erklärung",
    "aussage",
    "behauptung",
    "einwand",
    "forderung",
    "warnung",
];

/// "Die BVG begegnet der Kritik mit dem Argument, die Züge seien …": the clause after the
/// noun is the message, the sentence's subject the speaker; `i` at the noun.
fn argument_claim(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    i: usize,
) -> Option<(Draft, usize)> {
    let words = &context.view.words;
    // The rare word first: this runs at every word that may open a statement.
    if i < content.start + 3
        || !words[i - 2].is("mit")
        || !words[i - 1].is_any(&["dem", "der", "den"])
        || !words[i].is_capitalised()
        || !words[i].is_any(ARGUMENT_NOUNS)
    {
        return None;
    }
    let message = dass_clause(context, i + 1, content.end)
        .or_else(|| konjunktiv_clause(context, i + 1, content.end))
        .filter(|m| {
            // The clause follows right after the noun.
            m.start <= i + 3
        })?;
    let phrase = context.noun_phrase_at(content.start, i - 2)?;
    let verb = phrase.end;
    let speaker = if verb < i - 2 && words[verb].is_lowercase_word() {
        context.fronted_subject(content.start, verb)
    } else {
        None
    }
    .or_else(|| {
        // "Das begründete der Minister mit dem Hinweis, …": the subject after the verb.
        let verb = content.start + 1;
        (words[content.start].is_any(&["das", "dies"]) && words[verb].is_lowercase_word())
            .then(|| context.speaker_right(verb + 1, i - 2))
            .flatten()
    })?;
    let draft = context.cued_draft(
        kind_for(&speaker, ClaimKind::Indirect),
        message.clone(),
        i - 2..i + 1,
        Some(speaker),
        s,
    );
    Some((draft, message.end))
}

/// A claim's kind: `named` when its speaker is identifiable, vague otherwise.
fn kind_for(speaker: &SpeakerPhrase, named: ClaimKind) -> ClaimKind {
    if speaker.vague {
        ClaimKind::Vague
    } else {
        named
    }
}

/// "hieß es", "wie es heißt", "aus Regierungskreisen hieß es", "in der Erklärung heißt es",
/// "es heißt in dem Antrag" with `i` at "heißt"/"hieß", in a clause from `start` to `end`:
/// the frame's words, the cue's words and the source (none when no one is named).
pub(crate) fn heisst_es(
    context: &Context<'_>,
    start: usize,
    i: usize,
    end: usize,
) -> Option<(Range<usize>, Range<usize>, Option<SpeakerPhrase>)> {
    let words = &context.view.words;
    // The rare word first: this runs at every word.
    if !words[i].is_any(&["heißt", "hieß"]) {
        return None;
    }
    let es_after = words.get(i + 1).is_some_and(|w| w.is("es"));
    let es_before = i > start && words[i - 1].is("es");
    if !(es_after || es_before) {
        return None;
    }
    let from = if es_before { i - 1 } else { i };
    let from = if from > start && words[from - 1].is("wie") {
        from - 1
    } else {
        from
    };
    let to = if es_after { i + 2 } else { i + 1 };
    // "aus Regierungskreisen hieß es": the circles are the vague source.
    let circles = (start..from)
        .rev()
        .take(3)
        .find(|&k| cues::is_vague_noun(&words[k].lower));
    Some(if let Some(k) = circles {
        let from = if k > start && words[k - 1].is_in(Classes::PREPOSITION) {
            k - 1
        } else {
            k
        };
        let speaker = SpeakerPhrase {
            words: k..k + 1,
            vague: true,
        };
        (from..to, i..to, Some(speaker))
    } else if let Some((preposition, speaker)) = text_source_before(context, start, from) {
        // "In der Erklärung des Verbands heißt es": the text that says it is the source.
        (preposition..to, i..to, Some(speaker))
    } else if let Some(speaker) = text_source_after(context, to, end) {
        // "Es heißt in dem Antrag, …".
        let frame_end = speaker.words.end;
        (from..frame_end, i..to, Some(speaker))
    } else {
        (from..to, i..to, None)
    })
}

/// Prepositions before the text or sender that "heißt es" quotes: "in der Erklärung", "auf
/// der Website", "aus dem Ministerium", "vom Verband".
const TEXT_SOURCE_PREPOSITIONS: &[&str] = &["in", "im", "auf", "aus", "von", "vom", "seitens"];

/// Where "hieß es" finds its source before it: the text prepositions, and "bei" for the sender
/// ("Bei der Agentur hieß es").
const TEXT_SOURCE_BEFORE: &[&str] = &["in", "im", "auf", "aus", "von", "vom", "seitens", "bei"];

/// The source phrase of a prepositional phrase ending right before `end`.
fn text_source_before(
    context: &Context<'_>,
    start: usize,
    end: usize,
) -> Option<(usize, SpeakerPhrase)> {
    let words = &context.view.words;
    // "In der Resolution, die … angenommen wurde, heißt es": over a relative clause.
    let end = if end > start && words[end - 1].is_punct(",") {
        (start..end - 1)
            .rev()
            .take(20)
            .find(|&k| {
                words[k].is_punct(",")
                    && words.get(k + 1).is_some_and(|w| {
                        w.is_any(&[
                            "der", "die", "das", "den", "dem", "denen", "deren", "dessen",
                            "welche", "welcher", "welches", "welchen", "welchem",
                        ])
                    })
            })
            .unwrap_or(end)
    } else {
        end
    };
    let preposition = (start..end)
        .rev()
        .take(10)
        .filter(|&k| words[k].is_any(TEXT_SOURCE_BEFORE))
        .find(|&k| {
            context
                .noun_phrase_at(k + 1, end)
                .is_some_and(|p| p.end == end)
        })?;
    let phrase = preposition + 1..end;
    Some((preposition, text_source(context, phrase)))
}

/// The source phrase of a prepositional phrase starting at `from` ("es heißt in dem Bericht").
fn text_source_after(context: &Context<'_>, from: usize, end: usize) -> Option<SpeakerPhrase> {
    let words = &context.view.words;
    if !words
        .get(from)
        .is_some_and(|w| w.is_any(TEXT_SOURCE_PREPOSITIONS))
    {
        return None;
    }
    let phrase = context.noun_phrase_at(from + 1, end)?;
    // The message follows after a comma or colon, or came before: "„…“, heißt es im Bericht."
    if !words
        .get(phrase.end)
        .is_none_or(|w| phrase.end == end || w.is_punct(",") || w.is_punct(":") || w.is_punct("."))
    {
        return None;
    }
    Some(text_source(context, phrase))
}

/// A text or sender as a source: a named one speaks for its author, a document ("der
/// Erklärung") is a source of its own; only circles and reports are vague.
fn text_source(context: &Context<'_>, phrase: Range<usize>) -> SpeakerPhrase {
    context
        .speaker_phrase(phrase.clone())
        .unwrap_or_else(|| SpeakerPhrase {
            vague: is_vague_phrase(context, &phrase),
            words: phrase,
        })
}

/// A text named by an "in" phrase opening the clause before word `i` ("Im Bericht der
/// Kommission", "In einer Presseerklärung"), as the source of a passive speech verb.
fn text_opening_clause(context: &Context<'_>, clause: usize, i: usize) -> Option<SpeakerPhrase> {
    let words = &context.view.words;
    if !words[clause].is_any(&["in", "im"]) {
        return None;
    }
    let phrase = context.noun_phrase_at(clause + 1, i)?;
    let names_text = phrase.clone().any(|k| {
        let lower = &words[k].lower;
        words[k].is_capitalised()
            && (is_statement_noun(lower)
                || lower.ends_with("erklärung")
                || lower.ends_with("schreiben")
                || lower.ends_with("brief"))
    });
    names_text.then(|| text_source(context, phrase))
}

/// Nouns that name a statement made by the genitive after them: "Äußerungen des Ministers".
const STATEMENT_ACT_NOUNS: &[&str] = &[
    "äußerung",
    "äußerungen",
    "aussage",
    "aussagen",
    "kritik",
    "forderung",
    "forderungen",
    "warnung",
    "warnungen",
    "vorwurf",
    "vorwürfe",
    "behauptung",
    "behauptungen",
    "ankündigung",
    "appell",
];

/// "Das erklärte Ziel", "die erklärte Absicht".
const DECLARED_AIM_NOUNS: &[&str] = &["ziel", "absicht"];

/// A statement carried by a noun: "kritische Äußerungen des Ministers X über Y", "die
/// Forderung der Gewerkschaft nach …", "die Warnung von X vor …". The speaker is the genitive
/// (or "von") phrase; the message is the prepositional object or dass-clause after it.
fn nominal_statement(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    i: usize,
) -> Option<(Draft, usize)> {
    let words = &context.view.words;
    // "Das erklärte Ziel der USA ist es, …": a declared aim is a statement of its holder.
    let declared_aim = words[i].is_any(DECLARED_AIM_NOUNS)
        && i > content.start
        && words[i - 1].is_any(&["erklärte", "erklärtes", "erklärten"]);
    let act_noun = words[i].is_in(Classes::STATEMENT_ACT_NOUN);
    if !(words[i].is_capitalised() && (act_noun || declared_aim)) {
        return None;
    }
    let source_at = i + 1;
    if !words
        .get(source_at)
        .is_some_and(|w| w.is_any(&["des", "der", "von", "vom"]))
    {
        return None;
    }
    let phrase_start = if words[source_at].is_any(&["von", "vom"]) {
        source_at + 1
    } else {
        source_at
    };
    // The speaker must be named: "die Kritik der Opposition" is too vague to score as a source
    // and "die Forderung der Zeit" is no speaker at all.
    let phrase = context.noun_phrase_at(phrase_start, content.end)?;
    let named = phrase.clone().any(|k| {
        context.mention_at(k).is_some_and(|m| {
            let mention = &context.mentions[m];
            !mention.derived
                && matches!(
                    mention.kind,
                    EntityKind::Person | EntityKind::Organisation | EntityKind::Location
                )
        })
    });
    if !named {
        return None;
    }
    let speaker = SpeakerPhrase {
        words: phrase,
        vague: false,
    };
    let after = speaker.words.end;
    let message = if declared_aim {
        // "… ist es, den Konflikt zu beenden": the clause after the comma.
        let mut k = after;
        if !words
            .get(k)
            .is_some_and(|w| w.is_any(&["ist", "sei", "war"]))
        {
            return None;
        }
        k += 1;
        if words.get(k).is_some_and(|w| w.is("es")) {
            k += 1;
        }
        if !words.get(k).is_some_and(|w| w.is_punct(",")) || k + 1 >= content.end {
            return None;
        }
        k + 1..content.end
    } else if words
        .get(after)
        .is_some_and(|w| w.is_any(&["über", "zu", "an", "nach", "vor", "gegen", "wegen"]))
    {
        // The prepositional object runs to the next comma or the end of the sentence.
        let end = (after + 1..content.end)
            .find(|&k| words[k].is_punct(",") || words[k].is_any(&["und", "sowie"]))
            .unwrap_or(content.end);
        (end > after + 1).then_some(after..end)?
    } else if words.get(after).is_some_and(|w| w.is_punct(","))
        && words.get(after + 1).is_some_and(|w| w.is("dass"))
    {
        dass_clause(context, after, content.end)?
    } else if words.get(after).is_some_and(|w| w.is_punct(",")) {
        // "die Forderung der Gewerkschaft, die Löhne zu erhöhen, stieß auf …": the
        // infinitive clause ends at the comma after its verb; the sentence goes on.
        infinitive_clause(context, after, content.end)
            .filter(|m| m.start == after + 1)
            .map(|m| {
                let end = m
                    .clone()
                    .find(|&k| k >= m.start + 2 && words[k].is_punct(",") && words[k - 2].is("zu"))
                    .unwrap_or(m.end);
                m.start..end
            })
            .or_else(|| {
                konjunktiv_clause(context, after, content.end).filter(|m| m.start == after + 1)
            })?
    } else {
        return None;
    };
    // "kritische Äußerungen": an adjective before the noun belongs to the cue.
    let cue_start = if declared_aim
        || i > content.start
            && words[i - 1].is_lowercase_word()
            && words[i - 1].lower.ends_with('e')
            && !words[i - 1].is_in(Classes::DETERMINER)
    {
        i - 1
    } else {
        i
    };
    let kind = if declared_aim {
        ClaimKind::Indirect
    } else {
        ClaimKind::Reported
    };
    let draft = context.cued_draft(kind, message.clone(), cue_start..i + 1, Some(speaker), s);
    Some((draft, message.end))
}

/// "Angaben", "dem Urteil", "einer ersten Analyse": a statement noun after at most a
/// determiner and an adjective.
fn statement_noun_after(context: &Context<'_>, from: usize, end: usize) -> Option<usize> {
    let words = &context.view.words;
    (from..(from + 3).min(end))
        .take_while(|&k| {
            k == from || words[k - 1].is_lowercase_word() || is_genitive_name(context, k - 1)
        })
        .find(|&k| words[k].is_capitalised() && is_statement_noun(&words[k].lower))
}

/// A name in the genitive before its noun: "Müllers", "Merkels".
fn is_genitive_name(context: &Context<'_>, k: usize) -> bool {
    let word = &context.view.words[k];
    word.is_capitalised()
        && (word.lower.ends_with('s') || word.lower.ends_with('\''))
        && context.mention_at(k).is_some_and(|m| {
            !context.mentions[m].derived
                && matches!(
                    context.mentions[m].kind,
                    EntityKind::Person | EntityKind::Organisation
                )
        })
}

/// "Das Unglück forderte 73 Todesopfer", "…, der in London schon 17 Opfer gefordert hat":
/// "fordern" with a count of victims is the toll of an event, no demand and no speaker.
fn is_toll(context: &Context<'_>, cue: usize, object: Range<usize>) -> bool {
    let words = &context.view.words;
    words[cue].lower.contains("forder")
        && object.into_iter().any(|k| {
            let counted = words[k].kind == WordKind::Number
                || figures::parse_number_word(&words[k].lower).is_some()
                || words[k].is_any(&["zahlreiche", "mehrere", "viele", "weitere"]);
            counted && words.get(k + 1).is_some_and(|n| is_casualty_noun(&n.lower))
        })
}

/// Nouns counting the dead and injured of an event ("Tote", "Todesopfer", "Verletzte").
fn is_casualty_noun(lower: &str) -> bool {
    matches!(
        lower,
        "tote" | "toten" | "todesopfer" | "opfer" | "menschenleben" | "verletzte" | "verletzten"
    )
}

fn is_statement_noun(lower: &str) -> bool {
    // Laws speak for themselves: "nach dem Grundgesetz", "nach der Verfassung".
    if lower.ends_with("gesetz") || lower == "verfassung" || lower == "satzung" {
        return true;
    }
    // Compounds too: "Polizeiangaben", "Medieninformationen".
    [
        "angaben",
        "informationen",
        "aussagen",
        "meinung",
        "analyse",
        "urteil",
        "entwurf",
        "erkenntnissen",
        "umfrage",
        "studie",
        "planungen",
        "bericht",
        "berichten",
        "meldung",
        "meldungen",
        "schätzung",
        "stellungnahme",
        "mitteilung",
        "recherchen",
        "berechnungen",
        "ermittlungen",
        "auskunft",
        "vorhersage",
        "prognose",
        "hochrechnung",
        "hochrechnungen",
        "erkenntnisstand",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
        || matches!(
            lower,
            "angaben"
                | "vernehmen"
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
    // Back over names, genitive attributes and parentheses: "Einer Presseerklärung des
    // Verbandes Deutscher Realschullehrer (VDR) zufolge".
    let mut depth = 0usize;
    while k > start {
        let word = &words[k - 1];
        if word.is_punct(")") {
            depth += 1;
        } else if word.is_punct("(") {
            depth = depth.saturating_sub(1);
        } else if depth == 0
            && !(word.is_capitalised()
                || context.mention_at(k - 1).is_some()
                || (word.is_any(&["des", "der", "eines", "einer"])
                    && k < end
                    && words[k].is_capitalised()))
        {
            break;
        }
        k -= 1;
    }
    // The phrase starts at its first capitalised word or article, never at a genitive article.
    while k < end && words[k].is_any(&["des", "eines"]) {
        k += 1;
    }
    if k == end {
        return None;
    }
    let mut from = k;
    while from > start
        && from + 3 > k
        && words[from - 1].is_lowercase_word()
        && !words[from - 1].is_in(Classes::PREPOSITION)
    {
        from -= 1;
        if words[from].is_in(Classes::DETERMINER) {
            break;
        }
    }
    if from < k && !words[from].is_in(Classes::DETERMINER) {
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
    // "um … zu sprechen": an infinitive reports nothing.
    if i > content.start && words[i - 1].is("zu") {
        return None;
    }
    // "das erklärte Ziel": a participle used as an adjective; but a sentence-initial "Das"
    // before a verb may be a demonstrative object ("Das teilte die Polizei mit").
    // "Das erklärte Ziel der USA": after an article the participle is followed by its noun;
    // after a demonstrative comes the subject, a pronoun, determiner or name.
    let demonstrative_start = i == content.start + 1
        && words[content.start].is("das")
        && i + 1 < content.end
        && (words[i + 1].is_lowercase_word() || context.mention_at(i + 1).is_some());
    if i > content.start && words[i - 1].is_in(Classes::DETERMINER) && !demonstrative_start {
        return None;
    }
    let forms = words[i].cue_forms;
    // "sagte den Streik ab", "schrieb den Erfolg dem Glück zu": a separable particle closing
    // the clause that belongs to none of the cue's readings makes it another verb (absagen,
    // zuschreiben).
    let clause_close = (i + 1..content.end)
        .find(|&k| {
            words[k].kind == WordKind::Punct && words[k].is_any(&[",", ";", ":"])
                || words[k].is_any(&["und", "oder", "sowie", "aber", "sondern"])
        })
        .unwrap_or(content.end);
    if clause_close > i + 1 {
        let last = &words[clause_close - 1];
        let foreign = last.is_any(PARTICLES)
            && !context.in_quote[clause_close - 1]
            && !forms
                .iter()
                .any(|f| f.particle == Some(last.lower.as_ref()));
        if foreign {
            return None;
        }
    }
    let mut cue_end = i + 1;
    let mut particle_at = None;
    // "wie der Verband bekannt gab": the particle before the verb at the clause end.
    let particle_before = i > content.start
        && forms
            .iter()
            .any(|f| f.particle == Some(words[i - 1].lower.as_ref()));
    if forms.iter().all(|f| f.particle.is_some()) && !particle_before {
        let particle = (i + 1..content.end).find(|&k| {
            forms
                .iter()
                .any(|f| f.particle == Some(words[k].lower.as_ref()))
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

    // Passive: "wurde berichtet, dass …" has no source; "wurden von X als unrealistisch
    // bezeichnet" names it after "von".
    // Some participles read like finite forms ("bezeichnet"); the auxiliary decides.
    let participle = forms.iter().any(|f| f.participle) || words[i].lower.ends_with('t');
    let clause = clause_start(context, content.start, i);
    // "Die Pläne wurden von der Opposition als unrealistisch bezeichnet": a participle closing
    // its clause is passive with the auxiliary anywhere before it in the clause.
    let closes_clause = words
        .get(after_cue)
        .is_none_or(|w| after_cue >= content.end || w.kind == WordKind::Punct);
    let auxiliary_in_clause =
        closes_clause && (clause..i).any(|k| words[k].is_any(PASSIVE_AUXILIARIES));
    let passive = participle
        && (auxiliary_in_clause
            || (i.saturating_sub(3)..i)
                .chain(i + 1..(i + 3).min(content.end))
                .any(|k| k >= content.start && words[k].is_any(PASSIVE_AUXILIARIES)));
    if passive {
        // The "von" phrase of a passive speech verb is its speaker, whatever its head.
        let agent = (clause..i)
            .find(|&k| words[k].is_any(&["von", "vom"]) && !context.in_quote[k])
            .and_then(|k| context.noun_phrase_at(k + 1, i))
            .map(|p| {
                context.speaker_phrase(p.clone()).unwrap_or(SpeakerPhrase {
                    vague: is_vague_phrase(context, &p),
                    words: p,
                })
            });
        if let Some(agent) = agent {
            // "wurde vom Amtsgericht zu einer Geldstrafe verurteilt", "von den Behörden zum
            // Katastrophengebiet erklärt", "von einem Gericht zur Herausgabe aufgefordert": a
            // "zu" phrase of result or goal between the agent and the participle makes it an
            // act done to someone, not a statement ("als" would make it one again).
            let agent_end = agent.words.end;
            let act = (agent_end..i).any(|k| {
                words[k].is_any(&["zum", "zur"])
                    || (words[k].is("zu")
                        && words.get(k + 1).is_some_and(|n| {
                            n.is_in(Classes::DETERMINER) || (n.is_capitalised() && k + 1 < i)
                        }))
            }) && !(clause..i).any(|k| words[k].is("als"));
            if act {
                return None;
            }
            // "Die Angaben wurden von der Airline nicht bestätigt", "muss noch vom Parlament
            // bestätigt werden": a denied or pending act states nothing.
            let denied_or_pending =
                (clause..i).any(|k| words[k].is_any(NEGATIONS) || words[k].is_any(PENDING_MODALS));
            if denied_or_pending {
                return None;
            }
            let kind = kind_for(&agent, ClaimKind::Reported);
            let draft = Draft {
                kind,
                range: context.span_of(content.clone()),
                cue: Some(cue_span),
                speaker: Some(agent),
                sentence: s,
            };
            return Some((draft, content.end));
        }
        // "In einer Presseerklärung wurde verkündet, dass …": the text that says it speaks.
        // "In einer Presseerklärung wurde verkündet, dass …": the text that says it speaks.
        let text_speaker = text_opening_clause(context, clause, i);
        if let Some(speaker) = text_speaker {
            let message = dass_clause(context, after_cue, content.end)
                .or_else(|| konjunktiv_clause(context, after_cue, content.end))
                .or_else(|| infinitive_clause(context, after_cue, content.end));
            if let Some(message) = message {
                let draft = Draft {
                    kind: kind_for(&speaker, ClaimKind::Reported),
                    range: context.span_of(message.clone()),
                    cue: Some(cue_span),
                    speaker: Some(speaker),
                    sentence: s,
                };
                return Some((draft, message.end));
            }
        }
        // Without a reported clause a passive speech act is an event ("wurde beschuldigt");
        // a passive report ("Verletzte wurden gemeldet") is a report without a source.
        let reporting = words[i].is_any(&["berichtet", "gemeldet", "verlautet"]);
        // "Die Anwohner wurden aufgefordert, die Fenster zu schließen": an unsourced demand.
        let message = dass_clause(context, after_cue, content.end)
            .or_else(|| konjunktiv_clause(context, after_cue, content.end))
            .or_else(|| infinitive_clause(context, after_cue, content.end))
            .or_else(|| {
                reporting.then(|| {
                    // The clause around the participle: "…, bei dem zahlreiche Verletzte gemeldet wurden".
                    let end = (i + 1..content.end)
                        .find(|&k| words[k].is_punct(","))
                        .unwrap_or(content.end);
                    clause..end
                })
            })?;
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
        && (opener.is_in(Classes::SUBORDINATOR)
            && (after_comma
                || !opener.is_any(&[
                    "der", "die", "das", "den", "dem", "denen", "deren", "dessen",
                ])));

    if subordinate {
        return subordinate_claim(context, s, content, clause_start, i, cue_span, after_cue);
    }
    if let Some(found) = demonstrative_frame(context, s, content.clone(), i, after_cue, &cue_span) {
        return Some(found);
    }
    if demonstrative_start {
        return None;
    }

    // Main clause: the speaker after the verb (inverted) or before it.
    let right = context
        .speaker_right(after_cue.min(i + 1), content.end)
        .filter(|p| particle_at.is_none_or(|pa| p.words.end <= pa));
    // "Der Hauptgeschäftsführer nannte sie „fahrlässig“": after a subject at the clause start,
    // "sie" is the object.
    // "Die Opposition warf dem Minister Untätigkeit vor": with the subject before the verb,
    // the phrase after it is an object; only "er", "ich", "wir" are nominative for sure
    // ("Die Reform kritisierte er scharf").
    // The phrase must reach from the sentence start to the verb, so commas inside it belong to
    // a list or an apposition ("Der Vorsitzende, Karl Huber, warf …"), not to a clause.
    let fronted = context.fronted_subject(content.start, i);
    let inverted = right.clone();
    let right = right.filter(|p| {
        let lone_sie = words[p.words.start].is("sie")
            && p.words.len() == 1
            && i > content.start
            && context.speaker_left(content.start, i).is_some();
        let nominative_pronoun =
            p.words.len() == 1 && words[p.words.start].is_any(&["er", "ich", "wir"]);
        !lone_sie && (fronted.is_none() || nominative_pronoun)
    });
    let speaker_end = right.as_ref().map_or(cue_end, |p| p.words.end);
    // After a separable particle comes the reported clause; between verb and particle the object.
    let region_start = particle_at.map_or(speaker_end, |p| p + 1);
    // A clause after an object ("forderte die Regierung auf, … zu stoppen") starts after it.
    let clause_region = particle_at.map_or_else(
        || inverted.as_ref().map_or(speaker_end, |p| p.words.end),
        |p| p + 1,
    );
    // "Der Präsident hatte die Ministerin gebeten, …": in the perfect the subject stands before
    // the finite auxiliary or right after it, and the phrase nearest the participle is its
    // object.
    let perfect_subject = || {
        if !verb_final || right.is_some() {
            return None;
        }
        let auxiliary = (clause_start..i).find(|&k| words[k].is_any(AUXILIARIES))?;
        context
            .fronted_subject(clause_start, auxiliary)
            .or_else(|| context.speaker_right(auxiliary + 1, i))
    };
    let speaker = match right
        .clone()
        .or_else(|| fronted.clone())
        // Only a correction of the speaker found left of the participle, never a new claim.
        .or_else(|| {
            context
                .speaker_left(content.start, i)
                .map(|left| perfect_subject().unwrap_or(left))
        }) {
        Some(speaker) => speaker,
        // "Die Frauen hatten angegeben, dass …", "Der Verdächtige gab an, … getötet zu haben":
        // whoever is the subject of a speech verb with a reported clause speaks, even a noun that names no speaker by itself.
        None if clause_start == content.start
            && (dass_clause(context, clause_region, content.end).is_some()
                || konjunktiv_clause(context, clause_region, content.end).is_some()
                || infinitive_clause(context, clause_region, content.end).is_some()) =>
        {
            context.clause_subject(content.start, i)?
        }
        None => return None,
    };
    // "Ein Sprecher wollte nicht bestätigen, dass …", "bestätigte nicht, dass …": a speech act
    // denied is not made.
    let denied_before = i > content.start && words[i - 1].is_any(NEGATIONS);
    let denied_after = words.get(after_cue).is_some_and(|w| w.is_any(NEGATIONS))
        && words
            .get(after_cue + 1)
            .is_none_or(|w| w.is_punct(",") || w.is("dass") || after_cue + 1 >= content.end);
    let denied = denied_before || denied_after;
    let mut attitude_only = denied;
    let message = if let Some(clause) = dass_clause(context, clause_region, content.end) {
        clause
    } else if let Some(clause) = konjunktiv_clause(context, clause_region, content.end) {
        clause
    } else if let Some(clause) = infinitive_clause(context, clause_region, content.end) {
        clause
    } else if words.get(region_start).is_some_and(|w| w.is_punct(":"))
        && region_start + 1 < content.end
    {
        region_start + 1..content.end
    } else if let Some(message) = (right.is_some()
        && i >= content.start + 2
        && words[i - 1].is("so")
        && words[i - 2].is_punct(","))
    .then(|| {
        // "Die Lage sei ernst, so sagte der Minister." / "Es sei, so schrieb sie in einer
        // Stellungnahme, eine Ehre": a frame after "so" between commas or at the end.
        let frame_end = (i + 1..content.end)
            .find(|&k| words[k].is_punct(","))
            .map_or(content.end, |k| k + 1);
        message_around(context, content.clone(), i - 2..frame_end)
    })
    .filter(|m| !m.is_empty())
    {
        message
    } else if right.is_some()
        && i > content.start
        && words[i - 1].is_punct(",")
        && (region_start >= content.end || (content.start..i).any(|k| words[k].mood.reported))
    {
        // "Die Lage sei ernst, sagte er."
        content.start..i - 1
    } else {
        // "Die Opposition kritisierte den Beschluss": an attitude towards a thing, no statement.
        let attitude = cues::is_attitude_verb(&words[i].lower);
        let object = match particle_at {
            // "gab der Bundeswahlleiter eine Wahlbeteiligung von 77,7 Prozent bekannt".
            Some(p) => trim_object(context, speaker_end..p),
            // "Die CDU hatte Aufklärung gefordert": the verb ends the clause, the object precedes it.
            None if verb_final
                && right.is_none()
                && (speaker.words.end..i).any(|k| words[k].is_any(AUXILIARIES)) =>
            {
                let from = (speaker.words.end..i)
                    .find(|&k| words[k].is_any(AUXILIARIES))
                    .map_or(speaker.words.end, |k| k + 1);
                trim_object(context, from..i)
            }
            None => {
                // "nannte Reinhard Jung, Geschäftsführer des Verbandes, die Kartoffel …": an
                // apposition after the inverted speaker is no object; the object follows it.
                let apposition =
                    right.is_some() && words.get(region_start).is_some_and(|w| w.is_punct(","));
                let from = if apposition {
                    let close =
                        (region_start + 1..content.end).find(|&k| words[k].is_punct(","))?;
                    close + 1
                } else {
                    region_start
                };
                trim_object(context, from..object_end(context, from, content.end))
            }
        };
        // A reported object is a noun phrase with content, not an adverbial ("sagte am Abend").
        let object =
            if object.len() < MIN_OBJECT_WORDS || is_time_adverbial(context, object.clone()) {
                // "Von einer „gezielten Indiskredition“ sprach der Grünen-Politiker": the object
                // stands before the verb when the subject follows it.
                let fronted = trim_object(context, content.start..i);
                let fronted_fits = right.is_some()
                    && fronted.len() >= MIN_OBJECT_WORDS
                    && !words[content.start].is_in(Classes::SUBORDINATOR)
                    && !is_time_adverbial(context, fronted.clone());
                if !fronted_fits {
                    return None;
                }
                fronted
            } else {
                object
            };
        if is_toll(context, i, object.clone()) {
            return None;
        }
        // An "als" predicate or quoted words make it a statement after all ("verurteilte den
        // Anschlag als feige", "äußerte „große Bedenken“").
        let stated = object
            .clone()
            .any(|k| words[k].is("als") || context.in_quote[k]);
        attitude_only |= attitude && !stated;
        // "Ein Sprecher konnte erste Berichte nicht bestätigen", "Der Täter wollte sich wieder
        // melden": a speech act someone could, would or wanted to make is not one they made.
        let modal = verb_final && (clause_start..i).any(|k| words[k].is_any(MODALS));
        attitude_only |= modal;
        // "Er hat die Tat nicht gestanden", "bestätigte den Bericht nicht", "gab er nicht
        // bekannt": a speech act denied is not made.
        let negated = (object.end < content.end && words[object.end].is_any(NEGATIONS))
            || (object.end > object.start && words[object.end - 1].is_any(NEGATIONS))
            || particle_at.is_some_and(|p| words[p - 1].is_any(NEGATIONS));
        attitude_only |= negated;
        // "äußerte sich besorgt über …", "hat sich zu dem Vorfall geäußert": commenting on
        // something, with no content given.
        let comment = words[i].lower.contains("äußer")
            && (clause_start..content.end).any(|k| words[k].is("sich"));
        attitude_only |= comment;
        object
    };
    if message.is_empty()
        || message
            .clone()
            .all(|k| words[k].kind != WordKind::Word && words[k].kind != WordKind::Number)
    {
        return None;
    }
    let kind = kind_for(&speaker, ClaimKind::Indirect);
    let resume = if message.start > i {
        message.start
    } else {
        after_cue
    };
    // An attitude without a statement is no claim, but its speaker stays the one the next
    // sentences report ("Die Polizei bittet um Hinweise. Der Mann sei etwa 30 Jahre alt."):
    // the draft keeps an empty range, which assembling drops.
    let range = if attitude_only {
        context.span_of(message.start..message.start)
    } else {
        context.span_of(message)
    };
    let draft = Draft {
        kind,
        range,
        cue: Some(cue_span),
        speaker: Some(speaker),
        sentence: s,
    };
    Some((draft, resume))
}

/// "Dies bestätigte ein Sprecher." / "Das teilte die Polizei mit.": a demonstrative object
/// before the cue points back at the previous sentence, which is the message (with the
/// demonstrative standing for it).
fn demonstrative_frame(
    context: &Context<'_>,
    s: usize,
    content: Range<usize>,
    i: usize,
    after_cue: usize,
    cue_span: &crate::analysis::model::ByteRange,
) -> Option<(Draft, usize)> {
    let words = &context.view.words;
    if s == 0 || i != content.start + 1 || !words[content.start].is_any(&["dies", "das", "dieses"])
    {
        return None;
    }
    // "Das erklärte er damit, dass …": the clause after the cue is the message, not the
    // sentence before.
    if dass_clause(context, after_cue, content.end).is_some()
        || konjunktiv_clause(context, after_cue, content.end).is_some()
    {
        return None;
    }
    let previous = context.content(s - 1);
    // A quotation before is the quote rules' business; a question is no statement.
    let closing = context.view.sentences[s - 1].words.end;
    let question = closing > previous.end && words[closing - 1].is_punct("?");
    if previous.is_empty() || question || previous.clone().any(|k| context.in_quote[k]) {
        return None;
    }
    // The inverted subject between the verb and its particle ("teilte die Polizei mit").
    let limit = if after_cue > i + 1 {
        after_cue - 1
    } else {
        content.end
    };
    let speaker = context.speaker_right(i + 1, limit)?;
    let draft = Draft {
        kind: kind_for(&speaker, ClaimKind::Indirect),
        range: context.span_of(previous.start..content.start + 1),
        cue: Some(cue_span.clone()),
        speaker: Some(speaker),
        sentence: s,
    };
    Some((draft, content.end))
}

/// A cue ending a subordinate clause: "wie X erklärte" (a prepositional source for the rest
/// of the sentence), "wo X eine Beteiligung forderte", ", der … forderte".
/// The name (person, organisation or place) ending right before word `comma`.
fn named_antecedent(context: &Context<'_>, start: usize, comma: usize) -> Option<SpeakerPhrase> {
    let last = comma.checked_sub(1).filter(|&k| k >= start)?;
    let m = context.mention_at(last)?;
    let mention = &context.mentions[m];
    let fits = !mention.derived
        && matches!(
            mention.kind,
            EntityKind::Person | EntityKind::Organisation | EntityKind::Location
        );
    if !fits {
        return None;
    }
    let mut first = last;
    while first > start && context.mention_at(first - 1) == Some(m) {
        first -= 1;
    }
    Some(SpeakerPhrase {
        words: first..last + 1,
        vague: false,
    })
}

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
        // "… der Haltung Moskaus, das … ablehnt": the relative pronoun is the subject, so the
        // name right before the comma speaks whatever its own case.
        let speaker = named_antecedent(context, content.start, opener - 1)
            .or_else(|| context.speaker_left(content.start, opener - 1))?;
        (speaker, opener + 1)
    } else {
        let phrase = context.noun_phrase_at(opener + 1, cue)?;
        let speaker = context.speaker_phrase(phrase.clone())?;
        (speaker, phrase.end)
    };
    let clause = dass_clause(context, object_start, cue);
    let message = clause
        .clone()
        .unwrap_or_else(|| trim_object(context, object_start..cue));
    if message.len() < MIN_OBJECT_WORDS {
        return None;
    }
    // As in main clauses: "während die Partei den Vorschlag begrüßte", "…, der den Bericht
    // nicht bestätigte" report no statement. A relative clause ascribing an attitude to the
    // name before it ("Moskaus, das Truppenbewegungen strikt ablehnt") characterises where
    // that name stands, and stays a claim.
    let stated = message
        .clone()
        .any(|k| words[k].is("als") || context.in_quote[k]);
    let attitude = cues::is_attitude_verb(&words[cue].lower) && !stated && !relative;
    let denied = words[cue - 1].is_any(NEGATIONS);
    if clause.is_none() && (attitude || denied || is_toll(context, cue, message.clone())) {
        return None;
    }
    let kind = kind_for(&speaker, ClaimKind::Indirect);
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

/// Finite auxiliaries and modals before a clause-final participle or infinitive.
const AUXILIARIES: &[&str] = &[
    "hat", "hatte", "haben", "hatten", "habe", "hätte", "will", "wollte", "wollen", "wollten",
    "soll", "sollte", "sollen", "kann", "konnte", "können", "muss", "musste", "müssen", "wird",
    "werden", "würde", "würden",
];

/// Words that deny the verb they stand next to.
const NEGATIONS: &[&str] = &["nicht", "nie", "niemals", "keiner", "keinerlei"];

/// Modal verbs before a passive: "muss noch bestätigt werden", "konnte nicht bestätigt werden".
const PENDING_MODALS: &[&str] = &[
    "kann", "konnte", "können", "konnten", "will", "wollte", "wollen", "wollten", "muss", "musste",
    "müssen", "mussten", "möchte", "möchten", "darf", "durfte", "dürfen",
];

/// Modal verbs (and the future "werden") before a clause-final infinitive.
const MODALS: &[&str] = &[
    "kann", "konnte", "können", "konnten", "will", "wollte", "wollen", "wollten", "muss", "musste",
    "müssen", "mussten", "möchte", "möchten", "darf", "durfte", "dürfen", "wird", "werden",
];

/// Reported objects shorter than this are adverbials ("weiter", "am Abend").
const MIN_OBJECT_WORDS: usize = 2;

/// Whether every noun of `words` names a time ("am Abend", "heute in der Früh").
fn is_time_adverbial(context: &Context<'_>, words: Range<usize>) -> bool {
    // "in einem Interview", "am 25. November": where and when, not what.
    if words.start < words.end
        && words.len() <= 4
        && context.view.words[words.start].is_any(&["in", "im", "am", "bei", "beim", "während"])
    {
        return true;
    }
    const TIMES: &[&str] = &[
        "abend",
        "morgen",
        "mittag",
        "nachmittag",
        "vormittag",
        "nacht",
        "wochenende",
        "woche",
        "tag",
        "jahr",
        "monat",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "früh",
        "zeit",
    ];
    let nouns: Vec<usize> = words
        .filter(|&k| context.view.words[k].is_capitalised())
        .collect();
    nouns.is_empty() || nouns.iter().all(|&k| context.view.words[k].is_any(TIMES))
}

/// Separable particles that close a verb's clause ("sprach sich für … aus").
const PARTICLES: &[&str] = &[
    "zu", "an", "aus", "ab", "mit", "vor", "fest", "hin", "auf", "ein", "zurück", "bekannt",
    "klar", "dar", "hervor",
];

/// An object without the reflexive pronoun before it, a separable particle or punctuation
/// after it.
fn trim_object(context: &Context<'_>, mut object: Range<usize>) -> Range<usize> {
    let words = &context.view.words;
    while object.start < object.end
        && (words[object.start].is("sich") || words[object.start].kind == WordKind::Punct)
    {
        object.start += 1;
    }
    while object.end > object.start
        && (words[object.end - 1].kind == WordKind::Punct
            || words[object.end - 1].is_any(PARTICLES))
    {
        object.end -= 1;
    }
    object
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
    // Konjunktiv I beyond the listed forms: third person singular in "-e" right after its
    // subject ("der Sänger leide", "er verlange"); "-te" is the weak past tense.
    // Not in a relative or adverbial clause ("…, wo X eine Beteiligung forderte"), and not a
    // determiner or quantifier ("eine", "keine", "viele").
    // An article before a noun ("der Sänger") is no relative pronoun.
    let main_clause = comma + 2 < end
        && (!words[comma + 1].is_in(Classes::SUBORDINATOR)
            || words[comma + 1].is_in(Classes::DETERMINER) && words[comma + 2].is_capitalised());
    let regular_konjunktiv = |k: usize| {
        let word = &words[k];
        main_clause
            && k > comma + 1
            && word.is_lowercase_word()
            && !word.is_in(Classes::DETERMINER)
            && !word.is_any(&[
                "keine", "seine", "meine", "deine", "unsere", "diese", "jene", "alle", "viele",
                "einige", "beide", "welche", "solche", "manche", "ihre", "eure",
            ])
            && word.lower.chars().count() >= 4
            && word.lower.ends_with('e')
            && !word.lower.ends_with("te")
            && (words[k - 1].is_capitalised() || words[k - 1].is_any(&["er", "sie", "es", "man"]))
    };
    let has_konjunktiv =
        (comma + 1..(comma + 10).min(end)).any(|k| words[k].mood.reported || regular_konjunktiv(k));
    (has_konjunktiv && comma + 1 < end).then_some(comma + 1..end)
}

/// ", diese Problematik anzusprechen": a zu-infinitive clause after a comma, to the end.
fn infinitive_clause(context: &Context<'_>, from: usize, end: usize) -> Option<Range<usize>> {
    let words = &context.view.words;
    let comma = (from..(from + 8).min(end)).find(|&k| words[k].is_punct(","))?;
    // "äußern Überlegungen, eine Mission … zu etablieren": the infinitive belongs to the noun
    // before the comma, which is the object.
    // An addressee in the dative does not count: "empfahl dem Gericht, … stattzugeben".
    let addressee = |k: usize| k > from && words[k - 1].is_any(&["dem", "einem", "den"]);
    if (from..comma).any(|k| words[k].is_capitalised() && !addressee(k)) {
        return None;
    }
    let clause_end = (comma + 1..end)
        .find(|&k| words[k].is_punct(","))
        .unwrap_or(end);
    let last = clause_end.checked_sub(1).filter(|&l| l > comma)?;
    let verb = &words[last];
    let infinitive = verb.is_lowercase_word()
        && verb.lower.ends_with('n')
        && (words[last - 1].is("zu")
            || verb
                .lower
                .char_indices()
                .skip(1)
                .any(|(b, _)| verb.lower[b..].starts_with("zu")));
    // "…, sich zu bewerben, …" may go on; the message runs to the sentence end.
    (infinitive && last > comma + 1).then_some(comma + 1..end)
}

/// Where a reported object ends: before a comma that opens a new clause, a coordinated cue
/// ("… und forderte …"), a colon or a quote.
fn object_end(context: &Context<'_>, from: usize, end: usize) -> usize {
    let words = &context.view.words;
    for k in from..end {
        let word = &words[k];
        // Quoted fragments belong to the object ("nannte die Absage einen „Vertrauensbruch“");
        // a colon opens a quote of its own.
        if word.is_punct(":") || word.is_punct(";") {
            return k;
        }
        if word.is_punct(",")
            && words.get(k + 1).is_some_and(|n| {
                n.is_in(Classes::SUBORDINATOR)
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
