//! Direct quotes in every quoting style („…“, "…", »…«, «…», ‚…‘, “…”), with their
//! attribution frame: "…", sagte er. / X sagte: "…" / "…", meinte der Norweger, "…".

use super::indirect;
use super::speaker::SpeakerPhrase;
use super::words::{WordKind, WordView};
use super::{Context, Draft};
use crate::analysis::model::{ByteRange, ClaimKind};

/// Byte spans of quotations, marks included. An unclosed quote ends at its paragraph's end.
pub(crate) fn quote_spans(text: &str) -> Vec<ByteRange> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(start) = next_quote_char(text, from) {
        let c = text[start..]
            .chars()
            .next()
            .expect("a quote mark starts here");
        let after_mark = start + c.len_utf8();
        from = after_mark;
        let previous = text[..start].chars().next_back();
        let next = text[after_mark..].chars().next();
        let opens_after_space = previous.is_none_or(|p| p.is_whitespace() || "([/–—-".contains(p));
        let followed_by_text = next.is_some_and(|n| !n.is_whitespace());
        let closers: &[char] = match c {
            '„' => &['“', '”', '"'],
            '»' => &['«'],
            '«' if opens_after_space => &['»'],
            '‚' if opens_after_space => &['‘', '’'],
            '“' if opens_after_space && followed_by_text => &['”', '“'],
            '"' if opens_after_space && followed_by_text => &['"', '“'],
            '‹' => &['›'],
            _ => continue,
        };
        let mut end = text.len();
        for (offset, d) in text[after_mark..].char_indices() {
            let at = after_mark + offset;
            if d == '\n' {
                end = at;
                break;
            }
            if closers.contains(&d) {
                // A straight quote closes only before a non-letter.
                if d == '"' && text[at + 1..].starts_with(char::is_alphanumeric) {
                    continue;
                }
                end = at + d.len_utf8();
                break;
            }
        }
        // The search for the next opening mark goes on after this quotation.
        from = from.max(end);
        if end > after_mark {
            spans.push(start..end);
        }
    }
    spans
}

/// The byte offset of the first character at or after `from` that may open a quotation.
/// Every opening mark is '"' or a character whose UTF-8 form starts with 0xC2 (« ») or 0xE2
/// („ “ ‚ ‹), so a vectorised search for those three bytes skips the plain text between.
fn next_quote_char(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        at += memchr::memchr3(b'"', 0xC2, 0xE2, &text.as_bytes()[at..])?;
        let c = text[at..].chars().next().expect("a character starts here");
        if super::words::is_quote_char(c) {
            return Some(at);
        }
        at += c.len_utf8();
    }
}

/// Every quotation as a word range, marks included, in text order.
pub(crate) fn quotations(view: &WordView<'_>) -> Vec<std::ops::Range<usize>> {
    let mut quotations = Vec::new();
    for span in quote_spans(view.text) {
        let Some(first) = view.word_at_byte(span.start) else {
            continue;
        };
        let last = view.words.partition_point(|w| w.range.start < span.end);
        if last > first {
            quotations.push(first..last);
        }
    }
    quotations
}

/// The framed and free-standing direct quotes; marks their frame's cue as used.
pub(crate) fn detect(context: &mut Context<'_>) -> Vec<Draft> {
    let quotes = context.quotations.clone();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut merged_into_previous = vec![false; quotes.len()];
    for q in 0..quotes.len() {
        if merged_into_previous[q] {
            continue;
        }
        let words = quotes[q].clone();
        let Some(sentence) = context.view.sentence_of(words.start) else {
            continue;
        };
        let mut range = context.span_of(words.clone());
        let mut frame = frame_after(context, words.end);
        if let Some(found) = &frame {
            // "…", meinte der Norweger, "…": the second part continues the same quote.
            if let (Some(next_quote), Some(after)) = (quotes.get(q + 1), found.ends_at) {
                let gap = after..next_quote.start;
                let only_comma = gap.clone().all(|k| context.view.words[k].is_punct(","));
                if only_comma && gap.len() <= 1 {
                    range.end = context.span_of(next_quote.clone()).end;
                    merged_into_previous[q + 1] = true;
                }
            }
        } else {
            frame = frame_before(context, words.start);
        }
        let content_words = words
            .clone()
            .filter(|&k| {
                matches!(
                    context.view.words[k].kind,
                    WordKind::Word | WordKind::Number
                )
            })
            .count();
        let ends_like_speech = words.end >= 2
            && words.clone().rev().skip(1).take(1).any(|k| {
                context.view.words[k].kind == WordKind::Punct
                    && context.view.words[k].is_any(&[".", "!", "?", ",", "…"])
            });
        let is_speech = frame.is_some() || (content_words >= 4 && ends_like_speech);
        if !is_speech {
            continue;
        }
        if let Some(found) = &frame {
            for k in found.cue.clone() {
                context.consumed[k] = true;
            }
        }
        // A free-standing quote right after a framed one continues that speaker.
        let speaker = match &frame {
            Some(found) => found.speaker.clone(),
            None => drafts
                .last()
                .filter(|d| d.kind == ClaimKind::Quote && d.sentence + 1 >= sentence)
                .and_then(|d| d.speaker.clone()),
        };
        drafts.push(Draft {
            kind: ClaimKind::Quote,
            range,
            cue: frame
                .as_ref()
                .filter(|f| !f.cue.is_empty())
                .map(|f| context.span_of(f.cue.clone())),
            speaker,
            sentence,
        });
    }
    drafts
}

/// Quoted words inside a reported statement are the speaker's own words: "äußerten die Richter
/// „gravierende rechtliche Bedenken“" makes a quote of the same speaker.
pub(crate) fn nested_in_reported(context: &Context<'_>, drafts: &[Draft]) -> Vec<Draft> {
    let mut nested = Vec::new();
    for quotation in &context.quotations {
        let span = context.span_of(quotation.clone());
        let already = drafts.iter().any(|d| {
            d.kind == ClaimKind::Quote && d.range.start <= span.start && span.end <= d.range.end
        });
        let words = quotation
            .clone()
            .filter(|&k| context.view.words[k].kind == WordKind::Word)
            .count();
        // A quoted name ("„Yemen Observer“") is no one's words.
        let has_lowercase = quotation
            .clone()
            .any(|k| context.view.words[k].is_lowercase_word());
        // A single lowercase word is a quoted judgement ("„dissozial“"); a single noun is
        // as often the writer's scare quotes.
        let single_fragment = words == 1 && has_lowercase;
        if already || !(words >= 2 && has_lowercase || single_fragment) {
            continue;
        }
        // Inside a reported statement, or after its cue in the same sentence ("kritisierte die
        // Handlungsweise Kozulins, der …, als „Provokation“").
        let sentence = context.view.sentence_of(quotation.start);
        let holder = drafts.iter().find(|d| {
            let inside = d.range.start <= span.start && span.end <= d.range.end;
            let after_cue =
                Some(d.sentence) == sentence && d.cue.as_ref().is_some_and(|c| c.end <= span.start);
            d.kind != ClaimKind::Quote
                && d.speaker.as_ref().is_some_and(|s| !s.vague)
                && (inside || after_cue)
        });
        if let Some(holder) = holder {
            nested.push(Draft {
                kind: ClaimKind::Quote,
                range: span,
                cue: holder.cue.clone(),
                speaker: holder.speaker.clone(),
                sentence: holder.sentence,
            });
        }
    }
    nested
}

struct Frame {
    cue: std::ops::Range<usize>,
    speaker: Option<SpeakerPhrase>,
    /// The word after the frame's speaker, for interrupted quotes.
    ends_at: Option<usize>,
}

/// `"…", sagte er` / `"…", so der Minister` / `"…" sagte Müller`.
fn frame_after(context: &Context<'_>, after: usize) -> Option<Frame> {
    let words = &context.view.words;
    let mut k = after;
    if words.get(k).is_some_and(|w| w.is_punct(",")) {
        k += 1;
    } else {
        // Without a comma only a finished sentence is followed by its frame ("„…!“ rief er");
        // otherwise the quote names something ("Die Zeitung „Yemen Observer“ berichtet").
        let closing_inside = after >= 2
            && words[after - 2].kind == WordKind::Punct
            && words[after - 2].is_any(&[".", "!", "?", ","]);
        if !closing_inside {
            return None;
        }
    }
    let sentence = context
        .view
        .sentence_of(k.min(words.len().saturating_sub(1)))?;
    let limit = context.view.sentences[sentence].words.end.max(k);
    let word = words.get(k)?;
    if word.is("so") && k > after {
        let speaker = context.speaker_right(k + 1, limit)?;
        let ends_at = Some(speaker.words.end);
        return Some(Frame {
            cue: k..k + 1,
            speaker: Some(speaker),
            ends_at,
        });
    }
    // "„…“, heißt es in der Erklärung."
    if let Some((_, cue, speaker)) = indirect::heisst_es(context, k, k, limit) {
        let ends_at = Some(speaker.as_ref().map_or(cue.end, |s| s.words.end));
        return Some(Frame {
            cue,
            speaker,
            ends_at,
        });
    }
    // "„…“, wird Panetta zitiert": a passive frame names the speaker between auxiliary and participle.
    if words[k].is_any(&["wird", "wurde"]) {
        let speaker = context.speaker_right(k + 1, limit)?;
        let participle = speaker.words.end;
        if participle < limit && context.is_cue_word(participle) {
            let ends_at = Some(participle + 1);
            return Some(Frame {
                cue: participle..participle + 1,
                speaker: Some(speaker),
                ends_at,
            });
        }
        return None;
    }
    if !context.is_cue_word(k) || context.in_quote[k] {
        return None;
    }
    let speaker = context.speaker_right(k + 1, limit).or_else(|| {
        // "…", sagte am Montag der Minister: one adverbial between cue and speaker.
        (k + 2..(k + 5).min(limit)).find_map(|s| {
            context
                .speaker_right(s, limit)
                .filter(|p| !context.view.words[s].is_lowercase_word() || p.words.len() == 1)
        })
    });
    let ends_at = speaker.as_ref().map(|s| s.words.end);
    Some(Frame {
        cue: k..k + 1,
        speaker,
        ends_at,
    })
}

/// `X sagte: "…"` / `sagte X: "…"` / `X: "…"`.
fn frame_before(context: &Context<'_>, opening: usize) -> Option<Frame> {
    let words = &context.view.words;
    if opening == 0 || !words[opening - 1].is_punct(":") {
        return None;
    }
    let colon = opening - 1;
    let sentence = context.view.sentence_of(colon)?;
    let start = context.view.sentences[sentence].words.start;
    let cue = (start..colon).rev().find(|&k| {
        !context.in_quote[k]
            && context.is_cue_word(k)
            && !words[k].cue_forms.iter().all(|f| f.particle.is_some())
    });
    match cue {
        Some(cue) => {
            let speaker = context
                .speaker_right(cue + 1, colon)
                .or_else(|| context.speaker_left(start, cue));
            Some(Frame {
                cue: cue..cue + 1,
                speaker,
                ends_at: None,
            })
        }
        // "In der Erklärung heißt es: „…“".
        None if (start..colon).any(|k| words[k].is_any(&["heißt", "hieß"])) => {
            let at = (start..colon).find(|&k| words[k].is_any(&["heißt", "hieß"]))?;
            let (_, cue, speaker) = indirect::heisst_es(context, start, at, colon)?;
            Some(Frame {
                cue,
                speaker,
                ends_at: None,
            })
        }
        None => {
            let speaker = context.speaker_left(start, colon)?;
            Some(Frame {
                cue: colon..colon,
                speaker: Some(speaker),
                ends_at: None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quote_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_every_quoting_style() {
        assert_eq!(quoted("Er sagte: „Das ist gut.“ Dann"), ["„Das ist gut.“"]);
        assert_eq!(
            quoted("Er sagte: \"Das ist gut.\" Dann"),
            ["\"Das ist gut.\""]
        );
        assert_eq!(quoted("Er sagte: »Das ist gut.« Dann"), ["»Das ist gut.«"]);
        assert_eq!(quoted("Er sagte: ‚Das ist gut.‘ Dann"), ["‚Das ist gut.‘"]);
        assert_eq!(quoted("He said “fine” and left"), ["“fine”"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            quoted("„Er nannte es ‚Unsinn‘, sagte sie.“ Ende"),
            ["„Er nannte es ‚Unsinn‘, sagte sie.“"]
        );
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph() {
        assert_eq!(
            quoted("„Erster Absatz\n„Zweiter.“"),
            ["„Erster Absatz", "„Zweiter.“"]
        );
    }
}
