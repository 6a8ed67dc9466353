//! Finding the speaker noun phrase around a cue, and resolving it to an entity.

use super::Context;
use super::cues::{self, DETERMINERS, PREPOSITIONS};
use super::words::{Classes, Word, WordKind, lowercase_ends_with};
use crate::analysis::model::{ByteRange, EntityKind};
use std::ops::Range;

/// A speaker as written, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SpeakerPhrase {
    pub words: Range<usize>,
    /// No identifiable person or organisation ("Rundfunkberichte", "man").
    pub vague: bool,
}

impl Context<'_> {
    fn word(&self, i: usize) -> &Word<'_> {
        &self.view.words[i]
    }

    /// A noun phrase starting at word `i` and ending before `limit`: a pronoun, or
    /// [determiner] [adjectives] capitalised words and names ("der Norweger", "Präsident
    /// Wolodymyr Selenskyj", "Grünen-Politiker Daniel Cohn-Bendit").
    pub(crate) fn noun_phrase_at(&self, i: usize, limit: usize) -> Option<Range<usize>> {
        if i >= limit {
            return None;
        }
        let first = self.word(i);
        if first.kind != WordKind::Word {
            return None;
        }
        if first.is_in(Classes::PERSONAL_PRONOUN) || first.is("man") {
            return Some(i..i + 1);
        }
        // "Am Montag", "Als Ergebnis", "Im Rahmen": capitalised at the sentence start, still no noun phrase.
        if is_function_word(first) && !first.is_in(Classes::DETERMINER)
            || first.is_any(&[
                "als", "wie", "wo", "wenn", "haben", "hat", "ist", "war", "wird",
            ])
        {
            return None;
        }
        let mut j = i;
        if first.is_in(Classes::DETERMINER) {
            j += 1;
            while j < limit && self.word(j).is_lowercase_word() && !self.is_cue_word(j) && j < i + 4
            {
                j += 1;
            }
        } else {
            // Lowercase adjectives before a bare noun: "deutscher Verteidigungsminister".
            while j < limit
                && self.word(j).is_lowercase_word()
                && self.word(j).lower.ends_with("er")
                && j < i + 2
            {
                j += 1;
            }
        }
        let head_start = j;
        let mut seen_name = false;
        while j < limit
            && (self.word(j).is_capitalised()
                || self.mention_at(j).is_some() && self.word(j).kind == WordKind::Word)
        {
            // A name ends the phrase: "äußern Paris und London Überlegungen".
            if seen_name && self.mention_at(j).is_none() {
                break;
            }
            if is_function_word(self.word(j)) {
                break;
            }
            seen_name |= self.mention_at(j).is_some();
            j += 1;
            // Coordinated names: "Paris und London", "Campact, Attac und LobbyControl".
            let coordinated = j + 1 < limit
                && self.word(j).is_any(&["und", "sowie"])
                && self.mention_at(j - 1).is_some()
                && self.mention_at(j + 1).is_some();
            if coordinated {
                j += 1;
            } else if let Some(list_end) = self.name_list_end(j, limit) {
                j = list_end;
            }
        }
        if j > head_start {
            j = self.extend_attributes(j, limit);
        }
        // A quoted title ends the phrase: "die Zeitung „Yemen Observer“", "die „Computerwoche“".
        if j < limit && self.word(j).kind == WordKind::Quote && self.in_quote[j] {
            let position = self.quotations.partition_point(|q| q.start < j);
            if let Some(quotation) = self.quotations.get(position).filter(|q| q.start == j) {
                let title = quotation
                    .clone()
                    .skip(1)
                    .take(quotation.len().saturating_sub(2));
                if quotation.end <= limit
                    && title.clone().all(|k| {
                        self.word(k).is_capitalised() || self.word(k).kind != WordKind::Word
                    })
                {
                    j = quotation.end;
                }
            }
        }
        (j > head_start).then_some(i..j)
    }

    /// After a name ending before `j`: the end of ", Name, Name und Name" when such a list
    /// follows (each item a mention, the last after "und" or "sowie"), else None. An
    /// apposition (", Name,") is no list.
    fn name_list_end(&self, j: usize, limit: usize) -> Option<usize> {
        if j == 0 || self.mention_at(j - 1).is_none() || !self.word(j).is_punct(",") {
            return None;
        }
        let mut k = j;
        loop {
            // k is at a separator; the item after it is one mention.
            let last = self.word(k).is_any(&["und", "sowie"]);
            let item = self.mention_at(k + 1)?;
            let mut end = k + 1;
            while end < limit && self.mention_at(end) == Some(item) {
                end += 1;
            }
            if last {
                return Some(end);
            }
            if end >= limit
                || !(self.word(end).is_punct(",") || self.word(end).is_any(&["und", "sowie"]))
            {
                return None;
            }
            k = end;
        }
    }

    /// Widens a phrase ending before `j` by genitive attributes ("der Vorsitzende der
    /// nationalen Wahlkommission") and a name in apposition (", Magdalena Chu").
    fn extend_attributes(&self, mut j: usize, limit: usize) -> usize {
        loop {
            if j + 1 < limit
                && self.word(j).is_lowercase_word()
                && self.word(j).is_any(&["des", "der", "eines", "einer"])
            {
                let mut k = j + 1;
                while k < limit
                    && k < j + 3
                    && self.word(k).is_lowercase_word()
                    && ["e", "en", "er", "es"]
                        .iter()
                        .any(|e| self.word(k).lower.ends_with(e))
                {
                    k += 1;
                }
                if k < limit
                    && self.word(k).is_capitalised()
                    && !is_function_word(self.word(k))
                    && !self.in_quote[k]
                {
                    j = k + 1;
                    while j < limit
                        && (self.word(j).is_capitalised() && !is_function_word(self.word(j)))
                    {
                        j += 1;
                    }
                    continue;
                }
            }
            let person_at = |k: usize| {
                self.mention_at(k)
                    .is_some_and(|m| self.mentions[m].kind == EntityKind::Person)
            };
            if j + 1 < limit && self.word(j).is_punct(",") && person_at(j + 1) {
                let mut k = j + 1;
                while k < limit
                    && self.mention_at(k).is_some()
                    && self.mention_at(k) == self.mention_at(j + 1)
                {
                    k += 1;
                }
                if k >= limit || self.word(k).is_punct(",") || self.is_cue_word(k) {
                    j = k;
                }
            }
            return j;
        }
    }

    /// Whether a phrase can speak: it holds a name, a pronoun, or a speaker or vague noun.
    pub(crate) fn speaker_phrase(&self, words: Range<usize>) -> Option<SpeakerPhrase> {
        // "Seine Aussagen unterstrichen …": the possessor's words speak for him.
        let own_words = words.len() == 2
            && self.word(words.start).is_in(Classes::POSSESSIVE)
            && cues::is_own_words_noun(&self.word(words.start + 1).lower);
        if own_words {
            return Some(SpeakerPhrase {
                words,
                vague: false,
            });
        }
        // The head decides, not a name in a genitive attribute: "die Notwendigkeit einer
        // Unterstützung der Ukraine" cannot speak.
        let head = words.clone().find(|&k| self.word(k).is_capitalised());
        if let Some(head) = head {
            let determined =
                self.word(words.start).is_in(Classes::DETERMINER) && head > words.start;
            let head_word = &self.word(head).lower;
            let head_can_speak = self.mention_at(head).is_some()
                || cues::is_speaker_noun(head_word)
                || cues::is_vague_noun(head_word)
                || self.word(head).kind == WordKind::Quote;
            let quoted_title = words.clone().any(|k| self.word(k).kind == WordKind::Quote);
            if determined && !head_can_speak && !quoted_title {
                return None;
            }
        }
        let has_name = words.clone().any(|k| {
            self.mention_at(k).is_some_and(|m| {
                let mention = &self.mentions[m];
                !mention.derived
                    && matches!(
                        mention.kind,
                        EntityKind::Person | EntityKind::Organisation | EntityKind::Location
                    )
            })
        });
        if has_name {
            return Some(SpeakerPhrase {
                words,
                vague: false,
            });
        }
        let first = self.word(words.start);
        if words.len() == 1 && first.is_in(Classes::PERSONAL_PRONOUN) {
            return Some(SpeakerPhrase {
                words,
                vague: false,
            });
        }
        if words.len() == 1 && first.is("man") {
            return Some(SpeakerPhrase { words, vague: true });
        }
        // A quoted title is a name: newspapers, agencies, programmes.
        if words.clone().any(|k| self.word(k).kind == WordKind::Quote) {
            return Some(SpeakerPhrase {
                words,
                vague: false,
            });
        }
        let head = words
            .clone()
            .rev()
            .find(|&k| self.word(k).is_capitalised())?;
        let lower = &self.word(head).lower;
        if cues::is_vague_noun(lower) {
            return Some(SpeakerPhrase { words, vague: true });
        }
        // Bare capitalised words without a determiner read as a name ("Jermak") unless they are
        // an ordinary noun; with a determiner the head must name a speaker.
        let determiner = first.is_in(Classes::DETERMINER);
        let speaker_noun = words
            .clone()
            .any(|k| self.word(k).is_capitalised() && cues::is_speaker_noun(&self.word(k).lower));
        (speaker_noun || !determiner && self.looks_like_name(words.clone())).then_some(
            SpeakerPhrase {
                words,
                vague: false,
            },
        )
    }

    /// Without a tagger's word, two capitalised words in a row, not at the sentence start, read
    /// as a name ("Neil Armstrong").
    fn looks_like_name(&self, words: Range<usize>) -> bool {
        words.len() >= 2 && words.clone().all(|k| self.word(k).is_capitalised())
    }

    /// The speaker right of word `i` (inverted order "sagte der Minister", "betont Selenskyj").
    pub(crate) fn speaker_right(&self, i: usize, limit: usize) -> Option<SpeakerPhrase> {
        // "äußerte sich Kofi Annan": the reflexive comes before the inverted subject.
        let i = if i < limit && self.word(i).is("sich") {
            i + 1
        } else {
            i
        };
        let phrase = self.noun_phrase_at(i, limit)?;
        // "sagte dem Fernsehsender CNN": the addressee, not the speaker.
        if self.is_oblique(phrase.clone()) {
            return None;
        }
        self.speaker_phrase(phrase)
    }

    /// A noun phrase in the dative or genitive, which cannot be the subject: "dem Sender",
    /// "des Magazins", or "der Polizei" right after a noun ("ein Sprecher der Polizei").
    pub(crate) fn is_oblique(&self, phrase: Range<usize>) -> bool {
        let first = self.word(phrase.start);
        if first.is_any(&[
            "dem", "den", "des", "einem", "einen", "eines", "ihrem", "seinem", "ihren", "seinen",
        ]) {
            return true;
        }
        let after_noun = phrase.start > 0 && self.word(phrase.start - 1).is_capitalised();
        if first.is_any(&["der", "einer"]) && after_noun {
            return true;
        }
        first.is("der") && self.is_dative_or_genitive_after_der(phrase)
    }

    /// "der" starts a nominative only before a masculine singular: "der Nachrichtenagentur
    /// Reuters" (a feminine noun) and "der Süddeutschen Zeitung" (an adjective in -en, which
    /// after "der" is never the nominative singular) are datives or genitives.
    fn is_dative_or_genitive_after_der(&self, phrase: Range<usize>) -> bool {
        let Some(second) = phrase.clone().nth(1) else {
            return false;
        };
        let adjective = self.word(second).lower.ends_with("en")
            && (self.word(second).is_lowercase_word()
                || second + 1 < phrase.end && self.word(second + 1).is_capitalised());
        if adjective {
            return true;
        }
        let head = phrase
            .clone()
            .skip(1)
            .find(|&k| self.word(k).is_capitalised());
        head.is_some_and(|k| {
            let is_person_name = self
                .mention_at(k)
                .is_some_and(|m| self.mentions[m].kind == EntityKind::Person);
            let lower = &self.word(k).lower;
            // "der Grünen", "der Abgeordneten": adjectives used as nouns decline the same way;
            // the compass points are masculine nouns ("der Westen").
            let nominalised_adjective = lower.ends_with("en")
                && !["osten", "westen", "norden", "süden"]
                    .iter()
                    .any(|e| lower.ends_with(e));
            !is_person_name && (cues::is_feminine_noun(lower) || nominalised_adjective)
        })
    }

    /// The subject left of the cue at `cue`, within the clause starting at `start`: the nearest
    /// name, pronoun or speaker noun not governed by a preposition; else the clause's first
    /// noun phrase if it can speak.
    pub(crate) fn speaker_left(&self, start: usize, cue: usize) -> Option<SpeakerPhrase> {
        let mut j = cue;
        while j > start {
            j -= 1;
            let word = self.word(j);
            if word.is_punct(":") || word.is_punct(";") {
                break;
            }
            // Quoted words are someone's speech, never the subject of the frame.
            if self.in_quote[j] {
                continue;
            }
            let governed = j > start && self.word(j - 1).is_in(Classes::PREPOSITION);
            if governed {
                continue;
            }
            if word.is_in(Classes::PERSONAL_PRONOUN) {
                // "sie" after the verb is as likely the object; before the verb it is the subject.
                return Some(SpeakerPhrase {
                    words: j..j + 1,
                    vague: false,
                });
            }
            if let Some(m) = self.mention_at(j) {
                let mention = &self.mentions[m];
                let adjacent = j + 1 == cue || j == start;
                let kind_fits =
                    matches!(mention.kind, EntityKind::Person | EntityKind::Organisation)
                        || (mention.kind == EntityKind::Location && adjacent);
                let phrase = self.expand_left(start, j);
                if !mention.derived && kind_fits && !self.is_oblique(phrase.clone()) {
                    return Some(SpeakerPhrase {
                        words: phrase,
                        vague: false,
                    });
                }
            }
        }
        let first = self.subject_start(start, cue);
        let phrase = self.noun_phrase_at(first, cue)?;
        let lone_subject = phrase.len() == 1
            && phrase.end == cue
            && !is_function_word(self.word(phrase.start))
            && !self.word(phrase.start).is_in(Classes::PERSONAL_PRONOUN);
        self.speaker_phrase(phrase.clone()).or_else(|| {
            // "Wikinews berichtete", "Stoiber sagte": a lone capitalised word right before the
            // verb is its subject, a name the tagger may have missed.
            lone_subject.then_some(SpeakerPhrase {
                words: phrase,
                vague: false,
            })
        })
    }

    /// Where a subject before the verb at `cue` can start: the clause's first word, after a
    /// sentence adverb ("Auch Russland äußerte").
    fn subject_start(&self, start: usize, cue: usize) -> usize {
        let mut first = start;
        while first < cue && self.word(first).kind != WordKind::Word {
            first += 1;
        }
        if first < cue
            && self
                .word(first)
                .is_any(&["auch", "doch", "nun", "zudem", "außerdem", "dann", "so"])
        {
            first += 1;
        }
        first
    }

    /// The subject filling the whole field before a verb in second position: "Die
    /// Organisationen werfen dem Präsidenten vor, …". Only a noun phrase that can speak and
    /// is not visibly dative or genitive counts, and it must end right at the verb.
    pub(crate) fn fronted_subject(&self, start: usize, cue: usize) -> Option<SpeakerPhrase> {
        let first = self.subject_start(start, cue);
        let phrase = self.noun_phrase_at(first, cue)?;
        // "Der CSU-Vorsitzende, Edmund Stoiber, warf …": the apposition's closing comma.
        let ends_at_verb = phrase.end == cue
            || phrase.end + 1 == cue
                && self.word(phrase.end).is_punct(",")
                && self.word(phrase.end - 1).kind == WordKind::Word
                && (phrase.start..phrase.end).any(|k| self.word(k).is_punct(","));
        if !ends_at_verb || self.is_oblique(phrase.clone()) {
            return None;
        }
        self.speaker_phrase(phrase)
    }

    /// The noun phrase opening a main clause and ending at its finite verb (the cue at `cue`
    /// or an auxiliary before it), whatever its head: "Die Frauen hatten angegeben",
    /// "Jugendliche sagten". The caller makes sure the verb reports speech.
    pub(crate) fn clause_subject(&self, start: usize, cue: usize) -> Option<SpeakerPhrase> {
        let first = self.subject_start(start, cue);
        let phrase = self.noun_phrase_at(first, cue)?;
        let at_verb = phrase.end == cue
            || self.word(phrase.end).is_any(AUXILIARY_VERBS)
            || self
                .word(phrase.end)
                .is_any(&["hatte", "hatten", "habe", "haben"]);
        let has_noun = phrase
            .clone()
            .any(|k| self.word(k).is_capitalised() && k > first)
            || self.word(first).is_capitalised() && !self.word(first).is_in(Classes::DETERMINER);
        if !at_verb || !has_noun || self.is_oblique(phrase.clone()) {
            return None;
        }
        let vague = phrase
            .clone()
            .any(|k| cues::is_vague_noun(&self.word(k).lower));
        Some(SpeakerPhrase {
            words: phrase,
            vague,
        })
    }

    /// Widens a name at word `j` to the noun phrase around it ("Der ukrainische Präsident
    /// Wolodymyr Selenskyj"), and right to the end of the name.
    fn expand_left(&self, start: usize, j: usize) -> Range<usize> {
        let mut from = j;
        while from > start
            && self.word(from - 1).is_capitalised()
            && !self.is_cue_word(from - 1)
            && !is_function_word(self.word(from - 1))
        {
            from -= 1;
        }
        let name_start = from;
        while from > start && from + 3 > name_start {
            let before = self.word(from - 1);
            // The sentence-initial article is capitalised: "Der ukrainische Präsident".
            if before.kind == WordKind::Word && before.is_in(Classes::DETERMINER) {
                from -= 1;
                break;
            }
            if !before.is_lowercase_word()
                || before.is_in(Classes::PREPOSITION)
                || self.is_cue_word(from - 1)
            {
                break;
            }
            if before.is_in(Classes::DETERMINER) {
                from -= 1;
                break;
            }
            if (before.lower.ends_with('e')
                || before.lower.ends_with("en")
                || before.lower.ends_with("er"))
                && !before.is_any(AUXILIARY_VERBS)
            {
                from -= 1;
            } else {
                break;
            }
        }
        let mut to = j + 1;
        while to < self.view.words.len()
            && self.mention_at(to).is_some()
            && self.mention_at(to) == self.mention_at(j)
        {
            to += 1;
        }
        from..to
    }

    /// Resolves a speaker phrase to an entity: a name inside it, else the most recent
    /// compatible person (or organisation) before it, preferring sentence subjects and people
    /// whose role matches a role noun.
    pub(crate) fn resolve(&self, phrase: &SpeakerPhrase) -> Option<usize> {
        if phrase.vague {
            return None;
        }
        let inside = phrase
            .words
            .clone()
            .filter_map(|k| self.mention_at(k))
            .filter(|&m| !self.mentions[m].derived);
        let best_inside = inside.min_by_key(|&m| kind_rank(self.mentions[m].kind));
        if let Some(m) = best_inside {
            if self.mentions[m].kind != EntityKind::Role {
                return Some(self.mentions[m].entity);
            }
        }
        let start = self.view.words[phrase.words.start].range.start;
        let head = phrase
            .words
            .clone()
            .rev()
            .find(|&k| self.word(k).is_capitalised())
            .map(|k| self.word(k).lower.to_string());
        let first = self.word(phrase.words.start);
        let pronoun = phrase.words.len() == 1 && first.is_in(Classes::PERSONAL_PRONOUN)
            || first.is_in(Classes::POSSESSIVE);
        // "die Feuerwehr" names an institution the tagger did not see; no person stands for it.
        if !pronoun && head.as_deref().is_some_and(|h| !cues::is_person_noun(h)) {
            return None;
        }
        if let Some(head) = head.filter(|_| !pronoun) {
            // "der Minister" → the latest person whose role ends in "minister".
            let by_role = self
                .latest_first_before(&self.people_with_roles, start)
                .find(|&m| {
                    self.entities.get(self.mentions[m].entity).is_some_and(|e| {
                        e.roles.iter().any(|r| lowercase_ends_with(&r.role, &head))
                    })
                });
            if by_role.is_some() {
                return by_role.map(|m| self.mentions[m].entity);
            }
        }
        // Antecedents further back than a few sentences are guesses, not resolutions.
        let near = |m: &usize| start - self.mentions[*m].range.start <= ANTECEDENT_REACH;
        let recent: Vec<usize> = self
            .preceding_people(start)
            .take_while(near)
            .take(6)
            .collect();
        let subject = recent.iter().copied().find(|&m| self.is_subject_like(m));
        let organisation = || {
            self.preceding_mentions(start)
                .take_while(near)
                .find(|&m| self.mentions[m].kind == EntityKind::Organisation)
        };
        subject
            .or_else(|| recent.first().copied())
            .or_else(|| if pronoun { organisation() } else { None })
            .map(|m| self.mentions[m].entity)
    }

    fn preceding_mentions(&self, before: usize) -> impl Iterator<Item = usize> + '_ {
        self.latest_first_before(&self.mentions_by_start, before)
            .filter(|&m| !self.mentions[m].derived)
    }

    /// The mentions of `by_start` (mention indices sorted by start) that start before byte
    /// `before`, the latest first.
    fn latest_first_before<'s>(
        &'s self,
        by_start: &'s [usize],
        before: usize,
    ) -> impl Iterator<Item = usize> + 's {
        let end = by_start.partition_point(|&m| self.mentions[m].range.start < before);
        by_start[..end].iter().rev().copied()
    }

    fn preceding_people(&self, before: usize) -> impl Iterator<Item = usize> + '_ {
        self.preceding_mentions(before)
            .filter(|&m| self.mentions[m].kind == EntityKind::Person)
    }

    /// A mention that opens its clause or stands right before a verb-like lowercase word, and
    /// is not governed by a preposition.
    fn is_subject_like(&self, m: usize) -> bool {
        let Some(first_word) = self.word_at_byte(self.mentions[m].range.start) else {
            return false;
        };
        let sentence_start = self
            .view
            .sentence_of(first_word)
            .map_or(0, |s| self.view.sentences[s].words.start);
        let mut k = first_word;
        while k > sentence_start
            && (self.word(k - 1).is_capitalised() || self.word(k - 1).is_in(Classes::DETERMINER))
        {
            k -= 1;
        }
        k == sentence_start
            || self.word(k - 1).is_punct(",")
                && !self.word(k.saturating_sub(2)).is_in(Classes::PREPOSITION)
    }

    pub(crate) fn word_at_byte(&self, byte: usize) -> Option<usize> {
        self.view.word_at_byte(byte)
    }

    pub(crate) fn span_of(&self, words: Range<usize>) -> ByteRange {
        self.view.span(words)
    }
}

/// How far back (in bytes) a pronoun or role noun looks for its person.
const ANTECEDENT_REACH: usize = 800;

/// Words that never head a speaker phrase: sentence adverbs, prepositions, determiners and
/// the adverbs below.
fn is_function_word(word: &Word<'_>) -> bool {
    word.is_in(Classes::FUNCTION_WORD)
}

/// The words of [`is_function_word`], for the word classes set while the text is prepared.
pub(crate) fn function_words() -> impl Iterator<Item = &'static str> {
    SENTENCE_ADVERBS
        .iter()
        .chain(PREPOSITIONS)
        .chain(DETERMINERS)
        .chain(OTHER_FUNCTION_WORDS)
        .copied()
}

/// Adverbs and conjunctions that open a clause but name no one.
const OTHER_FUNCTION_WORDS: &[&str] = &[
    "auch",
    "doch",
    "nun",
    "zudem",
    "außerdem",
    "dann",
    "so",
    "und",
    "aber",
    "heute",
    "gestern",
    "damals",
    "inzwischen",
    "dies",
    "derzeit",
    "bereits",
    "zuvor",
    "danach",
    "daher",
    "deshalb",
    "dabei",
    "demnach",
    "hier",
    "dort",
    "jetzt",
    "zunächst",
    "sinngemäß",
    "ferner",
    "wörtlich",
    "ebenfalls",
    "weiter",
    "zuletzt",
    "ursprünglich",
    "später",
    "erstmals",
    "allerdings",
    "jedoch",
    "trotzdem",
    "dennoch",
    "besorgt",
];

/// Pronominal and sentence adverbs and dative pronouns open a sentence as often as a subject
/// does ("Damit bestätigt sich …", "Ihm droht …"); none of them speaks.
const SENTENCE_ADVERBS: &[&str] = &[
    "damit",
    "dafür",
    "dagegen",
    "davon",
    "dazu",
    "darauf",
    "darüber",
    "daran",
    "darum",
    "dadurch",
    "entsprechend",
    "bisher",
    "zusammen",
    "mittlerweile",
    "gleichzeitig",
    "zugleich",
    "schließlich",
    "ihm",
    "ihnen",
];

/// Finite auxiliaries, which end a noun phrase going left ("haben Premierminister Tony Blair").
const AUXILIARY_VERBS: &[&str] = &[
    "haben", "hat", "hatte", "hatten", "sind", "ist", "war", "waren", "wird", "werden", "wurde",
    "wurden",
];

fn kind_rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Location => 2,
        EntityKind::Misc => 3,
        EntityKind::Role => 4,
    }
}
