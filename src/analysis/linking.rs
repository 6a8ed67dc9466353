//! Mentions → entities within one article.
//!
//! Candidates from every recogniser (annotations, knowledge base, tagger, gazetteer) are
//! resolved where they overlap, normalised ("Putins" → Putin, "Moskaus" → Moskau, "EU" →
//! Europäische Union), clustered (full name ↔ surname, acronym ↔ long form), completed by
//! document-level consistency (a name recognised once is found at its other occurrences), and
//! given roles ("Außenminister" → Marco Rubio) and derived words ("Kiewer" → Kiew).
//!
//! Surnames: a bare surname joins the most recent full name before it with that surname; with no
//! full name before it, the only full name after it; with several full names after it and none
//! before, it stays an entity of its own (ambiguous, never guessed).

use crate::analysis::gazetteer::Gazetteer;
use crate::analysis::model::{
    ByteRange, Candidate, Entity, EntityKind, Mention, MentionOrigin, RoleMention,
};
use crate::analysis::roles::{self, is_role_word};
use crate::corpus::knowledge_base::{
    KnowledgeBase, is_word_start, strip_genitive, word_end_with_genitive,
};
use crate::text::bytes::{HIGH_BITS, ascii_letters_and_alphanumerics};
use crate::text::tokens::{Sentence, Token, TokenKind};
use rustc_hash::FxHashMap;
use rustc_hash::FxHashSet;
use std::borrow::Cow;

/// The word knowledge linking needs: canonical names, place adjectives and role nouns. The
/// embedded gazetteer implements it; tests use small word lists. Shared with a second thread on
/// long articles (see [`WordFacts`]).
pub trait NameLexicon: Sync {
    /// The canonical form and type of a name as written: "Moskaus" → ("Moskau", LOC), "EU" →
    /// ("Europäische Union", ORG).
    fn canonical_name(&self, surface: &str) -> Option<(&str, EntityKind)>;
    /// The place a derived word comes from: "Kiewer" → "Kiew", "russischen" → "Russland".
    fn place_of_derived_word(&self, word: &str) -> Option<&str>;
    /// Whether `word` is a role noun ("Außenminister", "Präsident").
    fn is_role_noun(&self, word: &str) -> bool;
    /// False when `word` surely has no place it is derived from and is no role noun: a quick
    /// answer for most words, asked before the others. A lexicon without one says "maybe".
    fn may_be_derived_or_role(&self, _word: &str) -> bool {
        true
    }
}

/// One article's entities and the mentions that refer to them, both in text order.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Linked {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

impl Linked {
    /// The innermost mention covering `offset` (a name inside a role wins over the role).
    pub fn mention_at(&self, offset: usize) -> Option<&Mention> {
        self.mentions
            .iter()
            .filter(|m| m.range.start <= offset && offset <= m.range.end)
            .min_by_key(|m| m.range.end - m.range.start)
    }

    /// The mentions cut into non-overlapping pieces, for consumers that cannot nest (semantic
    /// tokens): a shorter mention inside a longer one wins its bytes, and the longer one keeps
    /// the pieces around it ("Leiter der" · "Kiewer" · "Präsidialverwaltung"), trimmed of
    /// spaces. Pairs of (piece, mention index), in text order.
    pub fn flat_pieces(&self, text: &str) -> Vec<(ByteRange, usize)> {
        let mut pieces = Vec::new();
        for (i, m) in self.mentions.iter().enumerate() {
            let mut inner: Vec<&ByteRange> = self
                .mentions
                .iter()
                .enumerate()
                .filter(|(j, o)| {
                    let shorter = o.range.len() < m.range.len() || (o.range == m.range && *j < i);
                    *j != i && shorter && o.range.start < m.range.end && m.range.start < o.range.end
                })
                .map(|(_, o)| &o.range)
                .collect();
            inner.sort_by_key(|r| r.start);
            let mut at = m.range.start;
            let mut push = |from: usize, to: usize| {
                let piece = &text[from..to];
                let start = from + (piece.len() - piece.trim_start().len());
                let end = to - (piece.len() - piece.trim_end().len());
                if start < end {
                    pieces.push((start..end, i));
                }
            };
            for r in inner {
                if r.start > at {
                    push(at, r.start.min(m.range.end));
                }
                at = at.max(r.end);
            }
            if at < m.range.end {
                push(at, m.range.end);
            }
        }
        pieces.sort_by_key(|(r, _)| r.start);
        pieces
    }
}

/// A readable, stable slug: "Wolodymyr Selenskyj" → `wolodymyr-selenskyj`, "Jean-Noël Barrot" →
/// `jean-noel-barrot`, "Großbritannien" → `grossbritannien`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while !rest.is_empty() {
        // Most names are mostly ASCII letters: a run of them is copied at once and lower-cased
        // without Unicode's tables.
        let run = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        if run > 0 {
            let start = out.len();
            out.push_str(&rest[..run]);
            out[start..].make_ascii_lowercase();
            rest = &rest[run..];
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().expect("the rest is not empty");
        rest = chars.as_str();
        if c.is_ascii() {
            push_slug_char(&mut out, c);
        } else {
            for lower in c.to_lowercase() {
                push_slug_char(&mut out, lower);
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// One lower-case character of a name onto its slug: folded to ASCII where it has a
/// customary spelling, a hyphen for a run of other characters.
fn push_slug_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
        return;
    }
    let folded: &str = match c {
        'ä' | 'æ' => "ae",
        'ö' | 'œ' | 'ø' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => "a",
        'ç' | 'č' | 'ć' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' => "o",
        'ř' => "r",
        'š' | 'ś' | 'ş' => "s",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        _ => "",
    };
    if !folded.is_empty() {
        out.push_str(folded);
    } else if c.is_alphanumeric() {
        out.push(c);
    } else if !out.is_empty() && !out.ends_with('-') {
        out.push('-');
    }
}

/// An empty map that takes `entries` without growing: linking fills maps with one entry per
/// name of a long article, and growing them step by step cost more than the filling.
fn with_room_for<K, V>(entries: usize) -> FxHashMap<K, V> {
    FxHashMap::with_capacity_and_hasher(entries, Default::default())
}

/// Asked of each distinct word of an article: a plain loop over a word's few bytes beats the
/// general search `str::contains` sets up.
fn has_hyphen(word: &str) -> bool {
    word.bytes().any(|b| b == b'-')
}

/// Whether `range` is joined to a word by a hyphen ("Weber" in "Weber-Schmidt").
fn is_compound_part(text: &str, range: &ByteRange) -> bool {
    text[..range.start].ends_with('-') || text[range.end..].starts_with('-')
}

/// A score as an integer that orders like [`f32::total_cmp`], for sort keys.
fn total_order(score: f32) -> i32 {
    let bits = score.to_bits() as i32;
    bits ^ (((bits >> 31) as u32) >> 1) as i32
}

fn origin_rank(origin: MentionOrigin) -> u8 {
    match origin {
        MentionOrigin::Annotation => 0,
        MentionOrigin::KnowledgeBase => 1,
        _ => 2,
    }
}

/// Runs of whitespace (line breaks inside a name) as one space; most names have none to even
/// out and are borrowed as they are.
fn normalise_space(s: &str) -> Cow<'_, str> {
    if is_evenly_spaced(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Whether `s` has no whitespace but single spaces between words. One pass over the
/// characters: asked of every name, and a substring search for double spaces costs more to set
/// up than a short name takes to walk.
fn is_evenly_spaced(s: &str) -> bool {
    // A space at the start counts as following another.
    let mut after_space = true;
    for c in s.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// "Europäische Union" → "EU", "Vereinte Nationen" → "VN": initials of the capitalised words.
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn is_acronym(name: &str) -> bool {
    let n = name.chars().count();
    (2..=6).contains(&n) && name.chars().all(|c| c.is_uppercase())
}

/// A multi-word name of an organisation, place or other thing with its adjective and genitive
/// endings evened out, so inflected forms meet: "Europäischen Union" → "Europäische Union",
/// "Deutschen Bundestages" → "Deutsche Bundestag". Person names are left alone.
fn uninflected(kind: EntityKind, name: &str) -> Cow<'_, str> {
    // Names are short: counting their spaces byte by byte costs less than setting up a
    // search for them.
    let spaces = name.bytes().filter(|&b| b == b' ').count();
    if kind == EntityKind::Person || spaces == 0 {
        return Cow::Borrowed(name);
    }
    let word_count = spaces + 1;
    // Most names are asked about at every mention and are already uninflected: they are
    // borrowed, and only a name with an ending to even out is copied.
    let mut out: Option<String> = None;
    for (i, (word, start)) in words_with_starts(name).enumerate() {
        let (stem, add_e) = uninflected_word(word, i + 1 == word_count);
        let out = match out.as_mut() {
            Some(out) => {
                out.push(' ');
                out
            }
            None if stem.len() == word.len() && !add_e => continue,
            None => {
                // The first word with an ending to even out: the words before it are copied
                // as they are.
                let mut copy = String::with_capacity(name.len() + 1);
                copy.push_str(&name[..start]);
                out.insert(copy)
            }
        };
        out.push_str(stem);
        if add_e {
            out.push('e');
        }
    }
    out.map_or(Cow::Borrowed(name), Cow::Owned)
}

/// The words of a name split at single spaces, each with its byte offset.
fn words_with_starts(name: &str) -> impl Iterator<Item = (&str, usize)> {
    name.split(' ').scan(0, |start, word| {
        let item = (word, *start);
        *start += word.len() + 1;
        Some(item)
    })
}

/// One word of a multi-word name uninflected: the stem to keep and whether an "e" follows it
/// ("Europäischen" → ("Europäisch", true), "Bundestages" at the end → ("Bundestag", false)).
fn uninflected_word(word: &str, is_last: bool) -> (&str, bool) {
    let long = word.chars().count() > 4;
    if !long {
        return (word, false);
    }
    if !is_last {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return (word, false);
        }
        // "-er" only after an adjective stem: place adjectives ("Kiewer", "Berliner") never
        // inflect.
        let adjective_stem = |stem: &str| ["sch", "ig", "lich"].iter().any(|a| stem.ends_with(a));
        return ["en", "er", "es", "em"]
            .iter()
            .find_map(|e| {
                word.strip_suffix(e)
                    .filter(|stem| *e != "er" || adjective_stem(stem))
            })
            .map_or((word, false), |stem| (stem, true));
    }
    // Only the first ending the word has counts: "Hauses" keeps its "es" rather than losing
    // an "s".
    let stem = ["es", "s"]
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .filter(|stem| !stem.ends_with('s'))
        .unwrap_or(word);
    (stem, false)
}

/// A fixed set of byte ranges that answers "does anything overlap this range?" for queries
/// that come in text order (tokens, matches of a left-to-right scan). Linking asks it once per
/// token of the article, so it walks forward instead of searching: a binary search per token
/// cost more than the rest of the scan.
struct RangeSweep {
    /// Ranges as (start, end), sorted by start.
    sorted: Vec<(usize, usize)>,
    /// How many ranges start before the last query's end.
    passed: usize,
    /// The largest end among the passed ranges.
    reach: usize,
}

impl RangeSweep {
    fn new<'r>(ranges: impl Iterator<Item = &'r ByteRange>) -> RangeSweep {
        let mut sorted: Vec<(usize, usize)> = ranges.map(|r| (r.start, r.end)).collect();
        // The ranges come as a few runs already in text order (names, then surnames, derived
        // words, …): the stable sort merges runs it finds instead of sorting from scratch.
        sorted.sort();
        RangeSweep {
            sorted,
            passed: 0,
            reach: 0,
        }
    }

    /// Whether some range `s` has `s.start < r.end && r.start < s.end`. Queries must not
    /// move backwards: each `r.end` is at least the previous one.
    fn overlaps(&mut self, r: &ByteRange) -> bool {
        while let Some(&(start, end)) = self.sorted.get(self.passed) {
            if start >= r.end {
                break;
            }
            self.reach = self.reach.max(end);
            self.passed += 1;
        }
        self.passed > 0 && self.reach > r.start
    }
}

/// A span accepted as a name, with what it names.
#[derive(Debug, Clone)]
struct NameSpan {
    range: ByteRange,
    kind: EntityKind,
    derived: bool,
    origin: MentionOrigin,
    cluster: usize,
    /// Whether the recogniser was sure enough for the name to be spread to its other
    /// occurrences (a doubtful tagger guess is not copied through the article).
    spreads: bool,
}

/// Below this tagger score a name is kept where it was found but not searched elsewhere.
const CONSISTENCY_MIN_SCORE: f32 = 0.5;

fn spreads(c: &Candidate) -> bool {
    !matches!(c.origin, MentionOrigin::Tagger) || c.score >= CONSISTENCY_MIN_SCORE
}

#[derive(Debug, Clone)]
struct Cluster {
    kind: EntityKind,
    /// The fullest base name seen ("Wolodymyr Selenskyj"), or the knowledge base's name.
    name: String,
    kb: Option<usize>,
    /// Clusters merged into another point at it.
    merged_into: Option<usize>,
}

#[derive(Default)]
struct Clusters {
    list: Vec<Cluster>,
    by_kb: FxHashMap<usize, usize>,
    /// Clusters by uninflected name, one map per kind (indexed by `EntityKind as usize`) so
    /// a name is looked up without building a key.
    by_name: [FxHashMap<String, usize>; ENTITY_KINDS],
}

/// How many `EntityKind`s there are.
const ENTITY_KINDS: usize = EntityKind::ALL.len();

impl Clusters {
    fn root(&self, mut c: usize) -> usize {
        while let Some(next) = self.list[c].merged_into {
            c = next;
        }
        c
    }
    fn for_kb(&mut self, kb: &KnowledgeBase, index: usize) -> usize {
        if let Some(&c) = self.by_kb.get(&index) {
            return c;
        }
        let entity = &kb.entities()[index];
        self.list.push(Cluster {
            kind: entity.kind,
            name: entity.name.clone(),
            kb: Some(index),
            merged_into: None,
        });
        let c = self.list.len() - 1;
        self.by_kb.insert(index, c);
        self.by_name[entity.kind as usize]
            .entry(entity.name.clone())
            .or_insert(c);
        c
    }
    fn for_name(&mut self, kind: EntityKind, name: &str) -> usize {
        let key = uninflected(kind, name);
        if let Some(&c) = self.by_name[kind as usize].get(key.as_ref()) {
            let c = self.root(c);
            // Prefer the uninflected form as the name ("Europäische Union" over "Europäischen
            // Union").
            let cluster = &mut self.list[c];
            if name == key && cluster.kb.is_none() && cluster.name != name {
                cluster.name = name.to_string();
            }
            return c;
        }
        self.list.push(Cluster {
            kind,
            name: name.to_string(),
            kb: None,
            merged_into: None,
        });
        let c = self.list.len() - 1;
        self.by_name[kind as usize].insert(key.into_owned(), c);
        c
    }
}

impl NameLexicon for Gazetteer {
    fn canonical_name(&self, surface: &str) -> Option<(&str, EntityKind)> {
        Gazetteer::canonical_name(self, surface)
    }
    fn place_of_derived_word(&self, word: &str) -> Option<&str> {
        Gazetteer::place_of_derived_word(self, word)
    }
    fn is_role_noun(&self, word: &str) -> bool {
        Gazetteer::is_role_noun(self, word)
    }
    fn may_be_derived_or_role(&self, word: &str) -> bool {
        Gazetteer::may_be_derived_or_role(self, word)
    }
}

/// Links `candidates` (tagger spans, gazetteer phrase matches, annotations) into entities with
/// the embedded gazetteer as word knowledge. Knowledge-base aliases are searched in `text` here.
pub fn link(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    candidates: &[Candidate],
    kb: &KnowledgeBase,
) -> Linked {
    link_with(
        text,
        tokens,
        sentences,
        candidates,
        kb,
        Gazetteer::embedded(),
    )
}

/// Links `candidates` into entities. `kb` aliases are searched in `text` here, so callers need
/// not pass knowledge-base candidates (if they do, they are merged).
pub fn link_with(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    candidates: &[Candidate],
    kb: &KnowledgeBase,
    lexicon: &dyn NameLexicon,
) -> Linked {
    let facts = WordFacts::new(text, tokens, lexicon);
    link_with_facts(text, tokens, sentences, candidates, kb, &facts)
}

/// [`link_with`] with the lexicon's word facts worked out before: they depend on the text
/// alone, so the analysis of a long article works them out beside tokenizing.
pub fn link_with_facts(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    candidates: &[Candidate],
    kb: &KnowledgeBase,
    facts: &WordFacts,
) -> Linked {
    let lexicon = facts.lexicon;
    let (accepted, annotated_roles) = select_candidates(text, tokens, candidates, kb, lexicon);
    let mut clusters = Clusters::default();
    let mut spans = cluster_names(text, &accepted, kb, lexicon, &mut clusters);
    merge_acronyms(&mut clusters);
    add_derived_words(
        text,
        tokens,
        &accepted,
        kb,
        facts,
        &mut clusters,
        &mut spans,
    );
    add_consistency_mentions(text, &clusters, &mut spans);
    add_compound_parts(text, tokens, facts, &clusters, &mut spans);
    for s in &mut spans {
        s.cluster = clusters.root(s.cluster);
    }
    spans.sort_by_key(|s| (s.range.start, s.range.end));
    let roles = attach_roles(
        text,
        tokens,
        sentences,
        &spans,
        annotated_roles,
        facts,
        &mut clusters,
    );
    build(text, clusters, kb, spans, roles)
}

/// The lexicon, with what linking asks it about each word of an article answered ahead, by
/// token. The answers depend on the text alone, not on the candidates, so they can be worked
/// out before them, part by part (see [`WordFacts::followed_by`]).
pub struct WordFacts<'l> {
    lexicon: &'l dyn NameLexicon,
    /// The words derived names may be found in, as (token index, what they may be derived
    /// from) in text order: few words are.
    derivable: Vec<(usize, DerivedFrom<'l>)>,
    /// Whether a word is a role word ([`is_role_word`]).
    role_words: Vec<bool>,
}

/// What a word may be derived from.
#[derive(Clone, Copy)]
enum DerivedFrom<'l> {
    /// A word without a hyphen the lexicon knows as derived from a place ("russischen" →
    /// "Russland").
    Place(&'l str),
    /// A word with a hyphen, whose parts may be names ("US-Präsident", "Trump-Regierung").
    Parts,
}

impl<'l> WordFacts<'l> {
    pub fn new(text: &str, tokens: &[Token], lexicon: &'l dyn NameLexicon) -> WordFacts<'l> {
        let mut derivable = Vec::new();
        // Most words are no role words: only the few that are are marked.
        let mut role_words = vec![false; tokens.len()];
        // An article repeats its words ("der", "Regierung", "Selenskyj"): the lexicon is asked
        // about each distinct word once, and a repeated word costs one hash lookup.
        let mut facts_of_word: FxHashMap<&str, (Option<DerivedFrom<'l>>, bool)> =
            with_room_for(tokens.len() / 8);
        for (index, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = &text[t.range.clone()];
            // Most words end like no derived word and no role noun: the lexicon tells that
            // from their ends for less than remembering them costs.
            if !lexicon.may_be_derived_or_role(word) && !has_hyphen(word) {
                continue;
            }
            let &mut (derived_from, role_word) = facts_of_word.entry(word).or_insert_with(|| {
                let derived_from = if has_hyphen(word) {
                    Some(DerivedFrom::Parts)
                } else {
                    lexicon.place_of_derived_word(word).map(DerivedFrom::Place)
                };
                (derived_from, is_role_word(word, lexicon))
            });
            if let Some(derived_from) = derived_from {
                derivable.push((index, derived_from));
            }
            role_words[index] = role_word;
        }
        WordFacts {
            lexicon,
            derivable,
            role_words,
        }
    }

    /// The facts of a text made of this part and then `later`, whose token indices count from
    /// the end of this part's `tokens_before` tokens (as `tokens::join_parts` joins the tokens).
    pub fn followed_by(mut self, later: WordFacts<'l>, tokens_before: usize) -> WordFacts<'l> {
        debug_assert_eq!(self.role_words.len(), tokens_before);
        self.derivable.extend(
            later
                .derivable
                .into_iter()
                .map(|(index, derived_from)| (index + tokens_before, derived_from)),
        );
        self.role_words.extend(later.role_words);
        self
    }
}

/// A candidate that survived overlap resolution, with its knowledge-base entity when known.
type Accepted = (Candidate, Option<usize>);

/// Adds knowledge-base matches, trims titles off person spans, and resolves overlaps:
/// annotation > knowledge base > recognisers; longer, then more confident, wins. Annotated roles
/// are returned apart.
fn select_candidates(
    text: &str,
    tokens: &[Token],
    candidates: &[Candidate],
    kb: &KnowledgeBase,
    lexicon: &dyn NameLexicon,
) -> (Vec<Accepted>, Vec<ByteRange>) {
    let tokens_in = |range: &ByteRange| {
        let first = tokens.partition_point(|t| t.range.end <= range.start);
        let last = tokens.partition_point(|t| t.range.start < range.end);
        first..last.max(first)
    };

    // Knowledge-base matches carry their entity; other candidates do not know it yet.
    let mut pool: Vec<(Candidate, Option<usize>)> = kb
        .find_in(text)
        .into_iter()
        .map(|m| {
            let candidate = Candidate {
                // Part of a hyphen compound ("Selenskyj-Regierung"): linked, not a name.
                derived: is_compound_part(text, &m.range),
                range: m.range,
                kind: kb.entities()[m.entity].kind,
                origin: MentionOrigin::KnowledgeBase,
                score: 1.0,
            };
            (candidate, Some(m.entity))
        })
        .collect();
    let mut annotated_roles: Vec<ByteRange> = Vec::new();
    for c in candidates {
        if c.kind == EntityKind::Role {
            if c.origin == MentionOrigin::Annotation {
                annotated_roles.push(c.range.clone());
            }
            continue;
        }
        if c.origin == MentionOrigin::KnowledgeBase && pool.iter().any(|(p, _)| p.range == c.range)
        {
            continue;
        }
        let mut c = c.clone();
        // A tagger that swallows the title ("Präsident Wolodymyr Selenskyj") leaves the title to
        // role detection.
        if c.kind == EntityKind::Person && c.origin != MentionOrigin::Annotation {
            let span = tokens_in(&c.range);
            let mut first = span.start;
            while first + 1 < span.end && is_role_word(&text[tokens[first].range.clone()], lexicon)
            {
                first += 1;
            }
            if first > span.start {
                c.range.start = tokens[first].range.start;
            }
        }
        let kb_entity = if c.origin == MentionOrigin::Annotation {
            kb.entity_named(&text[c.range.clone()])
        } else {
            None
        };
        pool.push((c, kb_entity));
    }

    // Keys worked out once and sorted beside the candidates' positions: moving whole
    // candidates through a sort cost more than the comparisons. The sort is stable.
    pool.sort_by_cached_key(|(c, _)| {
        (
            c.derived,
            origin_rank(c.origin),
            std::cmp::Reverse(c.range.len()),
            c.range.start,
            std::cmp::Reverse(total_order(c.score)),
        )
    });
    let mut accepted: Vec<(Candidate, Option<usize>)> = Vec::with_capacity(pool.len());
    // The bytes of the accepted ranges: a candidate overlaps one exactly when it shares a byte
    // with it, and names are short, so marking bytes beats keeping the ranges in a tree.
    let text_end = pool.iter().map(|(c, _)| c.range.end).max().unwrap_or(0);
    let mut taken = vec![false; text_end];
    for (c, kb_entity) in pool {
        if c.range.is_empty() || taken[c.range.clone()].contains(&true) {
            continue;
        }
        taken[c.range.clone()].fill(true);
        accepted.push((c, kb_entity));
    }
    accepted.sort_by_key(|(c, _)| (c.range.start, c.range.end));

    (accepted, annotated_roles)
}

/// Clusters the non-derived names: knowledge-base entities, full names and other names first;
/// bare surnames after, once every full name is known.
fn cluster_names(
    text: &str,
    accepted: &[Accepted],
    kb: &KnowledgeBase,
    lexicon: &dyn NameLexicon,
    clusters: &mut Clusters,
) -> Vec<NameSpan> {
    let mut spans: Vec<NameSpan> = Vec::with_capacity(accepted.len());
    // About one entity per name: the list is made once at that size.
    clusters.list.reserve(accepted.len());

    // Surface forms of every non-derived name, to tell a genitive "s" from a name's own "s".
    let surfaces: Vec<Cow<str>> = accepted
        .iter()
        .filter(|(c, _)| !c.derived)
        .map(|(c, _)| normalise_space(&text[c.range.clone()]))
        .collect();
    // Each surface and its last word: asked once per genitive-looking name.
    let mut surface_words: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(2 * surfaces.len(), Default::default());
    surface_words.extend(surfaces.iter().flat_map(|s| [s.as_ref(), last_word(s)]));
    let known_name = |stem: &str| {
        surface_words.contains(stem)
            || kb.entity_named(stem).is_some()
            || lexicon.canonical_name(stem).is_some()
    };
    // The base name of a surface form, and the kind the lexicon gives it. A base name is the
    // surface, a part of it or the lexicon's name, so it is borrowed: a copy per surface cost
    // an allocation and a free each.
    fn base_name<'s>(
        surface: &'s str,
        lexicon: &'s dyn NameLexicon,
        known_name: &dyn Fn(&str) -> bool,
    ) -> (&'s str, Option<EntityKind>) {
        if let Some((canonical, kind)) = lexicon.canonical_name(surface) {
            return (canonical, Some(kind));
        }
        for apostrophe in ["’s", "'s", "’", "'"] {
            if let Some(stem) = surface.strip_suffix(apostrophe) {
                return (stem, None);
            }
        }
        if let Some(stem) = strip_genitive(surface) {
            if known_name(stem) {
                let canonical = lexicon.canonical_name(stem);
                let kind = canonical.map(|(_, k)| k);
                let stem = canonical.map_or(stem, |(c, _)| c);
                return (stem, kind);
            }
        }
        (surface, None)
    }
    // A name is usually written the same way many times: each surface is looked up once.
    let mut base_of_surface: FxHashMap<&str, (&str, Option<EntityKind>)> =
        with_room_for(surfaces.len());
    for surface in &surfaces {
        base_of_surface
            .entry(surface)
            .or_insert_with(|| base_name(surface, lexicon, &known_name));
    }

    // One name, one type: where the tagger types the same name differently in one article
    // ("Europa" LOC three times, PER once), the type with the highest summed confidence wins.
    let mut votes: FxHashMap<&str, Tally> = with_room_for(surfaces.len());
    let mut times_found: FxHashMap<&str, usize> = with_room_for(surfaces.len());
    // Surnames of the full person names: "Rubio" after "Marco Rubio" is that person, whatever
    // type the tagger gave the lone word.
    let mut person_surnames: FxHashSet<&str> = FxHashSet::default();
    let base_names: Vec<&(&str, Option<EntityKind>)> = surfaces
        .iter()
        .map(|surface| &base_of_surface[surface.as_ref()])
        .collect();
    for ((c, kb_entity), (base, _)) in accepted.iter().filter(|(c, _)| !c.derived).zip(&base_names)
    {
        *times_found.entry(base).or_insert(0) += 1;
        if c.kind == EntityKind::Person && base.contains(' ') {
            person_surnames.insert(last_word(base));
        }
        if kb_entity.is_none() && c.origin != MentionOrigin::Annotation {
            // Every vote counts a little even when the tagger reports no confidence.
            let weight = c.score.max(0.0) + 0.01;
            votes.entry(base).or_default().add(c.kind, weight);
        }
    }
    let voted_kind = |base: &str, kind: EntityKind| {
        votes
            .get(base)
            .and_then(|tally| {
                tally
                    .votes()
                    .fold(None, |best: Option<(EntityKind, f32)>, (k, w)| match best {
                        Some((_, bw)) if bw >= w => best,
                        _ => Some((k, w)),
                    })
            })
            .map_or(kind, |(k, _)| k)
    };

    let mut bare_surnames: Vec<(Candidate, &str, bool)> = Vec::new();
    for ((c, kb_entity), (base, lexicon_kind)) in
        accepted.iter().filter(|(c, _)| !c.derived).zip(base_names)
    {
        let lexicon_kind = *lexicon_kind;
        let (cluster, kind, sure) = if let Some(index) = kb_entity {
            (
                clusters.for_kb(kb, *index),
                kb.entities()[*index].kind,
                true,
            )
        } else {
            let kind = match (c.origin, lexicon_kind) {
                (MentionOrigin::Annotation, _) => c.kind,
                // Before the lexicon: "Rubio" is also a town somewhere.
                _ if person_surnames.contains(base) => EntityKind::Person,
                (_, None) => voted_kind(base, c.kind),
                (_, Some(kind)) => kind,
            };
            // A name spreads through the article when the tagger was sure, the lexicon knows
            // it, it has several words, or it was found more than once.
            let sure = spreads(c)
                || lexicon_kind.is_some()
                || base.contains(' ')
                || times_found.get(base).is_some_and(|&n| n > 1);
            if kind == EntityKind::Person && !base.contains(' ') {
                bare_surnames.push((c.clone(), base, sure));
                continue;
            }
            (clusters.for_name(kind, base), kind, sure)
        };
        spans.push(NameSpan {
            range: c.range.clone(),
            kind,
            derived: false,
            origin: c.origin,
            cluster,
            spreads: sure,
        });
    }
    let full_names = FullNames::new(clusters, &spans);
    for (c, surname, sure) in bare_surnames {
        let cluster = full_names
            .resolve(surname, c.range.start)
            .unwrap_or_else(|| clusters.for_name(EntityKind::Person, surname));
        spans.push(NameSpan {
            range: c.range.clone(),
            kind: EntityKind::Person,
            derived: false,
            origin: c.origin,
            cluster,
            spreads: sure,
        });
    }
    spans
}

/// The votes for a name's type: each kind with its summed weight, in the order the kinds were
/// first voted for (of equal sums the earlier wins). Held inline: a list on the heap per name
/// cost more than the counting.
#[derive(Default)]
struct Tally {
    /// Filled from the front: the first empty place ends the votes.
    votes: [Option<(EntityKind, f32)>; ENTITY_KINDS],
}

impl Tally {
    fn add(&mut self, kind: EntityKind, weight: f32) {
        for place in &mut self.votes {
            match place {
                Some((k, total)) if *k == kind => {
                    *total += weight;
                    return;
                }
                Some(_) => {}
                None => {
                    *place = Some((kind, weight));
                    return;
                }
            }
        }
    }

    fn votes(&self) -> impl Iterator<Item = (EntityKind, f32)> + '_ {
        self.votes.iter().map_while(|&vote| vote)
    }
}

/// Derived words: from recogniser candidates, and from every word the lexicon knows as derived
/// from a place ("russischen") or with a name before a hyphen ("US-Präsident").
fn add_derived_words<'l>(
    text: &'l str,
    tokens: &[Token],
    accepted: &[Accepted],
    kb: &KnowledgeBase,
    facts: &WordFacts<'l>,
    clusters: &mut Clusters,
    spans: &mut Vec<NameSpan>,
) {
    let lexicon = facts.lexicon;
    let mut derived: Vec<(ByteRange, MentionOrigin, &str, EntityKind, Option<usize>)> = Vec::new();
    for (c, _) in accepted.iter().filter(|(c, _)| c.derived) {
        let word = &text[c.range.clone()];
        // "russisch-ukrainischen" names two places: the word scan below links each part.
        if word.contains('-') {
            continue;
        }
        if let Some(place) = lexicon.place_of_derived_word(word) {
            derived.push((c.range.clone(), c.origin, place, EntityKind::Location, None));
        } else if let Some((name, kind)) = lexicon.canonical_name(word) {
            derived.push((c.range.clone(), c.origin, name, kind, None));
        }
    }
    let mut covered = RangeSweep::new(spans.iter().map(|s| &s.range));
    let mut recognised = RangeSweep::new(derived.iter().map(|d| &d.0));
    let recognised_count = derived.len();
    // Most words neither come from a place nor have parts: nothing to find in them.
    for &(index, derived_from) in &facts.derivable {
        let t = &tokens[index];
        let word = &text[t.range.clone()];
        // Words found in this scan lie inside their token, and tokens come in text order
        // without overlapping: only the latest ones can reach into this token.
        let found_here = derived[recognised_count..]
            .iter()
            .rev()
            .take_while(|d| d.0.end > t.range.start)
            .any(|d| d.0.start < t.range.end);
        if covered.overlaps(&t.range) || recognised.overlaps(&t.range) || found_here {
            continue;
        }
        if let DerivedFrom::Place(place) = derived_from {
            derived.push((
                t.range.clone(),
                MentionOrigin::Rule,
                place,
                EntityKind::Location,
                None,
            ));
            continue;
        }
        let mut at = t.range.start;
        for part in word.split('-') {
            let range = at..at + part.len();
            at += part.len() + 1;
            if part.is_empty() {
                continue;
            }
            if let Some(index) = kb.entity_named(part) {
                let entity = &kb.entities()[index];
                derived.push((
                    range,
                    MentionOrigin::Rule,
                    entity.name.as_str(),
                    entity.kind,
                    Some(index),
                ));
            } else if let Some((name, kind)) = lexicon.canonical_name(part) {
                derived.push((range, MentionOrigin::Rule, name, kind, None));
            } else if let Some(place) = lexicon.place_of_derived_word(part) {
                derived.push((
                    range,
                    MentionOrigin::Rule,
                    place,
                    EntityKind::Location,
                    None,
                ));
            }
        }
    }
    for (range, origin, name, kind, kb_entity) in derived {
        let cluster = match kb_entity.or_else(|| kb.entity_named(name)) {
            Some(index) => clusters.for_kb(kb, index),
            None => clusters.for_name(kind, name),
        };
        let kind = clusters.list[cluster].kind;
        spans.push(NameSpan {
            range,
            kind,
            derived: true,
            origin,
            cluster,
            spreads: false,
        });
    }
}

/// Roles, one sentence at a time so a title never reaches into the next sentence; annotated
/// roles join the person named next to them.
fn attach_roles(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    spans: &[NameSpan],
    annotated_roles: Vec<ByteRange>,
    facts: &WordFacts,
    clusters: &mut Clusters,
) -> Vec<(ByteRange, usize, MentionOrigin)> {
    let persons: Vec<(ByteRange, usize)> = spans
        .iter()
        .filter(|s| s.kind == EntityKind::Person && !s.derived)
        .map(|s| (s.range.clone(), s.cluster))
        .collect();
    let others: Vec<ByteRange> = spans
        .iter()
        .filter(|s| s.kind != EntityKind::Person && !s.derived)
        .map(|s| s.range.clone())
        .collect();
    let mut roles: Vec<(ByteRange, usize, MentionOrigin)> = Vec::new();
    // Without sentences the whole text is one.
    let sentence_spans = sentences
        .iter()
        .map(|s| s.tokens.clone())
        .chain(sentences.is_empty().then_some(0..tokens.len()));
    // A sentence's names, in lists kept from one sentence to the next: lists of their own
    // cost an allocation and a free each, more than filling them.
    let mut sentence_persons: Vec<&(ByteRange, usize)> = Vec::new();
    let mut person_ranges: Vec<ByteRange> = Vec::new();
    let mut other_ranges: Vec<ByteRange> = Vec::new();
    for token_span in sentence_spans {
        let role_words = &facts.role_words[token_span.clone()];
        let slice = &tokens[token_span];
        let (Some(first), Some(last)) = (slice.first(), slice.last()) else {
            continue;
        };
        let bounds = first.range.start..last.range.end;
        let within = |r: &ByteRange| r.start >= bounds.start && r.end <= bounds.end;
        // Both lists are sorted by start: only the stretch starting inside the sentence counts.
        let from = persons.partition_point(|p| p.0.start < bounds.start);
        sentence_persons.clear();
        sentence_persons.extend(
            persons[from..]
                .iter()
                .take_while(|p| p.0.start < bounds.end)
                .filter(|p| within(&p.0)),
        );
        person_ranges.clear();
        person_ranges.extend(sentence_persons.iter().map(|p| p.0.clone()));
        let from = others.partition_point(|r| r.start < bounds.start);
        other_ranges.clear();
        other_ranges.extend(
            others[from..]
                .iter()
                .take_while(|r| r.start < bounds.end)
                .filter(|r| within(r))
                .cloned(),
        );
        for role in roles::find_roles(
            text,
            slice,
            role_words,
            &person_ranges,
            &other_ranges,
            facts.lexicon,
        ) {
            let Some(person) = role.person else { continue };
            if annotated_roles
                .iter()
                .any(|a| a.start < role.range.end && role.range.start < a.end)
            {
                continue;
            }
            roles.push((role.range, sentence_persons[person].1, MentionOrigin::Rule));
        }
    }
    for range in annotated_roles {
        // An annotated role belongs to the person named right after it (apposition) or right
        // before it; with neither it becomes an entity of its own.
        let gap_ok = |gap: &str| gap.chars().all(|c| c.is_whitespace() || c == ',');
        let after = persons
            .iter()
            .find(|p| p.0.start >= range.end && gap_ok(&text[range.end..p.0.start]));
        let before = persons
            .iter()
            .rev()
            .find(|p| p.0.end <= range.start && gap_ok(&text[p.0.end..range.start]));
        let cluster = match after.or(before) {
            Some(p) => p.1,
            None => clusters.for_name(EntityKind::Role, &normalise_space(&text[range.clone()])),
        };
        roles.push((range, cluster, MentionOrigin::Annotation));
    }

    roles
}

/// The full person names of an article by surname, in text order: where a bare surname can
/// point (see the module comment).
struct FullNames {
    by_surname: FxHashMap<String, Vec<(usize, usize)>>,
}

impl FullNames {
    fn new(clusters: &Clusters, spans: &[NameSpan]) -> FullNames {
        let mut by_surname: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
        for s in spans.iter().filter(|s| s.kind == EntityKind::Person) {
            let name = &clusters.list[s.cluster].name;
            if !name.contains(' ') {
                continue;
            }
            let entry = (s.range.start, s.cluster);
            match by_surname.get_mut(last_word(name)) {
                Some(list) => list.push(entry),
                None => {
                    by_surname.insert(last_word(name).to_string(), vec![entry]);
                }
            }
        }
        for list in by_surname.values_mut() {
            list.sort_unstable();
        }
        FullNames { by_surname }
    }

    /// The cluster of the nearest full name before `at` with this surname, else of the only
    /// person with it further on.
    fn resolve(&self, surname: &str, at: usize) -> Option<usize> {
        let list = self.by_surname.get(surname)?;
        let before = list.partition_point(|&(start, _)| start < at);
        if before > 0 {
            return Some(list[before - 1].1);
        }
        let mut after: Vec<usize> = list.iter().map(|&(_, cluster)| cluster).collect();
        after.sort_unstable();
        after.dedup();
        (after.len() == 1).then(|| after[0])
    }
}

/// "EU" and "Europäische Union" in one article name one entity: an acronym joins the first
/// long name (several words, no person) whose initials it is.
fn merge_acronyms(clusters: &mut Clusters) {
    let is_acronym_to_merge =
        |c: &Cluster| c.merged_into.is_none() && c.kb.is_none() && is_acronym(&c.name);
    if !clusters.list.iter().any(is_acronym_to_merge) {
        return;
    }
    // Long names are never acronyms, so merging acronyms leaves this table valid; built once,
    // it spares comparing every acronym with every name.
    let mut long_name_by_initials: FxHashMap<String, usize> = FxHashMap::default();
    for (index, c) in clusters.list.iter().enumerate() {
        if c.merged_into.is_none() && c.name.contains(' ') && c.kind != EntityKind::Person {
            long_name_by_initials
                .entry(initials(&c.name))
                .or_insert(index);
        }
    }
    for c in &mut clusters.list {
        if is_acronym_to_merge(c) {
            if let Some(&long) = long_name_by_initials.get(&c.name) {
                c.merged_into = Some(long);
            }
        }
    }
}

/// Names of the article inside hyphen compounds ("Trump-Regierung", "Selenskyj-Berater"): derived
/// mentions of that entity. A part matches a name of exactly one entity: its full name or, for
/// persons, its surname.
fn add_compound_parts(
    text: &str,
    tokens: &[Token],
    facts: &WordFacts,
    clusters: &Clusters,
    spans: &mut Vec<NameSpan>,
) {
    // Each entity once, however often it is mentioned.
    let mut seen = vec![false; clusters.list.len()];
    // The one entity with a name, or `None` for a name several entities have.
    let mut owner: FxHashMap<&str, Option<usize>> = with_room_for(clusters.list.len());
    for s in spans.iter().filter(|s| !s.derived) {
        let cluster = clusters.root(s.cluster);
        if std::mem::replace(&mut seen[cluster], true) {
            continue;
        }
        let c = &clusters.list[cluster];
        let surname = (c.kind == EntityKind::Person).then(|| last_word(&c.name));
        for name in std::iter::once(c.name.as_str()).chain(surname) {
            owner
                .entry(name)
                .and_modify(|only| {
                    if *only != Some(cluster) {
                        *only = None;
                    }
                })
                .or_insert(Some(cluster));
        }
    }
    let mut found = Vec::new();
    let mut covered = RangeSweep::new(spans.iter().map(|s| &s.range));
    let hyphenated = facts
        .derivable
        .iter()
        .filter(|(_, from)| matches!(from, DerivedFrom::Parts))
        .map(|&(index, _)| &tokens[index]);
    for t in hyphenated {
        if covered.overlaps(&t.range) {
            continue;
        }
        let word = &text[t.range.clone()];
        let mut at = t.range.start;
        for part in word.split('-') {
            let range = at..at + part.len();
            at += part.len() + 1;
            let stem = strip_genitive(part)
                .filter(|stem| owner.contains_key(*stem))
                .unwrap_or(part);
            if let Some(&Some(cluster)) = owner.get(stem) {
                found.push((range, cluster));
            }
        }
    }
    for (range, cluster) in found {
        let kind = clusters.list[cluster].kind;
        spans.push(NameSpan {
            range,
            kind,
            derived: true,
            origin: MentionOrigin::Rule,
            cluster,
            spreads: false,
        });
    }
}

/// Finds every other occurrence of a recognised name (and, for a person whose surname no other
/// person in the article shares, the surname), with genitive endings.
fn add_consistency_mentions(text: &str, clusters: &Clusters, spans: &mut Vec<NameSpan>) {
    // Forms borrow from the text and the cluster names: only a surface with line breaks to
    // even out is copied. A form several entities share stands for the one clustered first
    // (the lowest index), so only that one is kept.
    let mut forms: FxHashMap<Cow<str>, usize> = with_room_for(spans.len());
    let mut add_form = |form, cluster: usize| {
        forms
            .entry(form)
            .and_modify(|first| *first = (*first).min(cluster))
            .or_insert(cluster);
    };
    let mut surname_owners: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut seen_cluster = vec![false; clusters.list.len()];
    for s in spans.iter() {
        let cluster = clusters.root(s.cluster);
        if std::mem::replace(&mut seen_cluster[cluster], true) {
            continue;
        }
        let c = &clusters.list[cluster];
        if c.kind == EntityKind::Person && c.name.contains(' ') {
            let owners = surname_owners.entry(last_word(&c.name)).or_default();
            if !owners.contains(&cluster) {
                owners.push(cluster);
            }
        }
    }
    // A place or organisation a derived word points at ("ukrainischen" → Ukraine) is searched
    // by its name.
    // Marked by cluster rather than gathered in a set: hashing each derived word's cluster
    // cost more than a list as long as the clusters.
    let mut derived_cluster = vec![false; clusters.list.len()];
    for s in spans.iter().filter(|s| s.derived) {
        derived_cluster[clusters.root(s.cluster)] = true;
    }
    for (cluster, _) in derived_cluster.iter().enumerate().filter(|(_, d)| **d) {
        add_form(Cow::Borrowed(&clusters.list[cluster].name), cluster);
    }
    // A name written the same way many times gives the same forms each time. Made at the size
    // of the names at once: growing it step by step rehashed it several times.
    let mut seen: FxHashSet<(&str, usize)> =
        FxHashSet::with_capacity_and_hasher(spans.len(), Default::default());
    for s in spans.iter().filter(|s| !s.derived && s.spreads) {
        let cluster = clusters.root(s.cluster);
        if !seen.insert((&text[s.range.clone()], cluster)) {
            continue;
        }
        let name = clusters.list[cluster].name.as_str();
        let surface = normalise_space(&text[s.range.clone()]);
        add_form(without_genitive_of(surface, name), cluster);
        add_form(Cow::Borrowed(name), cluster);
        if clusters.list[cluster].kind == EntityKind::Person && name.contains(' ') {
            let surname = last_word(name);
            if surname_owners.get(surname).is_some_and(|o| o.len() == 1) {
                add_form(Cow::Borrowed(surname), cluster);
            }
        }
    }
    // In hash order: each text is one form, and of the forms that can match at a place the
    // longest wins, so the mentions found do not depend on that order.
    let forms: Vec<(Cow<str>, usize)> = forms
        .into_iter()
        .filter(|(f, _)| {
            let n = f.chars().count();
            n >= 3 || (n == 2 && is_acronym(f))
        })
        .collect();
    if forms.is_empty() {
        return;
    }
    let patterns: Vec<&str> = forms.iter().map(|(f, _)| f.as_ref()).collect();
    let index = FormIndex::new(&patterns);
    // A form can only start where some form's first byte is, and only at a word start:
    // the index is asked there alone.
    let mut starts_a_form = [false; 256];
    for form in &patterns {
        starts_a_form[usize::from(form.as_bytes()[0])] = true;
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut covered = RangeSweep::new(spans.iter().map(|s| &s.range));
    // Where the last name found ends: the scan goes on after it.
    let mut scanned_to = 0;
    for at in after_non_alphanumeric_bytes(bytes) {
        if at < scanned_to || !starts_a_form[usize::from(bytes[at])] {
            continue;
        }
        // The first byte of a form is never inside a character, so `at` is a char boundary.
        // The byte before is no ASCII letter or digit: an ASCII one is a whole character that
        // is no letter or digit, and only a character beyond ASCII needs asking.
        let word_start = at == 0 || bytes[at - 1].is_ascii() || is_word_start(text, at);
        if !word_start {
            continue;
        }
        // The longest form starting here is the name, unless it runs on into a longer word.
        let found_here = index
            .longest_at(bytes, at)
            .and_then(|(form, end)| Some((form, word_end_with_genitive(text, end)?)));
        if let Some((form, end)) = found_here {
            let range = at..end;
            if !covered.overlaps(&range) && !is_compound_part(text, &range) {
                found.push((range, forms[form].1));
            }
            scanned_to = end;
        }
    }
    for (range, cluster) in found {
        let kind = clusters.list[cluster].kind;
        spans.push(NameSpan {
            range,
            kind,
            derived: false,
            origin: MentionOrigin::Consistency,
            cluster,
            spreads: false,
        });
    }
}

/// `surface` without a genitive ending where the rest ends the entity's `name` ("Putins" of
/// "Wladimir Putin" → "Putin").
fn without_genitive_of<'t>(surface: Cow<'t, str>, name: &str) -> Cow<'t, str> {
    let stem_len = strip_genitive(&surface)
        .filter(|stem| name.ends_with(stem) || name == *stem)
        .map(str::len);
    match (surface, stem_len) {
        (Cow::Borrowed(surface), Some(len)) => Cow::Borrowed(&surface[..len]),
        (Cow::Owned(mut surface), Some(len)) => {
            surface.truncate(len);
            Cow::Owned(surface)
        }
        (surface, None) => surface,
    }
}

/// The places a word may start at, in text order: the text's start and every place after a
/// byte that is no ASCII letter or digit (a space, a mark, a byte of a character beyond ASCII).
/// A word starts after a character that is no letter or digit, and such a character never ends
/// in an ASCII letter or digit, so no word start is left out; the caller tells the others
/// apart. Asked of every byte of an article, a byte-by-byte loop cost more than all the name
/// lookups it led to: eight bytes are tested at once.
struct AfterNonAlphanumeric<'b> {
    bytes: &'b [u8],
    /// The first place of the eight whose bytes were tested last.
    chunk: usize,
    /// The places among them still to give, each marked by the top bit of its byte's lane.
    places: u64,
    /// The last byte tested, in the lowest lane: the byte before the next chunk's first place.
    /// Zero before the text, which is no letter or digit.
    before: u64,
}

fn after_non_alphanumeric_bytes(bytes: &[u8]) -> AfterNonAlphanumeric<'_> {
    AfterNonAlphanumeric {
        bytes,
        // The first chunk starts at 0 ([`Iterator::next`] adds eight).
        chunk: 0usize.wrapping_sub(HEAD_LEN),
        places: 0,
        before: 0,
    }
}

impl Iterator for AfterNonAlphanumeric<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.places == 0 {
            let chunk = self.chunk.wrapping_add(HEAD_LEN);
            if chunk >= self.bytes.len() {
                return None;
            }
            self.chunk = chunk;
            // Each place's lane holds the byte before it: the lanes of the chunk's own bytes
            // move up by one.
            let bytes = head(&self.bytes[chunk..]);
            let before_places = (bytes << 8) | self.before;
            self.before = bytes >> 56;
            self.places = !ascii_letters_and_alphanumerics(before_places).1 & HIGH_BITS;
        }
        let at = self.chunk + self.places.trailing_zeros() as usize / 8;
        self.places &= self.places - 1;
        // Past the end the lanes hold zeros: the places they mark are no places.
        (at < self.bytes.len()).then_some(at)
    }
}

/// The name forms of an article by their first two bytes, to find the longest form a text
/// starts with at a given place. An article has a few hundred forms and asks at a few
/// thousand word starts; building an automaton for them cost more than all the lookups.
struct FormIndex<'f> {
    /// The forms grouped by first two bytes, each group longest first; forms of equal length
    /// in index order.
    entries: Vec<FormEntry>,
    /// Where each group starts in `entries`, groups in the order of their pairs' numbers
    /// ([`pair_number`]), and then where the last one ends.
    group_starts: Vec<usize>,
    /// One bit for each pair of bytes some form starts with, by the pair's number: most places
    /// asked about start none, and a bit turns them away. A pair's group is the count of bits
    /// before its own: a hash lookup per place cost more than the rest of the search.
    first_pairs: Vec<u64>,
    /// For each `u64` of `first_pairs`, how many bits the ones before it hold.
    bits_before: Vec<usize>,
    /// One bit for the first four bytes of each form as long ([`quad_number`]), and
    /// `short_first_pairs` one for the first two of each shorter form: a place starts none of
    /// these for most places that start a form's pair ("Der", "Die" for "Deutschland").
    first_quads: Vec<u64>,
    short_first_pairs: Vec<u64>,
    forms: &'f [&'f str],
}

/// Whether `bits` has the bit numbered `bit`.
fn has_bit(bits: &[u64], bit: usize) -> bool {
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

fn set_bit(bits: &mut [u64], bit: usize) {
    bits[bit / 64] |= 1 << (bit % 64);
}

/// The first four bytes of a [`head`] spread over sixteen bits, to find their bit in
/// [`FormIndex::first_quads`]: different ones may share a bit, which only lets a place through
/// to the full comparison.
fn quad_number(head: u64) -> usize {
    ((head as u32).wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// A form in a group, with its first eight bytes as a number (zeros after a shorter form) and
/// a mask of the bytes it has: compared with the text's next eight bytes at once, it turns away
/// almost every form that does not match without comparing strings.
struct FormEntry {
    form: usize,
    head: u64,
    head_mask: u64,
}

/// How many bytes [`FormEntry::head`] holds.
const HEAD_LEN: usize = 8;

/// The first eight bytes of `bytes` as a number, zeros where it is shorter.
fn head(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<HEAD_LEN>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => {
            let mut padded = [0u8; HEAD_LEN];
            padded[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(padded)
        }
    }
}

/// The first two bytes as one number, to find their bit in [`FormIndex::first_pairs`].
fn pair_number(pair: [u8; 2]) -> usize {
    usize::from(u16::from_le_bytes(pair))
}

impl<'f> FormIndex<'f> {
    /// Forms of two bytes at least (every form is: three characters, or a two-letter acronym),
    /// in any order.
    fn new(forms: &'f [&'f str]) -> FormIndex<'f> {
        let pair = |form: usize| -> [u8; 2] {
            let bytes = forms[form].as_bytes();
            [bytes[0], bytes[1]]
        };
        // Sorted by one number per form: its first two bytes, then its length downwards. Of
        // forms of equal length only equal ones can match at the same place, and those are
        // kept in index order, so contents need not be compared.
        let mut keyed: Vec<(u64, usize)> = (0..forms.len())
            .map(|form| {
                let length = u32::try_from(forms[form].len()).unwrap_or(u32::MAX);
                let pair = u64::from(u16::from_le_bytes(pair(form)));
                let key = (pair << 32) | u64::from(u32::MAX - length);
                (key, form)
            })
            .collect();
        keyed.sort_unstable();
        let order: Vec<usize> = keyed.into_iter().map(|(_, form)| form).collect();
        let mut group_starts = Vec::new();
        let mut first_pairs = vec![0u64; (1 << 16) / 64];
        for i in 0..order.len() {
            if i == 0 || pair(order[i]) != pair(order[i - 1]) {
                group_starts.push(i);
                set_bit(&mut first_pairs, pair_number(pair(order[i])));
            }
        }
        group_starts.push(order.len());
        let bits_before = first_pairs
            .iter()
            .scan(0, |before, bits| {
                let here = *before;
                *before += bits.count_ones() as usize;
                Some(here)
            })
            .collect();
        let mut first_quads = vec![0u64; (1 << 16) / 64];
        let mut short_first_pairs = vec![0u64; (1 << 16) / 64];
        for form in forms {
            let bytes = form.as_bytes();
            if bytes.len() >= 4 {
                set_bit(&mut first_quads, quad_number(head(bytes)));
            } else {
                set_bit(&mut short_first_pairs, pair_number([bytes[0], bytes[1]]));
            }
        }
        let entries = order
            .into_iter()
            .map(|form| {
                let bytes = forms[form].as_bytes();
                let known = bytes.len().min(HEAD_LEN);
                FormEntry {
                    form,
                    head: head(bytes),
                    head_mask: u64::MAX >> (8 * (HEAD_LEN - known)),
                }
            })
            .collect();
        FormIndex {
            entries,
            group_starts,
            first_pairs,
            bits_before,
            first_quads,
            short_first_pairs,
            forms,
        }
    }

    /// The forms starting with the two bytes at `at`, as a range of `entries`: none for most
    /// places.
    fn group_at(&self, text: &[u8], at: usize) -> Option<std::ops::Range<usize>> {
        let (Some(&first), Some(&second)) = (text.get(at), text.get(at + 1)) else {
            return None;
        };
        let bit = pair_number([first, second]);
        let bits = self.first_pairs[bit / 64];
        let own = 1u64 << (bit % 64);
        if bits & own == 0 {
            return None;
        }
        let group = self.bits_before[bit / 64] + (bits & (own - 1)).count_ones() as usize;
        Some(self.group_starts[group]..self.group_starts[group + 1])
    }

    /// The longest form the text starts with at `at`, as (form index, end); of equal forms
    /// the first.
    fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        let rest = &text[at..];
        let rest_head = head(rest);
        if !has_bit(&self.first_quads, quad_number(rest_head))
            && !has_bit(&self.short_first_pairs, (rest_head & 0xFFFF) as usize)
        {
            return None;
        }
        let group = self.group_at(text, at)?;
        self.entries[group]
            .iter()
            .find(|entry| {
                let form = self.forms[entry.form].as_bytes();
                rest_head & entry.head_mask == entry.head
                    && form.len() <= rest.len()
                    && (form.len() <= HEAD_LEN || rest[HEAD_LEN..form.len()] == form[HEAD_LEN..])
            })
            .map(|entry| (entry.form, at + self.forms[entry.form].len()))
    }
}

fn build(
    text: &str,
    mut clusters: Clusters,
    kb: &KnowledgeBase,
    spans: Vec<NameSpan>,
    roles: Vec<(ByteRange, usize, MentionOrigin)>,
) -> Linked {
    // Entities in order of first mention; keys unique within the article.
    let mut all: Vec<(ByteRange, EntityKind, usize, bool, MentionOrigin)> = spans
        .into_iter()
        .map(|s| (s.range, s.kind, s.cluster, s.derived, s.origin))
        .collect();
    all.extend(roles.iter().map(|(r, cluster, origin)| {
        (
            r.clone(),
            EntityKind::Role,
            clusters.root(*cluster),
            false,
            *origin,
        )
    }));
    all.sort_by_key(|m| (m.0.start, std::cmp::Reverse(m.0.end)));

    // Each entity's list of mentions is made at its full size at once.
    let mut mentions_of_cluster = vec![0; clusters.list.len()];
    for &(_, _, cluster, _, _) in &all {
        mentions_of_cluster[cluster] += 1;
    }
    let mut entity_of_cluster: Vec<Option<usize>> = vec![None; clusters.list.len()];
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::with_capacity(all.len());
    for (range, kind, cluster, derived, origin) in all {
        let entity = *entity_of_cluster[cluster].get_or_insert_with(|| {
            let c = &mut clusters.list[cluster];
            let (key, kb_id, name) = match c.kb {
                Some(index) => {
                    let e = &kb.entities()[index];
                    (e.id.clone(), Some(e.id.clone()), e.name.clone())
                }
                // A cluster becomes one entity, once: its name moves there, not copied.
                None => {
                    let key = slug(&uninflected(c.kind, &c.name));
                    (key, None, std::mem::take(&mut c.name))
                }
            };
            entities.push(Entity {
                key,
                name,
                kind: c.kind,
                mentions: Vec::with_capacity(mentions_of_cluster[cluster]),
                roles: Vec::new(),
                kb_id,
            });
            entities.len() - 1
        });
        if kind == EntityKind::Role {
            entities[entity].roles.push(RoleMention {
                role: normalise_space(&text[range.clone()]).into_owned(),
                range: range.clone(),
            });
        }
        entities[entity].mentions.push(mentions.len());
        mentions.push(Mention {
            range,
            kind,
            entity,
            derived,
            origin,
        });
    }
    // Keys seen before are told apart by their kind; renamed keys are not compared again.
    let mut seen: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(entities.len(), Default::default());
    let repeated: Vec<bool> = entities.iter().map(|e| !seen.insert(&e.key)).collect();
    for (e, repeated) in entities.iter_mut().zip(repeated) {
        if repeated {
            e.key = format!("{}-{}", e.key, e.kind.label().to_lowercase());
        }
    }
    Linked { mentions, entities }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Small word lists and a tokenizer standing in for the gazetteer and the real tokenizer,
    //! so linking tests do not change when those grow.
    use super::NameLexicon;
    use crate::analysis::model::{ByteRange, EntityKind};
    use crate::text::tokens::{Sentence, Token, TokenKind};

    pub struct WordLexicon {
        roles: Vec<&'static str>,
        names: Vec<(&'static str, &'static str, EntityKind)>,
        derived: Vec<(&'static str, &'static str)>,
    }

    impl WordLexicon {
        pub fn news() -> WordLexicon {
            use EntityKind::*;
            WordLexicon {
                roles: vec![
                    "Außenminister",
                    "Minister",
                    "Präsident",
                    "Sondergesandte",
                    "Sondergesandter",
                    "Leiter",
                    "Politiker",
                    "Kanzler",
                    "Chef",
                    "Sprecher",
                ],
                names: vec![
                    ("Moskau", "Moskau", Location),
                    ("Moskaus", "Moskau", Location),
                    ("Russland", "Russland", Location),
                    ("Russlands", "Russland", Location),
                    ("Europa", "Europa", Location),
                    ("Europas", "Europa", Location),
                    ("Ukraine", "Ukraine", Location),
                    ("Kiew", "Kiew", Location),
                    ("Paris", "Paris", Location),
                    ("Frankreich", "Frankreich", Location),
                    ("Frankreichs", "Frankreich", Location),
                    ("Deutschland", "Deutschland", Location),
                    ("London", "London", Location),
                    ("USA", "Vereinigte Staaten", Location),
                    ("US", "Vereinigte Staaten", Location),
                    ("Vereinigte Staaten", "Vereinigte Staaten", Location),
                    ("EU", "Europäische Union", Organisation),
                    ("Europäische Union", "Europäische Union", Organisation),
                    ("Grünen", "Die Grünen", Organisation),
                ],
                derived: vec![
                    ("russisch", "Russland"),
                    ("ukrainisch", "Ukraine"),
                    ("Kiewer", "Kiew"),
                    ("französisch", "Frankreich"),
                    ("deutsch", "Deutschland"),
                    ("europäisch", "Europa"),
                    ("amerikanisch", "Vereinigte Staaten"),
                    ("britisch", "Großbritannien"),
                ],
            }
        }
    }

    impl NameLexicon for WordLexicon {
        fn canonical_name(&self, surface: &str) -> Option<(&str, EntityKind)> {
            self.names
                .iter()
                .find(|n| n.0 == surface)
                .map(|n| (n.1, n.2))
        }
        fn place_of_derived_word(&self, word: &str) -> Option<&str> {
            self.derived.iter().find_map(|(stem, place)| {
                let ending = word.strip_prefix(stem)?;
                ["", "e", "en", "er", "es", "em"]
                    .contains(&ending)
                    .then_some(*place)
            })
        }
        /// Role nouns, inflected ("Präsidenten", "Sprecherin"), in hyphen compounds
        /// ("US-Präsident") and closed compounds ("Verteidigungs|minister").
        fn is_role_noun(&self, word: &str) -> bool {
            let known = |w: &str| {
                self.roles.iter().any(|r| {
                    w.strip_prefix(r).is_some_and(|ending| {
                        ["", "s", "es", "n", "en", "in", "innen"].contains(&ending)
                    })
                })
            };
            if known(word) {
                return true;
            }
            if let Some((_, last)) = word.rsplit_once('-') {
                return self.is_role_noun(last);
            }
            word.char_indices().skip(3).any(|(at, c)| {
                let tail: String = c
                    .to_uppercase()
                    .chain(word[at + c.len_utf8()..].chars())
                    .collect();
                tail.chars().count() >= 4 && known(&tail)
            })
        }
    }

    /// Words (letters and digits with inner hyphens and apostrophes) and single punctuation marks.
    pub fn word_tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if c.is_alphanumeric() {
                let mut j = i + 1;
                while j < chars.len()
                    && (chars[j].1.is_alphanumeric()
                        || (matches!(chars[j].1, '-' | '’' | '\'')
                            && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric())))
                {
                    j += 1;
                }
                let end = chars.get(j).map_or(text.len(), |c| c.0);
                tokens.push(Token {
                    range: start..end,
                    kind: TokenKind::Word,
                });
                i = j;
            } else {
                tokens.push(Token {
                    range: start..start + c.len_utf8(),
                    kind: TokenKind::Punctuation,
                });
                i += 1;
            }
        }
        tokens
    }

    /// One sentence per ". " boundary.
    pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut first = 0;
        for (i, t) in tokens.iter().enumerate() {
            if &text[t.range.clone()] == "." || i + 1 == tokens.len() {
                out.push(Sentence {
                    range: tokens[first].range.start..t.range.end,
                    tokens: first..i + 1,
                });
                first = i + 1;
            }
        }
        out
    }

    /// The range of the first occurrence of `needle`.
    pub fn find(text: &str, needle: &str) -> ByteRange {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        start..start + needle.len()
    }

    /// The range of the `n`-th (0-based) occurrence of `needle`.
    pub fn find_nth(text: &str, needle: &str, n: usize) -> ByteRange {
        let start = text
            .match_indices(needle)
            .nth(n)
            .unwrap_or_else(|| panic!("{needle:?} #{n} not in text"))
            .0;
        start..start + needle.len()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{WordLexicon, find, find_nth, sentences, word_tokens};
    use super::*;

    #[test]
    fn a_tally_sums_each_kind_in_the_order_first_voted() {
        let mut tally = Tally::default();
        tally.add(EntityKind::Location, 0.5);
        tally.add(EntityKind::Person, 0.25);
        tally.add(EntityKind::Location, 0.25);
        tally.add(EntityKind::Organisation, 1.0);
        let votes: Vec<(EntityKind, f32)> = tally.votes().collect();
        assert_eq!(
            votes,
            [
                (EntityKind::Location, 0.75),
                (EntityKind::Person, 0.25),
                (EntityKind::Organisation, 1.0)
            ]
        );
    }

    #[test]
    fn form_index_finds_the_longest_form_starting_at_a_place() {
        let forms = [
            "EU",
            "Putin",
            "Putin",
            "Wladimir Putin",
            "Wolodymyr Selenskyj",
        ];
        let index = FormIndex::new(&forms);
        let text = b"Wladimir Putins Rede, Putin und die EU";
        // The longest form wins, even though a shorter one starts here too.
        assert_eq!(index.longest_at(text, 0), Some((3, 14)));
        // A form may end inside a word ("Putin" of "Putins"): the caller decides.
        assert_eq!(index.longest_at(text, 9), Some((1, 14)));
        // Of two equal forms, the first.
        assert_eq!(index.longest_at(text, 22), Some((1, 27)));
        assert_eq!(index.longest_at(text, 36), Some((0, 38)));
        assert_eq!(index.longest_at(text, 16), None);
        assert_eq!(index.longest_at(text, 37), None, "one byte left");
    }

    #[test]
    fn form_index_tells_apart_forms_alike_in_their_first_eight_bytes() {
        let forms = ["Wladimir Klitschko", "Wladimir Putin", "Wladimir", "Wla"];
        let index = FormIndex::new(&forms);
        assert_eq!(index.longest_at(b"Wladimir Putins Rede", 0), Some((1, 14)));
        assert_eq!(index.longest_at(b"Wladimir Klitschko", 0), Some((0, 18)));
        assert_eq!(index.longest_at(b"Wladimir Kli", 0), Some((2, 8)));
        assert_eq!(index.longest_at(b"Wladimi", 0), Some((3, 3)));
        assert_eq!(index.longest_at(b"Wl", 0), None);
    }

    #[test]
    fn form_index_tells_apart_groups_whose_pairs_are_neighbours() {
        // "Ab", "Bb" and "Cb" are pairs numbered one apart; "Ac" lies far after them.
        let forms = ["Cbx", "Abx", "Acx", "Bbx", "Bbxy"];
        let index = FormIndex::new(&forms);
        assert_eq!(index.longest_at(b"Abx", 0), Some((1, 3)));
        assert_eq!(index.longest_at(b"Bbxy", 0), Some((4, 4)));
        assert_eq!(index.longest_at(b"Bbx", 0), Some((3, 3)));
        assert_eq!(index.longest_at(b"Cbx", 0), Some((0, 3)));
        assert_eq!(index.longest_at(b"Acx", 0), Some((2, 3)));
        assert_eq!(index.longest_at(b"Dbx", 0), None);
    }

    #[test]
    fn places_after_non_alphanumeric_bytes_are_those_a_byte_by_byte_scan_finds() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        let texts = [
            String::new(),
            "a".to_string(),
            " ".to_string(),
            "Putins Rede, „Selenskyj“ – Trump-Regierung 3,5 ÄÖÜ äöüß é Straße".to_string(),
            all_ascii.clone(),
            all_ascii.chars().rev().collect(),
            "x".repeat(17),
            "ab cd ef gh ij kl mn op".to_string(),
        ];
        for text in &texts {
            let bytes = text.as_bytes();
            for start in 0..bytes.len().min(9) {
                let part = &bytes[start..];
                let expected: Vec<usize> = (0..part.len())
                    .filter(|&at| at == 0 || !part[at - 1].is_ascii_alphanumeric())
                    .collect();
                let found: Vec<usize> = after_non_alphanumeric_bytes(part).collect();
                assert_eq!(found, expected, "{text:?} from {start}");
            }
        }
    }

    #[test]
    fn scores_order_as_integers_like_total_cmp() {
        let scores = [-1.0, -0.0, 0.0, 0.25, 0.5, 0.9, 1.0, f32::NAN];
        for a in scores {
            for b in scores {
                assert_eq!(
                    total_order(a).cmp(&total_order(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn names_with_uneven_spaces_are_evened_out_and_others_borrowed() {
        for tidy in ["Marco Rubio", "EU", "", "Jean-Noël Barrot"] {
            assert!(
                matches!(normalise_space(tidy), Cow::Borrowed(_)),
                "{tidy:?}"
            );
        }
        for (untidy, evened) in [
            (" Marco Rubio", "Marco Rubio"),
            ("Marco Rubio ", "Marco Rubio"),
            ("Marco  Rubio", "Marco Rubio"),
            ("Marco\nRubio", "Marco Rubio"),
            ("Marco \n Rubio", "Marco Rubio"),
            ("Marco\u{a0}Rubio", "Marco Rubio"),
            (" ", ""),
        ] {
            assert_eq!(normalise_space(untidy), evened, "{untidy:?}");
            assert!(
                matches!(normalise_space(untidy), Cow::Owned(_)),
                "{untidy:?}"
            );
        }
    }

    fn candidate(range: ByteRange, kind: EntityKind) -> Candidate {
        Candidate {
            range,
            kind,
            derived: false,
            origin: MentionOrigin::Tagger,
            score: 0.9,
        }
    }

    #[test]
    fn range_sweep_answers_like_a_scan_for_queries_in_text_order() {
        let ranges = [10..20, 12..14, 30..60, 35..40, 70..71];
        let mut sweep = RangeSweep::new(ranges.iter());
        for start in 0..80 {
            let query = start..start + 3;
            let scanned = ranges
                .iter()
                .any(|r| r.start < query.end && query.start < r.end);
            assert_eq!(sweep.overlaps(&query), scanned, "{query:?}");
        }
    }

    fn link_text(text: &str, names: &[(&str, usize, EntityKind)], kb: &KnowledgeBase) -> Linked {
        let tokens = word_tokens(text);
        let sentences = sentences(text, &tokens);
        let candidates: Vec<Candidate> = names
            .iter()
            .map(|(n, i, k)| candidate(find_nth(text, n, *i), *k))
            .collect();
        link_with(
            text,
            &tokens,
            &sentences,
            &candidates,
            kb,
            &WordLexicon::news(),
        )
    }

    /// "key: text [kind, flags] …" per entity, for exact comparisons.
    fn summary(text: &str, linked: &Linked) -> Vec<String> {
        linked
            .entities
            .iter()
            .map(|e| {
                let mentions: Vec<String> = e
                    .mentions
                    .iter()
                    .map(|&m| {
                        let m = &linked.mentions[m];
                        let flag = if m.derived {
                            "~"
                        } else if m.kind == EntityKind::Role {
                            "@"
                        } else if m.origin == MentionOrigin::Consistency {
                            "+"
                        } else {
                            ""
                        };
                        format!("{flag}{}", &text[m.range.clone()])
                    })
                    .collect();
                format!("{} {}: {}", e.key, e.kind.label(), mentions.join(" | "))
            })
            .collect()
    }

    const SEED_0: &str = "Die USA entsenden ihren Außenminister Marco Rubio und den Sondergesandten des ehemaligen Präsidenten Donald Trump, Steve Witkoff. Beide sind nach ihrem jüngsten Treffen mit dem russischen Präsidenten Wladimir Putin in Paris eingetroffen. Steve Witkoff plant, die Gespräche mit dem französischen Präsidenten Emmanuel Macron fortzusetzen, während Außenminister Rubio sich mit seinem französischen Amtskollegen Jean-Noël Barrot treffen wird. Das erklärte Ziel der USA ist es, den russisch-ukrainischen Konflikt zu beenden.";

    #[test]
    fn links_names_surnames_roles_and_derived_words_in_seed_0() {
        use EntityKind::*;
        let names = [
            ("USA", 0, Location),
            ("Marco Rubio", 0, Person),
            ("Donald Trump", 0, Person),
            ("Steve Witkoff", 0, Person),
            ("Wladimir Putin", 0, Person),
            ("Paris", 0, Location),
            ("Steve Witkoff", 1, Person),
            ("Emmanuel Macron", 0, Person),
            ("Rubio", 1, Person),
            ("Jean-Noël Barrot", 0, Person),
        ];
        let linked = link_text(SEED_0, &names, &KnowledgeBase::empty());
        assert_eq!(
            summary(SEED_0, &linked),
            vec![
                "vereinigte-staaten LOC: USA | +USA",
                "marco-rubio PER: @Außenminister | Marco Rubio | @Außenminister | Rubio",
                "steve-witkoff PER: @Sondergesandten | Steve Witkoff | Steve Witkoff",
                "donald-trump PER: @ehemaligen Präsidenten | Donald Trump",
                "wladimir-putin PER: @russischen Präsidenten | Wladimir Putin",
                "russland LOC: ~russischen | ~russisch",
                "paris LOC: Paris",
                "emmanuel-macron PER: @französischen Präsidenten | Emmanuel Macron",
                "frankreich LOC: ~französischen | ~französischen",
                "jean-noel-barrot PER: Jean-Noël Barrot",
                "ukraine LOC: ~ukrainischen",
            ]
        );
    }

    const SEED_1: &str = "Frankreichs Staatspräsident Emmanuel Macron führte Gespräche mit US-Präsident Donald Trump. Es gab kritische Äußerungen des deutschen Verteidigungsministers Boris Pistorius über Putins Unwilligkeit. Die Diskussionen betrafen eine Waffenruhe zwischen Kiew und Moskau. Der ukrainische Präsident Wolodymyr Selenskyj betonte die Bedeutung, wo Grünen-Politiker Daniel Cohn-Bendit eine Beteiligung forderte. Die EU importierte mehr Gas aus Russland. Boris Pistorius, deutscher Verteidigungsminister, äußerte Zweifel seitens Russlands. Selenskyj und Pistorius trafen sich in Kiew, Spannungen zwischen Moskau und Europa.";

    #[test]
    fn links_genitives_surnames_consistency_and_compound_parts_in_seed_1() {
        use EntityKind::*;
        let names = [
            ("Frankreichs", 0, Location),
            ("Emmanuel Macron", 0, Person),
            ("Donald Trump", 0, Person),
            ("Boris Pistorius", 0, Person),
            ("Putins", 0, Person),
            ("Kiew", 0, Location),
            ("Moskau", 0, Location),
            ("Wolodymyr Selenskyj", 0, Person),
            ("Daniel Cohn-Bendit", 0, Person),
            ("EU", 0, Organisation),
            ("Boris Pistorius", 1, Person),
            ("Russlands", 0, Location),
        ];
        let linked = link_text(SEED_1, &names, &KnowledgeBase::empty());
        assert_eq!(
            summary(SEED_1, &linked),
            vec![
                "frankreich LOC: Frankreichs",
                "emmanuel-macron PER: @Staatspräsident | Emmanuel Macron",
                "donald-trump PER: @US-Präsident | Donald Trump",
                "vereinigte-staaten LOC: ~US",
                "boris-pistorius PER: @deutschen Verteidigungsministers | Boris Pistorius | Boris Pistorius | @deutscher Verteidigungsminister | +Pistorius",
                "deutschland LOC: ~deutschen | ~deutscher",
                // No "Putin" in this text: a lone genitive stays as written (the workspace index
                // joins it with "Putin" from other articles).
                "putins PER: Putins",
                "kiew LOC: Kiew | +Kiew",
                "moskau LOC: Moskau | +Moskau",
                "wolodymyr-selenskyj PER: @ukrainische Präsident | Wolodymyr Selenskyj | +Selenskyj",
                "ukraine LOC: ~ukrainische",
                "daniel-cohn-bendit PER: @Grünen-Politiker | Daniel Cohn-Bendit",
                "die-gruenen ORG: ~Grünen",
                "europaeische-union ORG: EU",
                "russland LOC: +Russland | Russlands",
            ]
        );
    }

    #[test]
    fn people_sharing_a_surname_stay_apart() {
        use EntityKind::*;
        let text = "Gerhard Müller traf Anna Müller. Müller sagte, es sei gut. Später kam Klaus Weber. Weber und Weber-Schmidt.";
        let names = [
            ("Gerhard Müller", 0, Person),
            ("Anna Müller", 0, Person),
            ("Müller", 2, Person),
            ("Klaus Weber", 0, Person),
        ];
        let linked = link_text(text, &names, &KnowledgeBase::empty());
        assert_eq!(
            summary(text, &linked),
            vec![
                "gerhard-mueller PER: Gerhard Müller",
                // The most recent full name before the bare surname.
                "anna-mueller PER: Anna Müller | Müller",
                // Consistency stops at hyphens; the compound rule links "Weber" in
                // "Weber-Schmidt" as a derived word of Klaus Weber (a known limitation: it
                // cannot tell a double surname from "Weber-Plan").
                "klaus-weber PER: Klaus Weber | +Weber | ~Weber",
            ]
        );

        // Surname first, two full names after it: ambiguous, an entity of its own.
        let text = "Müller schwieg. Gerhard Müller und Anna Müller reden.";
        let names = [
            ("Müller", 0, Person),
            ("Gerhard Müller", 0, Person),
            ("Anna Müller", 0, Person),
        ];
        let linked = link_text(text, &names, &KnowledgeBase::empty());
        assert_eq!(
            summary(text, &linked),
            vec![
                "mueller PER: Müller",
                "gerhard-mueller PER: Gerhard Müller",
                "anna-mueller PER: Anna Müller"
            ]
        );
    }

    #[test]
    fn acronyms_join_long_forms_and_knowledge_base_wins() {
        use EntityKind::*;
        let text = "Die Nordatlantische Allianz (NA) tagte. Die NA und Selenskyjs Berater sprachen mit der EU, der Europäischen Union.";
        let (kb, errors) = KnowledgeBase::from_sources(&[(
            "kb.toml".into(),
            "[[entity]]\nid = \"selenskyj\"\ntype = \"PER\"\nname = \"Wolodymyr Selenskyj\"\naliases = [\"Selenskyj\"]\n".into(),
        )]);
        assert!(errors.is_empty());
        // The tagger calls "Selenskyjs Berater" an organisation; the knowledge base wins.
        let names = [
            ("Nordatlantische Allianz", 0, Organisation),
            ("NA", 0, Organisation),
            ("Selenskyjs Berater", 0, Organisation),
            ("EU", 0, Organisation),
        ];
        let linked = link_text(text, &names, &kb);
        assert_eq!(
            summary(text, &linked),
            vec![
                "nordatlantische-allianz ORG: Nordatlantische Allianz | NA | +NA",
                "selenskyj PER: Selenskyjs",
                "europaeische-union ORG: EU",
            ]
        );
        let selenskyj = &linked.entities[1];
        assert_eq!(
            (selenskyj.name.as_str(), selenskyj.kb_id.as_deref()),
            ("Wolodymyr Selenskyj", Some("selenskyj"))
        );
        assert_eq!(
            linked
                .mention_at(find(text, "Selenskyjs").start + 3)
                .map(|m| m.entity),
            Some(1)
        );
    }

    #[test]
    fn hover_on_a_role_reaches_the_person() {
        let text = "Außenminister Marco Rubio reiste ab.";
        let linked = link_text(
            text,
            &[("Marco Rubio", 0, EntityKind::Person)],
            &KnowledgeBase::empty(),
        );
        let role = linked.mention_at(3).expect("role mention");
        assert_eq!(role.kind, EntityKind::Role);
        assert_eq!(linked.entities[role.entity].name, "Marco Rubio");
        assert_eq!(
            linked.entities[role.entity].roles,
            vec![RoleMention {
                role: "Außenminister".into(),
                range: 0.."Außenminister".len()
            }]
        );
    }

    #[test]
    fn slugs_are_readable_and_transliterated() {
        assert_eq!(slug("Wolodymyr Selenskyj"), "wolodymyr-selenskyj");
        assert_eq!(slug("Jean-Noël Barrot"), "jean-noel-barrot");
        assert_eq!(slug("Großbritannien"), "grossbritannien");
        assert_eq!(slug("Koalition der Willigen"), "koalition-der-willigen");
        assert_eq!(slug(" Hans  Müller "), "hans-mueller");
    }

    /// Runs the real tokenizer over a whole seed, with the names a tagger would find once each.
    fn link_seed(text: &str, names: &[(&str, EntityKind)]) -> Linked {
        let tokens = crate::text::tokens::tokenize(text);
        let sentences = crate::text::tokens::split_sentences(text, &tokens);
        let candidates: Vec<Candidate> = names
            .iter()
            .map(|(n, k)| candidate(find(text, n), *k))
            .collect();
        link_with(
            text,
            &tokens,
            &sentences,
            &candidates,
            &KnowledgeBase::empty(),
            &WordLexicon::news(),
        )
    }

    #[test]
    fn whole_seed_0_with_the_real_tokenizer() {
        use EntityKind::*;
        let text = include_str!("../../seeds/000_d6396046d8ded179.txt");
        let names = [
            ("Paris", Location),
            ("USA", Location),
            ("Europa", Location),
            ("Ukraine", Location),
            ("Marco Rubio", Person),
            ("Donald Trump", Person),
            ("Steve Witkoff", Person),
            ("Wladimir Putin", Person),
            ("Emmanuel Macron", Person),
            ("Jean-Noël Barrot", Person),
            ("Andrij Jermak", Person),
            ("Koalition der Willigen", Organisation),
            ("Frankreich", Location),
            ("Deutschland", Location),
            ("Großbritannien", Location),
            ("X", Misc),
            ("London", Location),
            ("Moskaus", Location),
            ("Dnipro", Location),
            ("Wolodymyr Selenskyj", Person),
        ];
        let linked = link_seed(text, &names);
        assert_eq!(
            summary(text, &linked),
            vec![
                "paris LOC: Paris | +Paris | +Paris | +Paris | +Paris",
                "ukraine LOC: Ukraine | +Ukraine | ~ukrainischen | ~ukrainische | ~ukrainischen | +Ukraine | +Ukraine | +Ukraine | ~ukrainischen | +Ukraine | +Ukraine | ~ukrainischen | +Ukraine | +Ukraine",
                "vereinigte-staaten LOC: USA | +USA | +USA | ~amerikanischen",
                "europa LOC: Europa | +Europa | +Europa | ~europäische | ~europäische",
                "russland LOC: ~russischen | ~russischen | ~russisch",
                "marco-rubio PER: @Außenminister | Marco Rubio | @Außenminister | +Rubio",
                "steve-witkoff PER: @Sondergesandten | Steve Witkoff | +Steve Witkoff",
                "donald-trump PER: @ehemaligen Präsidenten | Donald Trump",
                "wladimir-putin PER: @russischen Präsidenten | Wladimir Putin",
                "emmanuel-macron PER: @französischen Präsidenten | Emmanuel Macron",
                "frankreich LOC: ~französischen | ~französischen | Frankreich",
                "jean-noel-barrot PER: Jean-Noël Barrot",
                "andrij-jermak PER: @Leiter der Kiewer Präsidialverwaltung | Andrij Jermak | +Jermak",
                "kiew LOC: ~Kiewer",
                "koalition-der-willigen ORG: Koalition der Willigen",
                "deutschland LOC: Deutschland",
                "grossbritannien LOC: Großbritannien",
                "x MISC: X",
                "london LOC: London",
                "moskau LOC: Moskaus",
                "dnipro LOC: Dnipro",
                "wolodymyr-selenskyj PER: @Präsident | Wolodymyr Selenskyj",
            ]
        );
    }

    #[test]
    fn whole_seed_1_with_the_real_tokenizer() {
        use EntityKind::*;
        let text = include_str!("../../seeds/001_2779e59d105fe22f.txt");
        let names = [
            ("Paris", Location),
            ("Ukraine", Location),
            ("Frankreichs", Location),
            ("Emmanuel Macron", Person),
            ("Donald Trump", Person),
            ("Russlands", Location),
            ("Charkiw", Location),
            ("Boris Pistorius", Person),
            ("Putins", Person),
            ("Kiew", Location),
            ("Moskau", Location),
            ("Wolodymyr Selenskyj", Person),
            ("Deutschland", Location),
            ("Daniel Cohn-Bendit", Person),
            ("Bundeswehr", Organisation),
            ("Nordkorea", Location),
            ("Russland", Location),
            ("EU", Organisation),
        ];
        let linked = link_seed(text, &names);
        assert_eq!(
            summary(text, &linked),
            vec![
                "paris LOC: Paris | +Paris",
                "ukraine LOC: Ukraine | ~ukrainischen | +Ukraine | ~ukrainische | +Ukraine | +Ukraine | +Ukraine",
                "russland LOC: ~russischen | Russlands | ~russische | +Russland | +Russland | +Russlands | +Russland | ~russischen | +Russlands",
                "frankreich LOC: Frankreichs | ~französischer",
                "emmanuel-macron PER: @Staatspräsident | Emmanuel Macron",
                "donald-trump PER: @US-Präsident | Donald Trump",
                "vereinigte-staaten LOC: ~US | ~amerikanischen",
                "charkiw LOC: Charkiw | +Charkiw",
                "boris-pistorius PER: @deutschen Verteidigungsministers | Boris Pistorius | +Boris Pistorius | @deutscher Verteidigungsminister",
                "deutschland LOC: ~deutschen | Deutschland | ~deutscher",
                "putins PER: Putins",
                "grossbritannien LOC: ~britischer",
                "kiew LOC: Kiew",
                "moskau LOC: Moskau | +Moskau",
                "wolodymyr-selenskyj PER: @ukrainische Präsident | Wolodymyr Selenskyj",
                "daniel-cohn-bendit PER: @Grünen-Politiker | Daniel Cohn-Bendit",
                "die-gruenen ORG: ~Grünen",
                "bundeswehr ORG: Bundeswehr",
                "nordkorea LOC: Nordkorea",
                "europaeische-union ORG: EU",
            ]
        );
    }

    #[test]
    fn inflected_multi_word_names_meet() {
        assert_eq!(
            uninflected(EntityKind::Organisation, "Europäischen Union"),
            "Europäische Union"
        );
        assert_eq!(
            uninflected(EntityKind::Organisation, "Deutschen Bundestages"),
            "Deutsche Bundestag"
        );
        assert_eq!(
            uninflected(EntityKind::Organisation, "Deutscher Bundestag"),
            "Deutsche Bundestag"
        );
        assert_eq!(
            uninflected(EntityKind::Organisation, "Kiewer Präsidialverwaltung"),
            "Kiewer Präsidialverwaltung"
        );
        assert_eq!(
            uninflected(EntityKind::Location, "Vereinigten Staaten"),
            "Vereinigte Staaten"
        );
        assert_eq!(
            uninflected(EntityKind::Organisation, "Vereinte Nationen"),
            "Vereinte Nationen"
        );
        assert_eq!(
            uninflected(EntityKind::Person, "Hans Meiers"),
            "Hans Meiers"
        );
        let text = "Der Rat der Europäischen Union tagte. Die Europäische Union schwieg.";
        let names = [
            ("Europäischen Union", 0, EntityKind::Organisation),
            ("Europäische Union", 0, EntityKind::Organisation),
        ];
        let linked = link_text(text, &names, &KnowledgeBase::empty());
        assert_eq!(
            summary(text, &linked),
            vec!["europaeische-union ORG: Europäischen Union | Europäische Union"]
        );
        assert_eq!(linked.entities[0].name, "Europäische Union");
    }

    #[test]
    fn titles_swallowed_by_the_tagger_become_roles_and_annotations_win() {
        let text = "Wie Präsident Wolodymyr Selenskyj betont, bleibt Selenskyjs Kurs. Sprecherin Anna Berg, Sprecherin, schwieg.";
        let tokens = word_tokens(text);
        let sentences = sentences(text, &tokens);
        let candidates = vec![
            candidate(
                find(text, "Präsident Wolodymyr Selenskyj"),
                EntityKind::Person,
            ),
            candidate(find(text, "Anna Berg"), EntityKind::Person),
            Candidate {
                range: find_nth(text, "Sprecherin", 1),
                kind: EntityKind::Role,
                derived: false,
                origin: MentionOrigin::Annotation,
                score: 1.0,
            },
        ];
        let linked = link_with(
            text,
            &tokens,
            &sentences,
            &candidates,
            &KnowledgeBase::empty(),
            &WordLexicon::news(),
        );
        assert_eq!(
            summary(text, &linked),
            vec![
                "wolodymyr-selenskyj PER: @Präsident | Wolodymyr Selenskyj | +Selenskyjs",
                "anna-berg PER: @Sprecherin | Anna Berg | @Sprecherin",
            ]
        );
        let roles: Vec<MentionOrigin> = linked.entities[1]
            .mentions
            .iter()
            .map(|&m| linked.mentions[m].origin)
            .collect();
        assert_eq!(
            roles,
            vec![
                MentionOrigin::Rule,
                MentionOrigin::Tagger,
                MentionOrigin::Annotation
            ]
        );
    }

    #[test]
    fn flat_pieces_do_not_overlap() {
        let text = "Der Leiter der Kiewer Präsidialverwaltung, Andrij Jermak, reiste.";
        let linked = link_text(
            text,
            &[("Andrij Jermak", 0, EntityKind::Person)],
            &KnowledgeBase::empty(),
        );
        let pieces: Vec<(&str, EntityKind)> = linked
            .flat_pieces(text)
            .into_iter()
            .map(|(r, m)| (&text[r], linked.mentions[m].kind))
            .collect();
        assert_eq!(
            pieces,
            vec![
                ("Leiter der", EntityKind::Role),
                ("Kiewer", EntityKind::Location),
                ("Präsidialverwaltung", EntityKind::Role),
                ("Andrij Jermak", EntityKind::Person),
            ]
        );
    }

    #[test]
    fn doubtful_tagger_guesses_are_not_spread() {
        let text = "Doch Weber kam. Doch niemand sah Weber.";
        let tokens = word_tokens(text);
        let sentences = sentences(text, &tokens);
        let mut doubtful = candidate(find(text, "Doch"), EntityKind::Person);
        doubtful.score = 0.3;
        let candidates = vec![doubtful, candidate(find(text, "Weber"), EntityKind::Person)];
        let linked = link_with(
            text,
            &tokens,
            &sentences,
            &candidates,
            &KnowledgeBase::empty(),
            &WordLexicon::news(),
        );
        assert_eq!(
            summary(text, &linked),
            vec!["doch PER: Doch", "weber PER: Weber | +Weber"]
        );
    }

    #[test]
    fn one_name_gets_one_type_by_confidence() {
        let text = "Europa hilft. Europa zahlt. Europa sagt nein.";
        let tokens = word_tokens(text);
        let sentences = sentences(text, &tokens);
        let scored = |n: usize, kind: EntityKind, score: f32| Candidate {
            score,
            ..candidate(find_nth(text, "Europa", n), kind)
        };
        let candidates = vec![
            scored(0, EntityKind::Location, 0.9),
            scored(1, EntityKind::Person, 0.2),
            scored(2, EntityKind::Location, 0.4),
        ];
        // An empty lexicon: only the votes decide.
        struct Nothing;
        impl NameLexicon for Nothing {
            fn canonical_name(&self, _: &str) -> Option<(&str, EntityKind)> {
                None
            }
            fn place_of_derived_word(&self, _: &str) -> Option<&str> {
                None
            }
            fn is_role_noun(&self, _: &str) -> bool {
                false
            }
        }
        let linked = link_with(
            text,
            &tokens,
            &sentences,
            &candidates,
            &KnowledgeBase::empty(),
            &Nothing,
        );
        assert_eq!(
            summary(text, &linked),
            vec!["europa LOC: Europa | Europa | Europa"]
        );
    }

    #[test]
    fn a_lone_surname_of_a_named_person_is_that_person_whatever_its_tag() {
        let text = "Außenminister Marco Rubio kam. Später sprach Außenminister Rubio.";
        let tokens = crate::text::tokens::tokenize(text);
        let sentences = crate::text::tokens::split_sentences(text, &tokens);
        let candidates = vec![
            candidate(find(text, "Marco Rubio"), EntityKind::Person),
            candidate(find_nth(text, "Rubio", 1), EntityKind::Location),
        ];
        // With the embedded gazetteer, as the server runs it.
        let linked = link(
            text,
            &tokens,
            &sentences,
            &candidates,
            &KnowledgeBase::empty(),
        );
        assert_eq!(
            summary(text, &linked),
            vec!["marco-rubio PER: @Außenminister | Marco Rubio | @Außenminister | Rubio"]
        );
    }

    #[test]
    fn names_inside_hyphen_compounds_are_derived_mentions() {
        let text =
            "Donald Trump regiert. Die Trump-Regierung und Macron’s Team, dazu Trump-Weber-Pläne.";
        let names = [
            ("Donald Trump", 0, EntityKind::Person),
            ("Macron’s", 0, EntityKind::Person),
        ];
        let linked = link_text(text, &names, &KnowledgeBase::empty());
        assert_eq!(
            summary(text, &linked),
            vec![
                "donald-trump PER: Donald Trump | ~Trump | ~Trump",
                "macron PER: Macron’s"
            ]
        );
    }
}
