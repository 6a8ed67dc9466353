//! Claims: who said what, which figures, how well sourced. German rules, no model.
//!
//! [`detect_claims`] takes the article's tokens, sentences and the entity mentions the
//! NER/linking pass found, and returns quotes, indirect speech, prepositional sources, vague
//! sources and unattributed figures, each with its speaker mention resolved to an entity.
//!
//! The pieces, each with one job:
//! - `words`: the word view the rules read (tokens cut at punctuation, sentences cut at clear
//!   boundaries the splitter missed);
//! - `figures`: numbers with qualifier and unit → [`Figure`](crate::analysis::model::Figure);
//! - `cues`: the hand-written lexicon (cue verbs with generated inflections, speaker and vague
//!   nouns, Konjunktiv forms);
//! - `quotes`: quotations in every style and their attribution frames;
//! - `indirect`: cue verbs with dass-, Konjunktiv- and infinitive clauses or objects,
//!   prepositional and vague sources, continuation sentences;
//! - `speaker`: speaker phrases around a cue and their resolution to entities;
//! - [`eval`]: attribution scoring against `Message`/`Source` gold (SpkAtt style).
//!
//! Cost: about 0.2 µs per word (`cargo bench --bench claims`).

mod cues;
pub mod eval;
mod figures;
mod indirect;
mod quotes;
mod speaker;
mod words;

pub use figures::find_figures;

use crate::analysis::model::{ByteRange, Claim, ClaimKind, Entity, EntityKind, Figure, Mention};
use crate::text::tokens::{Sentence, Token};
use rustc_hash::FxHashMap;
use speaker::SpeakerPhrase;
use words::WordView;

/// Every claim in the article, in text order.
pub fn detect_claims(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Claim> {
    detect_claims_in(prepare(text, tokens, sentences), mentions, entities)
}

/// The part of claim detection that needs no entities (the word view the rules read, with
/// each word's lexicon readings, the figures of each sentence and the quotations), so a long
/// article's can be built while linking runs.
pub struct PreparedText<'a> {
    view: WordView<'a>,
    sentence_figures: Vec<SentenceFigures>,
    quotations: Vec<std::ops::Range<usize>>,
}

/// The figures of one sentence, and the id hash of the sentence as a numeric claim, which it
/// becomes if a figure is left that no statement holds. Hashed here, beside linking: numeric
/// claims are most claims of a long article, and most of its claimed bytes.
struct SentenceFigures {
    figures: Vec<Figure>,
    /// Set when `figures` is not empty.
    numeric_hash: u64,
}

pub fn prepare<'a>(text: &'a str, tokens: &[Token], sentences: &[Sentence]) -> PreparedText<'a> {
    let view = WordView::new(text, tokens, sentences);
    let sentence_figures = (0..view.sentences.len())
        .map(|s| {
            let figures = figures::figures_in(&view, view.sentences[s].words.clone());
            let numeric_hash = if figures.is_empty() {
                0
            } else {
                claim_hash(ClaimKind::Numeric, &text[view.span(view.content(s))])
            };
            SentenceFigures {
                figures,
                numeric_hash,
            }
        })
        .collect();
    let quotations = quotes::quotations(&view);
    PreparedText {
        view,
        sentence_figures,
        quotations,
    }
}

/// Every claim in a prepared article, in text order.
pub fn detect_claims_in(
    prepared: PreparedText<'_>,
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Claim> {
    let mut context = Context::new(prepared.view, prepared.quotations, mentions, entities);
    let sentence_figures = prepared.sentence_figures;
    let mut drafts = quotes::detect(&mut context);
    drafts.extend(indirect::detect(&context, &drafts));
    let nested = quotes::nested_in_reported(&context, &drafts);
    drafts.extend(nested);
    inherit_quote_speakers(&mut drafts);
    quote_speakers_from_subjects(&context, &mut drafts);
    assemble(&context, drafts, sentence_figures)
}

/// No mention covers the word (see `Context::mention_of_word`).
const NO_MENTION: u32 = u32::MAX;

/// What the rules share: the word view, the mentions per word, and which words are taken.
pub(crate) struct Context<'a> {
    pub view: WordView<'a>,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// For each word, the mention covering it (a person wins over an organisation, and so on),
    /// [`NO_MENTION`] where none does: four bytes a word, where an `Option<usize>` took
    /// sixteen, and zeroing the list for a long article cost more than filling it.
    mention_of_word: Vec<u32>,
    /// Mention indices sorted by start.
    pub mentions_by_start: Vec<usize>,
    /// The mentions of `mentions_by_start` that a role noun can resolve to: people, not
    /// derived, whose entity has a role.
    pub people_with_roles: Vec<usize>,
    /// Words inside quotation marks (the marks included).
    pub in_quote: Vec<bool>,
    /// Cue words a quote's frame already used.
    pub consumed: Vec<bool>,
    /// Every quotation as a word range, marks included, in text order.
    pub quotations: Vec<std::ops::Range<usize>>,
}

impl<'a> Context<'a> {
    fn new(
        view: WordView<'a>,
        quotations: Vec<std::ops::Range<usize>>,
        mentions: &'a [Mention],
        entities: &'a [Entity],
    ) -> Context<'a> {
        let count = view.words.len();
        let mut in_quote = vec![false; count];
        for quotation in &quotations {
            in_quote[quotation.clone()].fill(true);
        }
        let mut mention_of_word: Vec<u32> = vec![NO_MENTION; count];
        let mut mentions_by_start: Vec<usize> = (0..mentions.len()).collect();
        mentions_by_start.sort_by_key(|&m| (mentions[m].range.start, mentions[m].range.end));
        // Mentions come by start, so the first word each covers only moves forward.
        let mut first = 0;
        for &m in &mentions_by_start {
            let range = &mentions[m].range;
            while first < count && view.words[first].range.end <= range.start {
                first += 1;
            }
            let covered = view.words[first..]
                .iter()
                .take_while(|w| w.range.start < range.end)
                .count();
            let number = u32::try_from(m).expect("fewer mentions than u32::MAX");
            for slot in &mut mention_of_word[first..first + covered] {
                let better = *slot == NO_MENTION
                    || rank(mentions[m].kind) < rank(mentions[*slot as usize].kind);
                if better {
                    *slot = number;
                }
            }
        }
        let people_with_roles = mentions_by_start
            .iter()
            .copied()
            .filter(|&m| {
                let mention = &mentions[m];
                !mention.derived
                    && mention.kind == EntityKind::Person
                    && entities
                        .get(mention.entity)
                        .is_some_and(|e| !e.roles.is_empty())
            })
            .collect();
        Context {
            view,
            mentions,
            entities,
            mention_of_word,
            mentions_by_start,
            people_with_roles,
            in_quote,
            consumed: vec![false; count],
            quotations,
        }
    }

    /// The mention covering word `k` (see `mention_of_word`).
    pub(crate) fn mention_at(&self, k: usize) -> Option<usize> {
        let m = *self.mention_of_word.get(k)?;
        (m != NO_MENTION).then_some(m as usize)
    }

    /// A lowercase word with a cue reading ("sagte", "betont").
    pub(crate) fn is_cue_word(&self, i: usize) -> bool {
        let word = &self.view.words[i];
        !word.cue_forms.is_empty() && word.is_lowercase_word() && !self.is_naming(i)
    }

    /// "Die Partei nennt sich „Allianz“", "wie er sich selbst nannte": with a reflexive,
    /// "nennen" gives a name, it reports no statement.
    fn is_naming(&self, i: usize) -> bool {
        let words = &self.view.words;
        let lower = &words[i].lower;
        if !(lower.starts_with("nenn") || lower.starts_with("nann") || lower == "genannt") {
            return false;
        }
        let clause_end = |k: &usize| !words[*k].is_any(&[",", ".", ";", ":", "!", "?"]);
        let before = (i.saturating_sub(12)..i)
            .rev()
            .take_while(clause_end)
            .any(|k| words[k].is("sich"));
        let after = (i + 1..(i + 3).min(words.len()))
            .take_while(clause_end)
            .any(|k| words[k].is("sich"));
        before || after
    }

    /// The words of sentence `s` without its closing punctuation.
    pub(crate) fn content(&self, s: usize) -> std::ops::Range<usize> {
        self.view.content(s)
    }
}

/// A quote without a frame continues the speaker of the statement just before it, in its
/// own sentence or the one before.
fn inherit_quote_speakers(drafts: &mut [Draft]) {
    drafts.sort_by_key(|d| (d.range.start, d.range.end));
    for q in 0..drafts.len() {
        if drafts[q].kind != ClaimKind::Quote || drafts[q].speaker.is_some() {
            continue;
        }
        let sentence = drafts[q].sentence;
        let previous = drafts[..q]
            .iter()
            .rev()
            .take_while(|d| d.sentence + 1 >= sentence)
            .find(|d| d.speaker.as_ref().is_some_and(|s| !s.vague))
            .map(|d| (d.speaker.clone(), d.cue.clone()));
        if let Some((speaker, cue)) = previous {
            drafts[q].speaker = speaker;
            drafts[q].cue = drafts[q].cue.clone().or(cue);
        }
    }
}

/// A quote still without a speaker is most likely the words of the person the text just
/// spoke about: the last named person in its own or the previous sentence.
fn quote_speakers_from_subjects(context: &Context<'_>, drafts: &mut [Draft]) {
    for draft in drafts
        .iter_mut()
        .filter(|d| d.kind == ClaimKind::Quote && d.speaker.is_none())
    {
        let first_sentence = draft.sentence.saturating_sub(1);
        let from = context.view.sentences[first_sentence].words.start;
        let Some(quote_start) = context.word_at_byte(draft.range.start) else {
            continue;
        };
        let subject = (from..quote_start).rev().find(|&k| {
            !context.in_quote[k]
                && context.mention_at(k).is_some_and(|m| {
                    let mention = &context.mentions[m];
                    mention.kind == EntityKind::Person && !mention.derived
                })
        });
        if let Some(k) = subject {
            let mention = context.mention_at(k);
            let mut start = k;
            while start > from && context.mention_at(start - 1) == mention {
                start -= 1;
            }
            draft.speaker = Some(SpeakerPhrase {
                words: start..k + 1,
                vague: false,
            });
        }
    }
}

fn rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Location => 2,
        EntityKind::Role => 3,
        EntityKind::Misc => 4,
    }
}

/// A claim before its speaker is resolved and its figures attached.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub kind: ClaimKind,
    pub range: ByteRange,
    pub cue: Option<ByteRange>,
    pub speaker: Option<SpeakerPhrase>,
    pub sentence: usize,
}

impl Context<'_> {
    /// A draft whose message and cue are word ranges of sentence `s`.
    pub(crate) fn cued_draft(
        &self,
        kind: ClaimKind,
        message: std::ops::Range<usize>,
        cue: std::ops::Range<usize>,
        speaker: Option<SpeakerPhrase>,
        s: usize,
    ) -> Draft {
        Draft {
            kind,
            range: self.span_of(message),
            cue: Some(self.span_of(cue)),
            speaker,
            sentence: s,
        }
    }
}

/// Whether a draft is a sentence of reported speech without a cue of its own, attributed
/// through the sentence before it.
fn is_continuation(draft: &Draft) -> bool {
    draft.kind == ClaimKind::Indirect && draft.cue.is_none() && draft.speaker.is_some()
}

/// A run of continuation sentences with one speaker is one statement ("Die Lage sei ernst.
/// Man werde alles tun."), not one claim per sentence. `drafts` must be in text order.
fn merge_continuations(drafts: &mut Vec<Draft>) {
    drafts.dedup_by(|later, earlier| {
        let joins = is_continuation(earlier)
            && is_continuation(later)
            && later.sentence == earlier.sentence + 1
            && later.speaker.as_ref().map(|s| &s.words)
                == earlier.speaker.as_ref().map(|s| &s.words);
        if joins {
            earlier.range.end = later.range.end;
            earlier.sentence = later.sentence;
        }
        joins
    });
}

fn assemble(
    context: &Context<'_>,
    mut drafts: Vec<Draft>,
    sentence_figures: Vec<SentenceFigures>,
) -> Vec<Claim> {
    drafts.sort_by_key(|d| (d.range.start, d.range.end));
    drafts.dedup_by(|later, earlier| later.range == earlier.range && later.kind == earlier.kind);
    merge_continuations(&mut drafts);

    let text = context.view.text;
    let mut claims: Vec<Claim> = drafts
        .into_iter()
        // Empty drafts only carried a speaker on to the sentences after them.
        .filter(|d| !d.range.is_empty())
        // "Als Lichtjahr bezeichnet man …": the generic "man" is nobody in particular; such
        // sentences state the writer's general knowledge, not someone's claim.
        .filter(|d| {
            !d.speaker
                .as_ref()
                .is_some_and(|s| s.words.len() == 1 && context.view.words[s.words.start].is("man"))
        })
        .map(|draft| {
            let speaker_entity = draft.speaker.as_ref().and_then(|s| context.resolve(s));
            let speaker = draft
                .speaker
                .as_ref()
                .map(|s| context.span_of(s.words.clone()));
            Claim {
                id: String::new(),
                kind: draft.kind,
                range: draft.range,
                cue: draft.cue,
                speaker,
                speaker_entity,
                figures: Vec::new(),
            }
        })
        .collect();

    // Figures go to the claims that contain them; a figure no claim holds makes its sentence an
    // unattributed numeric claim. The claims are in text order, so the ones that may hold a
    // figure start before it and reach past it: the farthest end among the first claims tells
    // where to stop looking back.
    let farthest_end: Vec<usize> = claims
        .iter()
        .scan(0, |reach, c| {
            *reach = c.range.end.max(*reach);
            Some(*reach)
        })
        .collect();
    // Numeric claims join the list after every figure is placed: a sentence's figures lie in it
    // alone, so none of them holds a figure of another.
    let mut numeric = Vec::new();
    for (s, sentence) in sentence_figures.into_iter().enumerate() {
        let mut unclaimed = Vec::new();
        for figure in sentence.figures {
            let started = claims.partition_point(|c| c.range.start <= figure.range.start);
            let mut held = false;
            for c in (0..started)
                .rev()
                .take_while(|&c| farthest_end[c] >= figure.range.end)
            {
                if figure.range.end <= claims[c].range.end {
                    claims[c].figures.push(figure.clone());
                    held = true;
                }
            }
            if !held {
                unclaimed.push(figure);
            }
        }
        if !unclaimed.is_empty() {
            let claim = Claim {
                id: String::new(),
                kind: ClaimKind::Numeric,
                range: context.span_of(context.content(s)),
                cue: None,
                speaker: None,
                speaker_entity: None,
                figures: unclaimed,
            };
            numeric.push((claim, Some(sentence.numeric_hash)));
        }
    }
    // Each claim with its id hash when it is known already.
    let mut claims: Vec<(Claim, Option<u64>)> = claims
        .into_iter()
        .map(|claim| (claim, None))
        .chain(numeric)
        .collect();
    claims.sort_by_key(|(c, _)| (c.range.start, c.range.end));

    // Claims of the same id are told apart by their count; the id is the hash's upper bits,
    // so those bits stand for it.
    let mut seen: FxHashMap<u64, usize> =
        FxHashMap::with_capacity_and_hasher(claims.len(), Default::default());
    for (claim, known_hash) in &mut claims {
        let hash = known_hash.unwrap_or_else(|| claim_hash(claim.kind, &text[claim.range.clone()]));
        let count = seen.entry(hash >> 16).or_insert(0);
        *count += 1;
        let base = id_text(hash);
        claim.id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
    }
    claims.into_iter().map(|(claim, _)| claim).collect()
}

/// "c-" and 12 hex digits of a hash over the kind and the whitespace-normalised, lowercased
/// content: stable across edits elsewhere in the article.
pub fn claim_id(kind: ClaimKind, content: &str) -> String {
    id_text(claim_hash(kind, content))
}

/// The hash a claim id shows: FNV-1a over the kind's label, ":" and the words as
/// `split_whitespace` cuts them, each as `str::to_lowercase` lowers it, joined by single spaces.
/// Claim ids read every byte of every claim, so each byte is read once and hashed as it is
/// read; only a word with a capital sigma, which lowers by its place in the word, is hashed
/// again as a whole.
fn claim_hash(kind: ClaimKind, content: &str) -> u64 {
    let mut hash = Fnv1a::default();
    hash.feed(kind.label().as_bytes());
    hash.feed(b":");
    let bytes = content.as_bytes();
    let mut at = 0;
    let mut first_word = true;
    while at < bytes.len() {
        let (space, len) = whitespace_at(content, at);
        if space {
            at += len;
            continue;
        }
        if !first_word {
            hash.feed_byte(b' ');
        }
        first_word = false;
        let (start, before_word) = (at, hash);
        let mut has_sigma = false;
        while at < bytes.len() {
            let b = bytes[at];
            let lowered = ASCII_WORD_BYTES[usize::from(b)];
            if lowered != 0 {
                hash.feed_byte(lowered);
                at += 1;
                continue;
            }
            if b.is_ascii() {
                if is_ascii_whitespace(b) {
                    break;
                }
                hash.feed_byte(b);
                at += 1;
                continue;
            }
            let c = content[at..]
                .chars()
                .next()
                .expect("a character starts here");
            if c.is_whitespace() {
                break;
            }
            has_sigma |= c == 'Σ';
            hash.feed_lowercase_char(c);
            at += c.len_utf8();
        }
        if has_sigma {
            hash = before_word;
            hash.feed(content[start..at].to_lowercase().as_bytes());
        }
    }
    hash.0
}

/// For each byte, its lowercase if it is ASCII and no whitespace, else 0 (as for NUL itself):
/// one look-up per byte of a plain word.
const ASCII_WORD_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        if !matches!(b, b'\t'..=b'\r' | b' ') {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// "c-" and the upper 48 bits of `hash` as 12 hex digits.
fn id_text(hash: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digits = hash >> 16;
    let mut id = String::with_capacity(14);
    id.push_str("c-");
    for shift in (0..12).rev() {
        id.push(char::from(HEX[(digits >> (4 * shift)) as usize & 0xf]));
    }
    id
}

/// FNV-1a: fixed across Rust versions and platforms, unlike the std hasher.
#[derive(Clone, Copy)]
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn feed_byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.feed_byte(b);
        }
    }

    /// Feeds a character beyond ASCII as `char::to_lowercase` lowers it. Latin-1 letters,
    /// nearly all such characters in German text, lower without the Unicode tables: the
    /// capitals À to Þ (but ×) are their small letters' code point less 0x20, every other
    /// character up to ÿ is its own lowercase.
    fn feed_lowercase_char(&mut self, c: char) {
        let mut utf8 = [0; 4];
        if c <= '\u{ff}' {
            let lowered = if matches!(c, '\u{c0}'..='\u{de}') && c != '\u{d7}' {
                char::from_u32(u32::from(c) + 0x20).expect("a Latin-1 letter")
            } else {
                c
            };
            self.feed(lowered.encode_utf8(&mut utf8).as_bytes());
        } else {
            for lowered in c.to_lowercase() {
                self.feed(lowered.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
}

/// The ASCII characters `char::is_whitespace` accepts: tab to carriage return, and space.
fn is_ascii_whitespace(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether the character at byte `at` of `text` is whitespace, and its length.
fn whitespace_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        (is_ascii_whitespace(b), 1)
    } else {
        let c = text[at..].chars().next().expect("a character starts here");
        (c.is_whitespace(), c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::model::{Comparison, MentionOrigin, RoleMention};
    use crate::text::tokens::{split_sentences, tokenize};

    const SEED_PARIS: &str = include_str!("../../../seeds/000_d6396046d8ded179.txt");
    const SEED_KONFERENZ: &str = include_str!("../../../seeds/001_2779e59d105fe22f.txt");

    /// Hand-made mentions standing in for the NER pass: every occurrence of each surface form
    /// (longest first) becomes a mention of that entry's entity.
    fn names(text: &str, entries: &[(&[&str], EntityKind)]) -> (Vec<Mention>, Vec<Entity>) {
        let mut mentions: Vec<Mention> = Vec::new();
        let mut entities = Vec::new();
        for (entity, (surfaces, kind)) in entries.iter().enumerate() {
            entities.push(Entity {
                key: surfaces[0].to_lowercase(),
                name: surfaces[0].to_string(),
                kind: *kind,
                mentions: Vec::new(),
                roles: Vec::new(),
                kb_id: None,
            });
            for surface in surfaces.iter() {
                for (start, _) in text.match_indices(surface) {
                    let range = start..start + surface.len();
                    let taken = mentions
                        .iter()
                        .any(|m| m.range.start < range.end && range.start < m.range.end);
                    let whole_word = !text[range.end..].starts_with(char::is_alphabetic);
                    if !taken && whole_word {
                        mentions.push(Mention {
                            range,
                            kind: *kind,
                            entity,
                            derived: false,
                            origin: MentionOrigin::Annotation,
                        });
                    }
                }
            }
        }
        (mentions, entities)
    }

    fn detect(text: &str, entries: &[(&[&str], EntityKind)]) -> (Vec<Claim>, Vec<Entity>) {
        let (mentions, entities) = names(text, entries);
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        (
            detect_claims(text, &tokens, &sentences, &mentions, &entities),
            entities,
        )
    }

    /// (kind, content, speaker as written, speaker entity name, cue)
    fn summary<'t>(
        text: &'t str,
        claims: &[Claim],
        entities: &[Entity],
    ) -> Vec<(&'static str, &'t str, &'t str, String, &'t str)> {
        claims
            .iter()
            .map(|c| {
                (
                    c.kind.label(),
                    &text[c.range.clone()],
                    c.speaker.clone().map_or("", |r| &text[r]),
                    c.speaker_entity
                        .map_or(String::new(), |e| entities[e].name.clone()),
                    c.cue.clone().map_or("", |r| &text[r]),
                )
            })
            .collect()
    }

    const PER: EntityKind = EntityKind::Person;
    const ORG: EntityKind = EntityKind::Organisation;
    const LOC: EntityKind = EntityKind::Location;

    #[test]
    fn seed_paris_yields_every_claim() {
        let text = SEED_PARIS;
        let (claims, entities) = detect(
            text,
            &[
                (&["Wolodymyr Selenskyj", "Selenskyj"], PER),
                (&["Andrij Jermak", "Jermak"], PER),
                (&["Marco Rubio", "Rubio"], PER),
                (&["Steve Witkoff", "Witkoff"], PER),
                (&["Donald Trump"], PER),
                (&["Wladimir Putin"], PER),
                (&["Emmanuel Macron"], PER),
                (&["Jean-Noël Barrot"], PER),
                (&["Paris"], LOC),
                (&["London"], LOC),
                (&["Ukraine"], LOC),
                (&["Dnipro"], LOC),
                (&["USA"], LOC),
                (&["Moskaus"], LOC),
                (&["Plattform X"], ORG),
            ],
        );
        let found = summary(text, &claims, &entities);
        assert_eq!(
            found,
            [
                (
                    "indirect",
                    "den russisch-ukrainischen Konflikt zu beenden und so weiteres Blutvergießen zu verhindern",
                    "der USA",
                    "USA".to_string(),
                    "erklärte Ziel"
                ),
                (
                    "numeric",
                    "Der Leiter der Kiewer Präsidialverwaltung, Andrij Jermak, ist mit zwei weiteren hochrangigen ukrainischen Ministern eingetroffen, um mit Mitgliedern der sogenannten \"Koalition der Willigen\" zu sprechen",
                    "",
                    String::new(),
                    ""
                ),
                (
                    "reported",
                    "Diese Koalition umfasst unter anderem Frankreich, Deutschland und Großbritannien",
                    "Jermak",
                    "Andrij Jermak".to_string(),
                    "erklärte"
                ),
                (
                    "indirect",
                    "Überlegungen, eine europäische Mission zur Ausbildung und Aufrüstung der ukrainischen Armee zu etablieren",
                    "Paris und London",
                    "Paris".to_string(),
                    "äußern"
                ),
                (
                    "indirect",
                    "europäische Truppenbewegungen in der Ukraine strikt",
                    "Moskaus",
                    "Moskaus".to_string(),
                    "ablehnt"
                ),
                (
                    "vague",
                    "von Explosionen und zerstörten Wohnhäusern",
                    "Rundfunkberichte",
                    String::new(),
                    "erzählen"
                ),
                (
                    "reported",
                    "Trotz der fortdauernden Bedrohung fertigt die Ukraine, wie Präsident Wolodymyr Selenskyj betont, mittlerweile über 40 Prozent ihrer Waffen selbst vor Ort",
                    "Präsident Wolodymyr Selenskyj",
                    "Wolodymyr Selenskyj".to_string(),
                    "betont"
                ),
            ]
        );
        let selenskyj = &claims[6];
        assert_eq!(selenskyj.figures.len(), 1);
        assert_eq!(&text[selenskyj.figures[0].range.clone()], "über 40 Prozent");
        assert_eq!(
            (
                selenskyj.figures[0].comparison,
                selenskyj.figures[0].value,
                selenskyj.figures[0].unit.as_str()
            ),
            (Comparison::MoreThan, 40.0, "%")
        );
        let ministers = &claims[1].figures[0];
        assert_eq!(
            (
                ministers.comparison,
                ministers.value,
                ministers.unit.as_str()
            ),
            (Comparison::Exactly, 2.0, "Minister")
        );
    }

    #[test]
    fn seed_konferenz_yields_every_claim() {
        let text = SEED_KONFERENZ;
        let (claims, entities) = detect(
            text,
            &[
                (&["Wolodymyr Selenskyj", "Selenskyj"], PER),
                (&["Daniel Cohn-Bendit"], PER),
                (&["Boris Pistorius"], PER),
                (&["Emmanuel Macron"], PER),
                (&["Donald Trump"], PER),
                (&["Putins"], PER),
                (&["Bundeswehr"], ORG),
                (&["EU"], ORG),
                (&["Russland", "Russlands"], LOC),
                (&["Deutschland"], LOC),
                (&["Charkiw"], LOC),
                (&["Nordkorea"], LOC),
                (&["Paris"], LOC),
                (&["Ukraine"], LOC),
            ],
        );
        let found = summary(text, &claims, &entities);
        assert_eq!(
            found,
            [
                (
                    "numeric",
                    "Frankreichs Staatspräsident Emmanuel Macron führte Gespräche mit US-Präsident Donald Trump, während sich Vertreter von etwa 30 Ländern versammelten, um eine Koalition zur Stärkung der ukrainischen Position zu bilden",
                    "",
                    String::new(),
                    ""
                ),
                (
                    "reported",
                    "über Putins Unwilligkeit zu einem echten Waffenstillstand",
                    "des deutschen Verteidigungsministers Boris Pistorius",
                    "Boris Pistorius".to_string(),
                    "kritische Äußerungen"
                ),
                (
                    "indirect",
                    "die Bedeutung eines starken amerikanischen Engagements",
                    "Der ukrainische Präsident Wolodymyr Selenskyj",
                    "Wolodymyr Selenskyj".to_string(),
                    "betonte"
                ),
                (
                    "indirect",
                    "weiterhin Unterstützung von Verbündeten wie Deutschland",
                    "Der ukrainische Präsident Wolodymyr Selenskyj",
                    "Wolodymyr Selenskyj".to_string(),
                    "forderte"
                ),
                (
                    "indirect",
                    "eine aktive Beteiligung der Bundeswehr an Friedenseinsätzen",
                    "Grünen-Politiker Daniel Cohn-Bendit",
                    "Daniel Cohn-Bendit".to_string(),
                    "forderte"
                ),
                (
                    "vague",
                    "bei dem zahlreiche Verletzte gemeldet wurden",
                    "",
                    String::new(),
                    "gemeldet"
                ),
                (
                    "vague",
                    "dass die EU trotz des Krieges im letzten Jahr mehr Gas aus Russland importiert habe",
                    "",
                    String::new(),
                    "berichtet"
                ),
                (
                    "indirect",
                    "Zweifel an einem echten Interesse seitens Russlands an Friedensverhandlungen",
                    "Boris Pistorius",
                    "Boris Pistorius".to_string(),
                    "äußerte"
                ),
                (
                    "indirect",
                    "die Notwendigkeit einer kontinuierlichen Unterstützung der Ukraine durch ihre westlichen Partner",
                    "Seine Aussagen",
                    "Boris Pistorius".to_string(),
                    "unterstrichen"
                ),
                (
                    "indirect",
                    "Vorbehalte gegenüber geplanten internationalen Truppen zur Absicherung einer Waffenruhe",
                    "Russland",
                    "Russland".to_string(),
                    "äußerte"
                ),
            ]
        );
        let countries = &claims[0].figures[0];
        assert_eq!(&text[countries.range.clone()], "etwa 30 Ländern");
        assert_eq!(
            (
                countries.comparison,
                countries.value,
                countries.unit.as_str()
            ),
            (Comparison::About, 30.0, "Land")
        );
    }

    #[test]
    fn interrupted_quote_is_one_claim_with_the_role_noun_resolved() {
        let text =
            "Magnus Carlsen gewann in Oslo. „Ich bin müde“, meinte der Norweger, „aber glücklich.“";
        let (claims, entities) = detect(text, &[(&["Magnus Carlsen"], PER), (&["Oslo"], LOC)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [(
                "quote",
                "„Ich bin müde“, meinte der Norweger, „aber glücklich.“",
                "der Norweger",
                "Magnus Carlsen".to_string(),
                "meinte"
            )]
        );
    }

    #[test]
    fn quotes_with_colon_frames_and_across_sentences() {
        let text = "Merkel sagte: »Wir schaffen das.« Danach: \"Das ist gut. Wir machen weiter\", sagte sie.";
        let (claims, entities) = detect(text, &[(&["Merkel"], PER)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "quote",
                    "»Wir schaffen das.«",
                    "Merkel",
                    "Merkel".to_string(),
                    "sagte"
                ),
                (
                    "quote",
                    "\"Das ist gut. Wir machen weiter\"",
                    "sie",
                    "Merkel".to_string(),
                    "sagte"
                ),
            ]
        );
    }

    #[test]
    fn konjunktiv_clause_and_its_continuation_keep_the_speaker() {
        let text = "Der Minister sagte am Montag, die Lage sei ernst. Man werde alles tun. Das Wetter ist schön.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "die Lage sei ernst",
                    "Der Minister",
                    String::new(),
                    "sagte"
                ),
                (
                    "indirect",
                    "Man werde alles tun",
                    "Der Minister",
                    String::new(),
                    ""
                ),
            ]
        );
    }

    #[test]
    fn a_run_of_continuation_sentences_is_one_claim() {
        let text = "Die Ministerin sagte, der Haushalt sei solide. Man habe gut gewirtschaftet. Neue Schulden werde es nicht geben. Das Wetter ist schön.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "der Haushalt sei solide",
                    "Die Ministerin",
                    String::new(),
                    "sagte"
                ),
                (
                    "indirect",
                    "Man habe gut gewirtschaftet. Neue Schulden werde es nicht geben",
                    "Die Ministerin",
                    String::new(),
                    ""
                ),
            ]
        );
    }

    fn attributions<'t>(
        text: &'t str,
        entries: &[(&[&str], EntityKind)],
    ) -> Vec<(&'static str, &'t str, &'t str, String, &'t str)> {
        let (claims, entities) = detect(text, entries);
        summary(text, &claims, &entities)
            .into_iter()
            .filter(|c| c.0 != "numeric")
            .collect()
    }

    #[test]
    fn attitudes_towards_things_are_no_statements() {
        assert!(
            attributions(
                "Die Gewerkschaft kritisierte die Entscheidung des Vorstands.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions(
                "Der Angeklagte bestritt jede Beteiligung an dem Überfall.",
                &[]
            )
            .is_empty()
        );
        // An "als" predicate states a judgement.
        assert_eq!(
            attributions("Die Kanzlerin verurteilte den Anschlag als feige Tat.", &[]),
            [(
                "indirect",
                "den Anschlag als feige Tat",
                "Die Kanzlerin",
                String::new(),
                "verurteilte"
            )]
        );
        // The speaker of the attitude still speaks in the reported sentence after it.
        assert_eq!(
            attributions(
                "Die Polizei bittet um Hinweise aus der Bevölkerung. Der Täter sei etwa dreißig Jahre alt.",
                &[(&["Polizei"], ORG)]
            ),
            [(
                "indirect",
                "Der Täter sei etwa dreißig Jahre alt",
                "Die Polizei",
                "Polizei".to_string(),
                ""
            )]
        );
    }

    #[test]
    fn a_speech_act_after_a_modal_was_not_made() {
        assert!(
            attributions(
                "Ein Sprecher konnte die Berichte am Abend nicht bestätigen.",
                &[]
            )
            .is_empty()
        );
        assert!(attributions("Der Erpresser wollte sich am Montag wieder melden.", &[]).is_empty());
    }

    #[test]
    fn in_the_perfect_the_subject_before_the_auxiliary_speaks() {
        let found = attributions(
            "Bürgermeisterin Anna Berg hatte Karl Huber gebeten, die Reform zu stoppen.",
            &[(&["Anna Berg"], PER), (&["Karl Huber"], PER)],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "die Reform zu stoppen");
        assert!(found[0].2.ends_with("Anna Berg"), "{found:?}");
    }

    #[test]
    fn denied_and_pending_speech_acts_state_nothing() {
        assert!(
            attributions(
                "Der Verdächtige hat die Tat bis heute nicht gestanden.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions(
                "Ein Sprecher wollte nicht bestätigen, dass der Minister zurücktritt.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions(
                "Die Zahlen wurden von der Regierung bislang nicht bestätigt.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions(
                "Die Wahl muss noch von der Versammlung bestätigt werden.",
                &[]
            )
            .is_empty()
        );
        // The denial inside the reported clause is the speaker's statement.
        assert_eq!(
            attributions("Der Minister sagte, er werde nicht zurücktreten.", &[]),
            [(
                "indirect",
                "er werde nicht zurücktreten",
                "Der Minister",
                String::new(),
                "sagte"
            )]
        );
    }

    #[test]
    fn commenting_on_something_gives_no_content() {
        assert!(
            attributions(
                "Die Ministerin äußerte sich besorgt über die Entwicklung.",
                &[]
            )
            .is_empty()
        );
        // Expressed doubts are a statement.
        assert_eq!(
            attributions("Die Ministerin äußerte Zweifel an der Reform.", &[]),
            [(
                "indirect",
                "Zweifel an der Reform",
                "Die Ministerin",
                String::new(),
                "äußerte"
            )]
        );
    }

    #[test]
    fn naming_oneself_is_no_statement() {
        assert!(
            attributions(
                "Das Bündnis, das sich selbst „Allianz für Fortschritt“ nennt, gewann die Wahl.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions("Der Sänger, wie er sich gerne nannte, ist gestorben.", &[]).is_empty()
        );
    }

    #[test]
    fn a_foreign_particle_makes_another_verb() {
        assert!(
            attributions(
                "Die Gewerkschaft sagte den geplanten Streik wegen des Wetters ab.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions(
                "Der Trainer schrieb den Erfolg vor allem dem Glück zu.",
                &[]
            )
            .is_empty()
        );
        // The cue's own particle still counts.
        assert_eq!(
            attributions(
                "Die Ministerin wies die Vorwürfe der Opposition zurück.",
                &[]
            ),
            [(
                "indirect",
                "die Vorwürfe der Opposition",
                "Die Ministerin",
                String::new(),
                "wies die Vorwürfe der Opposition zurück"
            )]
        );
    }

    #[test]
    fn attitudes_in_subordinate_clauses_are_no_statements() {
        assert!(attributions(
            "Während die Opposition den Beschluss des Parlaments begrüßte, protestierten die Bauern.",
            &[]
        )
        .is_empty());
        assert!(
            attributions(
                "Der Zeuge, der den Bericht der Zeitung nicht bestätigte, schwieg.",
                &[]
            )
            .is_empty()
        );
    }

    #[test]
    fn an_apposition_after_the_speaker_is_no_object() {
        assert_eq!(
            attributions(
                "Gestern nannte Karl Huber, Sprecher des Verbandes, die Reform einen schweren Fehler.",
                &[(&["Karl Huber"], PER)]
            ),
            [(
                "indirect",
                "die Reform einen schweren Fehler",
                "Karl Huber",
                "Karl Huber".to_string(),
                "nannte"
            )]
        );
    }

    #[test]
    fn sentence_adverbs_and_generic_man_do_not_speak() {
        assert!(
            attributions("Damit bestätigt sich die Befürchtung vieler Anwohner.", &[]).is_empty()
        );
        assert!(
            attributions(
                "Als Lichtjahr bezeichnet man die Strecke des Lichts in einem Jahr.",
                &[]
            )
            .is_empty()
        );
    }

    #[test]
    fn dass_clause_with_separable_cue() {
        let text = "Die Polizei teilte am Montag mit, dass drei Personen festgenommen wurden.";
        let (claims, entities) = detect(text, &[(&["Polizei"], ORG)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [(
                "indirect",
                "dass drei Personen festgenommen wurden",
                "Die Polizei",
                "Polizei".to_string(),
                "teilte am Montag mit"
            )]
        );
        assert_eq!(
            (
                claims[0].figures[0].value,
                claims[0].figures[0].unit.as_str()
            ),
            (3.0, "Person")
        );
    }

    #[test]
    fn demonstrative_frame_points_at_previous_sentence() {
        let text = "Der Bahnhof bleibt vorerst geschlossen. Das teilte die Stadtverwaltung am \
                    Dienstag mit. Wer zahlt den Schaden? Dies bestätigte Anna Berger.";
        let (claims, entities) = detect(
            text,
            &[(&["Stadtverwaltung"], ORG), (&["Anna Berger"], PER)],
        );
        // The question before the second frame is no statement: nothing is attributed to it.
        assert_eq!(
            summary(text, &claims, &entities),
            [(
                "indirect",
                "Der Bahnhof bleibt vorerst geschlossen. Das",
                "die Stadtverwaltung",
                "Stadtverwaltung".to_string(),
                "teilte die Stadtverwaltung am Dienstag mit"
            )]
        );
    }

    #[test]
    fn stance_frames_with_reported_clause() {
        let text = "Der Minister zeigte sich zuversichtlich, dass die Einigung hält. \
                    Die Kanzlerin hält es für möglich, dass die Wahl verschoben wird. \
                    Das Wetter zeigte sich freundlich.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "dass die Einigung hält",
                    "Der Minister",
                    String::new(),
                    "zeigte sich zuversichtlich"
                ),
                (
                    "indirect",
                    "dass die Wahl verschoben wird",
                    "Die Kanzlerin",
                    String::new(),
                    "hält es für möglich"
                ),
            ]
        );
    }

    #[test]
    fn evaluation_verb_with_object() {
        let text = "Der Bürgermeister wertete die Abstimmung als großen Erfolg.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [(
                "indirect",
                "die Abstimmung als großen Erfolg",
                "Der Bürgermeister",
                String::new(),
                "wertete"
            )]
        );
    }

    #[test]
    fn any_subject_speaks_with_infinitive_clause() {
        let text = "Der Tatverdächtige behauptete, die Akten nie gesehen zu haben.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [(
                "indirect",
                "die Akten nie gesehen zu haben",
                "Der Tatverdächtige",
                String::new(),
                "behauptete"
            )]
        );
    }

    #[test]
    fn regular_konjunktiv_one_after_its_subject() {
        let text = "Die Zeitung berichtete, der Sänger leide seit Jahren an einer Krankheit. \
                    Der Trainer sagte, die neue Saison beginnt im Herbst.";
        let (claims, entities) = detect(text, &[(&["Zeitung"], ORG)]);
        let reported: Vec<_> = summary(text, &claims, &entities)
            .into_iter()
            .filter(|c| c.0 != "numeric")
            .collect();
        // "neue" after an article is an adjective, not a verb: no Konjunktiv clause there.
        assert_eq!(
            reported,
            [(
                "indirect",
                "der Sänger leide seit Jahren an einer Krankheit",
                "Die Zeitung",
                "Zeitung".to_string(),
                "berichtete"
            )]
        );
    }

    #[test]
    fn prepositional_sources() {
        let text = "Laut Polizei wurden zwei Menschen verletzt. Nach Angaben der Feuerwehr brannte das Haus. \
                    Die Lage ist ernst, so der Sprecher. Der Regierung zufolge steigen die Preise.";
        let (claims, entities) = detect(text, &[(&["Polizei"], ORG)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "reported",
                    "wurden zwei Menschen verletzt",
                    "Polizei",
                    "Polizei".to_string(),
                    "Laut"
                ),
                (
                    "reported",
                    "brannte das Haus",
                    "der Feuerwehr",
                    String::new(),
                    "Nach Angaben"
                ),
                (
                    "reported",
                    "Die Lage ist ernst",
                    "der Sprecher",
                    String::new(),
                    "so"
                ),
                (
                    "reported",
                    "steigen die Preise",
                    "Der Regierung",
                    String::new(),
                    "zufolge"
                ),
            ]
        );
    }

    #[test]
    fn statements_carried_by_nouns() {
        let text = "Es gab kritische Äußerungen des deutschen Verteidigungsministers Boris Pistorius über Putins Unwilligkeit zu einem Waffenstillstand. \
                    Das erklärte Ziel der USA ist es, den Konflikt zu beenden. \
                    Die Forderung der Zeit nach Reformen ist alt. Boris Pistorius reiste ab. \
                    Seine Aussagen unterstrichen die Notwendigkeit weiterer Hilfe.";
        let (claims, entities) = detect(
            text,
            &[
                (&["Boris Pistorius", "Pistorius"], PER),
                (&["Putins"], PER),
                (&["USA"], LOC),
            ],
        );
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "reported",
                    "über Putins Unwilligkeit zu einem Waffenstillstand",
                    "des deutschen Verteidigungsministers Boris Pistorius",
                    "Boris Pistorius".to_string(),
                    "kritische Äußerungen"
                ),
                (
                    "indirect",
                    "den Konflikt zu beenden",
                    "der USA",
                    "USA".to_string(),
                    "erklärte Ziel"
                ),
                (
                    "indirect",
                    "die Notwendigkeit weiterer Hilfe",
                    "Seine Aussagen",
                    "Boris Pistorius".to_string(),
                    "unterstrichen"
                ),
            ]
        );
    }

    #[test]
    fn vague_sources() {
        let text = "Medienberichten zufolge ist der Minister zurückgetreten. Aus Regierungskreisen hieß es, man prüfe den Vorschlag. \
                    Die Armee sei, wie es heißt, in Alarmbereitschaft. Experten warnen vor einer Rezession.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "vague",
                    "ist der Minister zurückgetreten",
                    "Medienberichten",
                    String::new(),
                    "zufolge"
                ),
                (
                    "vague",
                    "man prüfe den Vorschlag",
                    "Regierungskreisen",
                    String::new(),
                    "hieß es"
                ),
                (
                    "vague",
                    "Die Armee sei, wie es heißt, in Alarmbereitschaft",
                    "",
                    String::new(),
                    "heißt"
                ),
                (
                    "vague",
                    "vor einer Rezession",
                    "Experten",
                    String::new(),
                    "warnen"
                ),
            ]
        );
    }

    #[test]
    fn pronouns_and_role_nouns_resolve_to_people() {
        let text = "Angela Merkel besuchte Paris. Sie sagte, sie sei zufrieden. Boris Pistorius reiste ab. Der Minister warnte vor einem Krieg mit Russland.";
        let (mentions, mut entities) = names(
            text,
            &[
                (&["Angela Merkel"], PER),
                (&["Paris"], LOC),
                (&["Boris Pistorius"], PER),
            ],
        );
        entities[2].roles.push(RoleMention {
            role: "Verteidigungsminister".to_string(),
            range: 0..0,
        });
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let claims = detect_claims(text, &tokens, &sentences, &mentions, &entities);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "sie sei zufrieden",
                    "Sie",
                    "Angela Merkel".to_string(),
                    "sagte"
                ),
                (
                    "indirect",
                    "vor einem Krieg mit Russland",
                    "Der Minister",
                    "Boris Pistorius".to_string(),
                    "warnte"
                ),
            ]
        );
    }

    #[test]
    fn addressees_after_the_verb_are_not_speakers() {
        // A feminine noun or an adjective in -en after "der" is dative: the speaker is the
        // subject before the verb.
        let text = "Der Bürgermeister Karl Huber sagte der Nachrichtenagentur Reuters, die Brücke sei sicher. \
                    Die Ministerin erklärte der Süddeutschen Zeitung, sie werde bleiben.";
        let (claims, entities) = detect(
            text,
            &[
                (&["Karl Huber"], PER),
                (&["Reuters"], ORG),
                (&["Süddeutschen Zeitung"], ORG),
            ],
        );
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "die Brücke sei sicher",
                    "Der Bürgermeister Karl Huber",
                    "Karl Huber".to_string(),
                    "sagte"
                ),
                (
                    "indirect",
                    "sie werde bleiben",
                    "Die Ministerin",
                    // The nearest person, as for every role noun.
                    "Karl Huber".to_string(),
                    "erklärte"
                ),
            ]
        );
    }

    #[test]
    fn a_fronted_subject_makes_the_phrase_after_the_verb_an_object() {
        let text = "Der Oppositionsführer Paul Stein warf Ministerin Anna Berg Untätigkeit vor. \
                    Die Opposition forderte die Regierung auf, den Plan zu stoppen.";
        let (claims, entities) = detect(text, &[(&["Paul Stein"], PER), (&["Anna Berg"], PER)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "Ministerin Anna Berg Untätigkeit",
                    "Der Oppositionsführer Paul Stein",
                    "Paul Stein".to_string(),
                    "warf Ministerin Anna Berg Untätigkeit vor"
                ),
                (
                    "indirect",
                    "den Plan zu stoppen",
                    "Die Opposition",
                    String::new(),
                    "forderte"
                ),
            ]
        );
    }

    #[test]
    fn the_text_that_says_it_is_the_source_of_heisst_es() {
        let text = "In der Erklärung des Verbands heißt es, die Löhne seien zu niedrig. \
                    Es hieß in einem Schreiben der Stadtwerke Bonn, der Preis steige. \
                    Aus Regierungskreisen hieß es, man prüfe den Vorschlag. \
                    In dem Antrag, den die Fraktion gestellt hat, heißt es, die Schule müsse bleiben.";
        let (claims, entities) = detect(text, &[(&["Stadtwerke Bonn"], ORG)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "reported",
                    "die Löhne seien zu niedrig",
                    "der Erklärung des Verbands",
                    String::new(),
                    "heißt es"
                ),
                (
                    "reported",
                    "der Preis steige",
                    "einem Schreiben der Stadtwerke Bonn",
                    "Stadtwerke Bonn".to_string(),
                    "hieß"
                ),
                (
                    "vague",
                    "man prüfe den Vorschlag",
                    "Regierungskreisen",
                    String::new(),
                    "hieß es"
                ),
                (
                    "reported",
                    "die Schule müsse bleiben",
                    "dem Antrag",
                    String::new(),
                    "heißt es"
                ),
            ]
        );
    }

    #[test]
    fn quotes_framed_by_heisst_es_name_the_text() {
        let text = "In einer Mitteilung des Vereins heißt es: „Wir sind enttäuscht.“ \
                    „Die Tür bleibt offen“, hieß es in einem Brief der Stadtwerke Bonn.";
        let (claims, entities) = detect(text, &[(&["Stadtwerke Bonn"], ORG)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "quote",
                    "„Wir sind enttäuscht.“",
                    "einer Mitteilung des Vereins",
                    String::new(),
                    "heißt es"
                ),
                (
                    "quote",
                    "„Die Tür bleibt offen“",
                    "einem Brief der Stadtwerke Bonn",
                    "Stadtwerke Bonn".to_string(),
                    "hieß es"
                ),
            ]
        );
    }

    #[test]
    fn the_toll_of_an_event_is_no_demand() {
        assert!(
            attributions(
                "Das Erdbeben forderte nach dem Einsturz 120 Todesopfer.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions(
                "Es war ein Anschlag, der in der Stadt schon 17 Opfer gefordert hat.",
                &[]
            )
            .is_empty()
        );
        // A demand for the victims is still one.
        assert_eq!(
            attributions("Die Opposition forderte Hilfe für die Opfer.", &[]),
            [(
                "indirect",
                "Hilfe für die Opfer",
                "Die Opposition",
                String::new(),
                "forderte"
            )]
        );
    }

    #[test]
    fn passive_acts_with_a_result_phrase_are_no_statements() {
        assert!(
            attributions(
                "Der Fahrer wurde vom Landgericht zu einer Haftstrafe verurteilt.",
                &[]
            )
            .is_empty()
        );
        assert!(
            attributions(
                "Die Insel wurde von der Regierung zum Sperrgebiet erklärt.",
                &[]
            )
            .is_empty()
        );
    }

    #[test]
    fn passive_speech_verbs_name_their_agent_after_von() {
        // The auxiliary opens the clause, the participle closes it; any "von" phrase is the agent.
        let text = "Von den Anwohnern wurde der Lärm als unerträglich kritisiert. \
                    Die Pläne wurden von Bürgermeisterin Eva Roth als zu teuer bezeichnet.";
        let (claims, entities) = detect(text, &[(&["Eva Roth"], PER)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "reported",
                    "Von den Anwohnern wurde der Lärm als unerträglich kritisiert",
                    "den Anwohnern",
                    String::new(),
                    "kritisiert"
                ),
                (
                    "reported",
                    "Die Pläne wurden von Bürgermeisterin Eva Roth als zu teuer bezeichnet",
                    "Bürgermeisterin Eva Roth",
                    "Eva Roth".to_string(),
                    "bezeichnet"
                ),
            ]
        );
    }

    #[test]
    fn plural_speaker_nouns_speak_before_the_verb() {
        let text = "Die Behörden werfen dem Händler Betrug vor.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [(
                "indirect",
                "dem Händler Betrug",
                "Die Behörden",
                String::new(),
                "werfen dem Händler Betrug vor"
            )]
        );
    }

    #[test]
    fn listed_and_apposed_subjects_speak_as_a_whole() {
        let text = "Die Verbände Pro Bahn, Fahrgastrat und VCD warfen dem Senat Untätigkeit vor. \
                    Der Vorsitzende, Karl Huber, warf der Regierung Wortbruch vor. \
                    Er nannte das Angebot „unseriös“.";
        let (claims, entities) = detect(
            text,
            &[
                (&["Pro Bahn"], ORG),
                (&["Fahrgastrat"], ORG),
                (&["VCD"], ORG),
                (&["Senat"], ORG),
                (&["Karl Huber"], PER),
            ],
        );
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "dem Senat Untätigkeit",
                    "Die Verbände Pro Bahn, Fahrgastrat und VCD",
                    "Pro Bahn".to_string(),
                    "warfen dem Senat Untätigkeit vor"
                ),
                (
                    "indirect",
                    "der Regierung Wortbruch",
                    "Der Vorsitzende, Karl Huber",
                    "Karl Huber".to_string(),
                    "warf der Regierung Wortbruch vor"
                ),
                (
                    "indirect",
                    "das Angebot „unseriös“",
                    "Er",
                    "Karl Huber".to_string(),
                    "nannte"
                ),
                // A quoted judgement inside the statement is the speaker's own word.
                (
                    "quote",
                    "„unseriös“",
                    "Er",
                    "Karl Huber".to_string(),
                    "nannte"
                ),
            ]
        );
    }

    #[test]
    fn findings_and_forecasts_after_nach_are_sources() {
        let text = "Nach ersten Ermittlungen der Feuerwehr war ein Kabel defekt. \
                    Nach Berechnungen des Wetterdienstes zieht der Sturm nach Osten.";
        let (claims, entities) = detect(text, &[(&["Feuerwehr"], ORG), (&["Wetterdienstes"], ORG)]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "reported",
                    "war ein Kabel defekt",
                    "der Feuerwehr",
                    "Feuerwehr".to_string(),
                    "Nach ersten Ermittlungen"
                ),
                (
                    "reported",
                    "zieht der Sturm nach Osten",
                    "des Wetterdienstes",
                    "Wetterdienstes".to_string(),
                    "Nach Berechnungen"
                ),
            ]
        );
    }

    #[test]
    fn any_subject_of_a_speech_verb_with_a_reported_clause_speaks() {
        let text = "Die Nachbarn hatten ausgesagt, dass sie nichts gehört hätten. \
                    Zeugen sagten vor Gericht aus, der Fahrer sei zu schnell gewesen.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [
                (
                    "indirect",
                    "dass sie nichts gehört hätten",
                    "Die Nachbarn",
                    String::new(),
                    "ausgesagt"
                ),
                (
                    "indirect",
                    "der Fahrer sei zu schnell gewesen",
                    "Zeugen",
                    String::new(),
                    "sagten"
                ),
            ]
        );
    }

    #[test]
    fn passive_demands_without_an_agent_are_unsourced() {
        let text = "Die Anwohner wurden aufgefordert, ihre Fenster geschlossen zu halten.";
        let (claims, entities) = detect(text, &[]);
        assert_eq!(
            summary(text, &claims, &entities),
            [(
                "vague",
                "ihre Fenster geschlossen zu halten",
                "",
                String::new(),
                "aufgefordert"
            )]
        );
    }

    #[test]
    fn reports_as_prepositional_sources_and_hearsay_continuations() {
        // "soll … gewesen sein" goes on reporting; "soll … gebaut werden" is a plan.
        let text = "Nach einem Bericht der Zeitung Kurier ist der Tunnel gesperrt. \
                    Ein Riss soll entdeckt worden sein. \
                    Ein neuer Tunnel soll bis 2030 gebaut werden.";
        let (claims, entities) = detect(text, &[(&["Kurier"], ORG)]);
        let found: Vec<_> = summary(text, &claims, &entities)
            .into_iter()
            .filter(|c| c.0 != "numeric")
            .collect();
        assert_eq!(
            found,
            [
                (
                    "reported",
                    "ist der Tunnel gesperrt",
                    "der Zeitung Kurier",
                    "Kurier".to_string(),
                    "Nach einem Bericht"
                ),
                (
                    "indirect",
                    "Ein Riss soll entdeckt worden sein",
                    "der Zeitung Kurier",
                    "Kurier".to_string(),
                    ""
                ),
            ]
        );
    }

    /// The non-numeric claims as (kind, content, speaker as written, cue).
    fn claims_found<'t>(
        text: &'t str,
        entries: &[(&[&str], EntityKind)],
    ) -> Vec<(&'static str, &'t str, &'t str, &'t str)> {
        let (claims, entities) = detect(text, entries);
        summary(text, &claims, &entities)
            .into_iter()
            .filter(|c| c.0 != "numeric")
            .map(|(kind, content, speaker, _, cue)| (kind, content, speaker, cue))
            .collect()
    }

    #[test]
    fn reported_speech_continues_past_a_frameless_quotation() {
        let text = "Die Ministerin Anna Berger sagte, die Lage sei ernst. \
                    „Wir tun alles, was wir können.“ \
                    Die Hilfe komme aber zu spät.";
        let found = claims_found(text, &[(&["Anna Berger"], PER)]);
        assert!(found.contains(&(
            "indirect",
            "Die Hilfe komme aber zu spät",
            "Die Ministerin Anna Berger",
            ""
        )));
    }

    #[test]
    fn a_frameless_quotation_inside_reported_speech_keeps_the_sentence_reported() {
        let text = "Der Trainer Max Vogel sagte, er bleibe im Verein. \
                    Der Abschied sei „kein Thema“.";
        let found = claims_found(text, &[(&["Max Vogel"], PER)]);
        assert!(found.contains(&(
            "indirect",
            "Der Abschied sei „kein Thema“",
            "Der Trainer Max Vogel",
            ""
        )));
    }

    #[test]
    fn konjunktiv_continues_past_an_aside_that_names_no_one() {
        // The aside attributes nothing and names no one, so the Konjunktiv sentence after it
        // still reports the minister; after an aside naming someone new it does not.
        let text = "Der Minister Paul Kern sagte, die Brücke sei sicher. \
                    Sie wurde 1970 gebaut. \
                    Die Risse seien harmlos.";
        let found = claims_found(text, &[(&["Paul Kern"], PER)]);
        assert!(found.contains(&(
            "indirect",
            "Die Risse seien harmlos",
            "Der Minister Paul Kern",
            ""
        )));
        let text = "Der Minister Paul Kern sagte, die Brücke sei sicher. \
                    Sie wurde von Karl Brandt gebaut. \
                    Die Risse seien harmlos.";
        let found = claims_found(text, &[(&["Paul Kern"], PER), (&["Karl Brandt"], PER)]);
        assert!(!found.iter().any(|c| c.1 == "Die Risse seien harmlos"));
    }

    #[test]
    fn a_genitive_name_before_the_statement_noun_speaks() {
        let text = "Nach Müllers Worten ist die Lage ernst.";
        assert_eq!(
            claims_found(text, &[(&["Müllers"], PER)]),
            [(
                "reported",
                "ist die Lage ernst",
                "Müllers",
                "Nach Müllers Worten"
            )]
        );
    }

    #[test]
    fn laws_are_prepositional_sources() {
        let text = "Nach der Verfassung wählt das Parlament den Präsidenten.";
        let found = claims_found(text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "wählt das Parlament den Präsidenten");
        assert_eq!(found[0].3, "Nach der Verfassung");
    }

    #[test]
    fn an_argument_noun_introduces_the_subjects_reported_clause() {
        let text = "Die Stadtwerke Ulm begegneten der Kritik mit dem Argument, \
                    die Preise seien seit Jahren stabil.";
        assert_eq!(
            claims_found(text, &[(&["Stadtwerke Ulm"], ORG)]),
            [(
                "indirect",
                "die Preise seien seit Jahren stabil",
                "Die Stadtwerke Ulm",
                "mit dem Argument"
            )]
        );
    }

    #[test]
    fn more_speech_verbs_open_reported_clauses() {
        let text = "Der Abgeordnete Jan Roth prangerte an, dass die Schulen verfallen. \
                    Die Ministerin Eva Lang machte deutlich, dass sie nicht zurücktrete. \
                    Der Ökonom Tim Berg konterte, die Zahlen seien veraltet. \
                    Der Sprecher Ole Hahn schränkte ein, dass noch nichts entschieden sei.";
        let found = attributions(
            text,
            &[
                (&["Jan Roth"], PER),
                (&["Eva Lang"], PER),
                (&["Tim Berg"], PER),
                (&["Ole Hahn"], PER),
            ],
        );
        let speakers: Vec<(&str, &str)> = found.iter().map(|c| (c.1, c.2)).collect();
        assert_eq!(
            speakers,
            [
                ("dass die Schulen verfallen", "Der Abgeordnete Jan Roth"),
                ("dass sie nicht zurücktrete", "Die Ministerin Eva Lang"),
                ("die Zahlen seien veraltet", "Der Ökonom Tim Berg"),
                ("dass noch nichts entschieden sei", "Der Sprecher Ole Hahn"),
            ]
        );
    }

    #[test]
    fn conviction_after_sein_frames_a_reported_clause() {
        let text = "Der Bauernverband Nord ist zuversichtlich, dass die Ernte gut ausfällt.";
        let found = claims_found(text, &[(&["Bauernverband Nord"], ORG)]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "dass die Ernte gut ausfällt");
        assert_eq!(found[0].2, "Der Bauernverband Nord");
    }

    #[test]
    fn a_text_named_before_a_passive_speech_verb_is_its_source() {
        let text = "In einer Presseerklärung der Firma Holzbau AG wurde mitgeteilt, \
                    dass das Werk schließt. \
                    Bei der Agentur Reuters hieß es, die Verhandlungen seien gescheitert.";
        let found = claims_found(text, &[(&["Holzbau AG"], ORG), (&["Reuters"], ORG)]);
        let speakers: Vec<(&str, &str)> = found.iter().map(|c| (c.1, c.2)).collect();
        assert_eq!(
            speakers,
            [
                (
                    "dass das Werk schließt",
                    "einer Presseerklärung der Firma Holzbau AG"
                ),
                ("die Verhandlungen seien gescheitert", "der Agentur Reuters"),
            ]
        );
    }

    #[test]
    fn a_statement_noun_with_an_infinitive_clause_reports_it() {
        let text =
            "Die Forderung der Gewerkschaft Verdi, die Löhne zu erhöhen, stieß auf Ablehnung.";
        let found = claims_found(text, &[(&["Verdi"], ORG)]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "die Löhne zu erhöhen");
        assert_eq!(found[0].2, "der Gewerkschaft Verdi");
    }

    #[test]
    fn a_frame_after_so_with_a_verb_closes_or_interrupts_the_statement() {
        let text = "Die Lage sei ernst, so sagte der Minister Ralf Stein. \
                    Die Hilfe sei, so schrieb die Ministerin Ute Bach in einer Erklärung, unterwegs.";
        let found = claims_found(text, &[(&["Ralf Stein"], PER), (&["Ute Bach"], PER)]);
        let speakers: Vec<(&str, &str)> = found.iter().map(|c| (c.1, c.2)).collect();
        assert_eq!(
            speakers,
            [
                ("Die Lage sei ernst", "der Minister Ralf Stein"),
                (
                    "Die Hilfe sei, so schrieb die Ministerin Ute Bach in einer Erklärung, unterwegs",
                    "die Ministerin Ute Bach"
                ),
            ]
        );
    }

    #[test]
    fn a_court_judging_reports_a_clause() {
        let text = "Das Landgericht Ulm urteilte, die Klage sei unbegründet.";
        assert_eq!(
            claims_found(text, &[(&["Landgericht Ulm"], ORG)]),
            [(
                "indirect",
                "die Klage sei unbegründet",
                "Das Landgericht Ulm",
                "urteilte"
            )]
        );
    }

    #[test]
    fn reported_speech_after_an_unsourced_report_stays_unsourced() {
        let text = "Es wurde berichtet, dass die Brücke gesperrt ist. \
                    Sie sei seit Jahren marode.";
        assert_eq!(
            claims_found(text, &[]),
            [
                ("vague", "dass die Brücke gesperrt ist", "", "berichtet"),
                ("vague", "Sie sei seit Jahren marode", "", ""),
            ]
        );
    }

    #[test]
    fn ids_depend_on_content_not_position() {
        let (first, _) = detect("Laut Polizei brannte das Haus.", &[]);
        let (second, _) = detect("Ein neuer Satz. Laut Polizei brannte das Haus.", &[]);
        assert_eq!(first[0].id, second[0].id);
        assert!(first[0].id.starts_with("c-") && first[0].id.len() == 14);
        assert_ne!(
            claim_id(ClaimKind::Quote, "a b"),
            claim_id(ClaimKind::Indirect, "a b")
        );
        assert_eq!(
            claim_id(ClaimKind::Quote, "A  b"),
            claim_id(ClaimKind::Quote, "a b")
        );
    }

    #[test]
    fn claim_ids_normalise_as_split_whitespace_and_to_lowercase_do() {
        // The definition the byte scan must agree with.
        fn by_definition(kind: ClaimKind, content: &str) -> String {
            let words: Vec<String> = content.split_whitespace().map(str::to_lowercase).collect();
            let mut hash = Fnv1a::default();
            hash.feed(kind.label().as_bytes());
            hash.feed(b":");
            hash.feed(words.join(" ").as_bytes());
            format!("c-{:012x}", hash.0 >> 16)
        }
        for text in [
            " Die\u{a0}Lage\tsei \u{2009}„ernst“,\u{b}sagte\u{1c}Er.\r\nΣΟΦΙΑΣ  ",
            "ÜBER 1.000 Ärzte",
            "Straße\u{3000}İstanbul ǅ",
            "ÀÖ×ØÞßàÿ\u{a0}µ\u{85}ŸĀ ẞ",
            "",
            "   ",
        ] {
            assert_eq!(
                claim_id(ClaimKind::Quote, text),
                by_definition(ClaimKind::Quote, text),
                "{text:?}"
            );
        }
        // Every character up to the end of Latin Extended-B, alone and inside a word.
        for c in (0x80..0x250).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("Ab{c}Cd x")] {
                assert_eq!(
                    claim_id(ClaimKind::Quote, &text),
                    by_definition(ClaimKind::Quote, &text),
                    "{text:?}"
                );
            }
        }
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use crate::text::tokens::{split_sentences, tokenize};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Der",
        "Minister",
        "sagte",
        "betonte",
        "teilte",
        "mit",
        ",",
        ".",
        "dass",
        "er",
        "sei",
        "„",
        "“",
        "\"",
        ":",
        "laut",
        "Laut",
        "Polizei",
        "zufolge",
        "Berichten",
        "über",
        "40",
        "Prozent",
        "etwa",
        "zwölf",
        "Ländern",
        "so",
        "wie",
        "übernehmen",
        "äußerte",
        "Zweifel",
        "an",
        "wurde",
        "berichtet",
        "Selenskyj",
        "nach",
        "Angaben",
        "von",
        "zu",
        "anzusprechen",
        "hieß",
        "es",
        "(",
        ")",
        "5.",
        "August",
        "1930",
        "Müller",
        "Ö",
        "\n",
    ];

    proptest! {
        /// Sentences made of the words the rules react to, in any order and spacing.
        #[test]
        fn word_salad_never_panics(picks in proptest::collection::vec((0..PIECES.len(), proptest::bool::ANY), 0..60)) {
            let text: String = picks.iter().map(|&(i, space)| format!("{}{}", PIECES[i], if space { " " } else { "" })).collect();
            let tokens = tokenize(&text);
            let sentences = split_sentences(&text, &tokens);
            for claim in detect_claims(&text, &tokens, &sentences, &[], &[]) {
                prop_assert!(text.is_char_boundary(claim.range.start) && text.is_char_boundary(claim.range.end));
                prop_assert!(claim.range.end <= text.len());
            }
        }

        /// Any text, however odd its quotes, umlauts and punctuation, yields claims whose ranges
        /// are in bounds and on character boundaries.
        #[test]
        fn never_panics_and_ranges_are_char_boundaries(text in "[a-zA-ZäöüÄÖÜß0-9 ,.:;!?„“\"»«‚‘()\n-]{0,200}") {
            let tokens = tokenize(&text);
            let sentences = split_sentences(&text, &tokens);
            for claim in detect_claims(&text, &tokens, &sentences, &[], &[]) {
                prop_assert!(text.is_char_boundary(claim.range.start) && text.is_char_boundary(claim.range.end));
                prop_assert!(claim.range.start <= claim.range.end && claim.range.end <= text.len());
                for figure in &claim.figures {
                    prop_assert!(text.is_char_boundary(figure.range.start) && text.is_char_boundary(figure.range.end));
                }
            }
        }
    }
}
