//! One article in, plain data out. Knows nothing of LSP or of the file system.

pub mod claims;
pub mod decisions;
pub mod gazetteer;
pub mod linking;
pub mod model;
pub mod ner;
pub mod roles;

use crate::config::LanguageSetting;
use crate::corpus::knowledge_base::KnowledgeBase;
use crate::text::language::detect_language;
use crate::text::tokens::{Sentence, Token, join_parts, paragraph_cut, split_sentences, tokenize};
use gazetteer::Gazetteer;
use model::{Candidate, Claim, Entity, Language, Mention, MentionOrigin};
use ner::memo::SentenceKey;
use std::sync::Arc;

/// Everything Dossier knows about one article's text.
#[derive(Debug, Clone)]
pub struct ArticleAnalysis {
    pub language: Language,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
}

/// What the analysis of one article may use besides its text.
#[derive(Debug, Clone, Default)]
pub struct AnalysisContext {
    pub language: LanguageSetting,
    pub knowledge_base: Arc<KnowledgeBase>,
    /// What a person decided about this article (its `.ann` file).
    pub decisions: decisions::ArticleDecisions,
    /// Names people confirmed anywhere in the workspace.
    pub taught_names: Arc<Vec<decisions::TaughtName>>,
}

pub fn analyze(text: &str, context: &AnalysisContext) -> ArticleAnalysis {
    // The stages that read the text alone run beside the ones that cannot share their work
    // between cores (tokenizing, linking). On a short article a thread costs more than it
    // saves, so everything runs in order.
    let beside = text.len() >= WORK_BESIDE_FROM_BYTES;
    if beside {
        // The whole analysis runs on one of the pool's threads, so each parallel stage hands
        // work to the other one directly; called from outside the pool, every stage would be
        // sent to the pool and waited for.
        rayon::scope(|_| analyze_stages(text, context, beside))
    } else {
        analyze_stages(text, context, beside)
    }
}

fn analyze_stages(text: &str, context: &AnalysisContext, beside: bool) -> ArticleAnalysis {
    // The side thread detects the language and finds the phrases, and reads the text's last
    // sixth (from a paragraph start there) as well, so that both threads take about as long.
    // The main thread should end last: waiting for the side thread, it would go to sleep, and
    // waking it costs more than the difference (stage timers: with a cut at 3/4 the side
    // thread ended 0.05–0.15 ms after the main one, at 5/6 the main thread ends about 0.05 ms
    // after the side one).
    let cut = beside
        .then(|| paragraph_cut(text, text.len() / 6 * 5))
        .flatten();
    let (first, (second, (language, phrases))) = alongside(
        beside,
        || Reading::of(&text[..cut.unwrap_or(text.len())]),
        || {
            let second = cut.map(|cut| (cut, Reading::of(&text[cut..])));
            (second, language_and_phrases(text, context))
        },
    );
    let reading = match second {
        Some((cut, second)) => first.followed_by(second, cut),
        None => first,
    };
    let mut analysis = ArticleAnalysis {
        language,
        tokens: reading.tokens,
        sentences: reading.sentences,
        mentions: Vec::new(),
        entities: Vec::new(),
        claims: Vec::new(),
    };
    let Some(phrases) = phrases else {
        return analysis;
    };
    let (tokens, sentences) = (&analysis.tokens, &analysis.sentences);
    let link = |tagged: Vec<ner::TaggedSpan>| {
        let mut candidates = candidates(tagged, phrases);
        candidates.retain(|c| !context.decisions.is_rejected(&c.range));
        candidates.extend(decisions::decision_candidates(
            text,
            &context.decisions,
            &context.taught_names,
        ));
        let kb = &context.knowledge_base;
        let mut linked =
            linking::link_with_facts(text, tokens, sentences, &candidates, kb, &reading.facts);
        obey_decisions(&mut linked, context);
        linked
    };
    // Claim preparation reads the text alone: it runs beside tagging's end and linking.
    let prepare = || claims::prepare(text, tokens, sentences);
    let tagger = ner::Tagger::embedded();
    let keys = &reading.sentence_keys;
    let (linked, prepared) = if beside {
        tagger.tag_with_keys_then(text, tokens, sentences, keys, link, prepare)
    } else {
        (
            link(tagger.tag_with_keys(text, tokens, sentences, keys)),
            prepare(),
        )
    };
    analysis.claims = claims::detect_claims_in(prepared, &linked.mentions, &linked.entities);
    analysis.mentions = linked.mentions;
    analysis.entities = linked.entities;
    analysis
}

/// What the first stage works out from (a part of) the text alone.
struct Reading {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    /// The tagger's memo keys, one per sentence.
    sentence_keys: Vec<SentenceKey>,
    /// What linking asks the gazetteer about each word.
    facts: linking::WordFacts<'static>,
}

impl Reading {
    /// The language is not known yet, so an English text gets facts and keys it will not use:
    /// a few percent of its analysis, against linking a German one sooner.
    fn of(text: &str) -> Reading {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let sentence_keys = ner::sentence_keys(text, &tokens, &sentences);
        let facts = linking::WordFacts::new(text, &tokens, Gazetteer::embedded());
        Reading {
            tokens,
            sentences,
            sentence_keys,
            facts,
        }
    }

    /// The reading of this part followed by `later`, the reading of the text from byte `cut`
    /// on (see `tokens::paragraph_cut`).
    fn followed_by(self, mut later: Reading, cut: usize) -> Reading {
        let facts = self.facts.followed_by(later.facts, self.tokens.len());
        let mut sentence_keys = self.sentence_keys;
        // A key hashes a sentence's words, not where they are: it needs no shift.
        sentence_keys.append(&mut later.sentence_keys);
        let (tokens, sentences) = join_parts(
            (self.tokens, self.sentences),
            (later.tokens, later.sentences),
            cut,
        );
        Reading {
            tokens,
            sentences,
            sentence_keys,
            facts,
        }
    }
}

/// The article's language, and the gazetteer's multi-word names unless the text is English:
/// the recognisers are German, on English they would only produce noise. Texts too short to
/// tell (a headline, a caption) get the benefit of the doubt.
fn language_and_phrases(
    text: &str,
    context: &AnalysisContext,
) -> (Language, Option<Vec<gazetteer::PhraseMatch>>) {
    let language = match context.language {
        LanguageSetting::Auto => detect_language(text),
        LanguageSetting::German => Language::German,
        LanguageSetting::English => Language::English,
    };
    let phrases = (language != Language::English).then(|| Gazetteer::embedded().phrases(text));
    (language, phrases)
}

/// From this size on (about 2,500 words) work that reads the text alone runs on a second
/// thread beside tokenizing and linking.
pub(crate) const WORK_BESIDE_FROM_BYTES: usize = 16 * 1024;

/// Runs `main` and `side` at the same time when `in_parallel`, else one after the other. The
/// threads come from rayon's pool, which lives as long as the process: starting an operating
/// system thread for each stage of each analysis cost more than some stages.
pub(crate) fn alongside<M: Send, S: Send>(
    in_parallel: bool,
    main: impl FnOnce() -> M + Send,
    side: impl FnOnce() -> S + Send,
) -> (M, S) {
    if !in_parallel {
        return (main(), side());
    }
    rayon::join(main, side)
}

/// Removes mentions a person rejected (the knowledge base and consistency matching may have
/// found them again) and gives entities a person linked their knowledge-base identity.
fn obey_decisions(linked: &mut linking::Linked, context: &AnalysisContext) {
    let decisions = &context.decisions;
    if decisions.is_empty() {
        return;
    }
    let kept: Vec<bool> = linked
        .mentions
        .iter()
        .map(|m| !decisions.is_rejected(&m.range))
        .collect();
    if kept.contains(&false) {
        let mut new_index = vec![None; kept.len()];
        let mut mentions = Vec::new();
        for (old, mention) in linked.mentions.drain(..).enumerate() {
            if kept[old] {
                new_index[old] = Some(mentions.len());
                mentions.push(mention);
            }
        }
        for entity in &mut linked.entities {
            entity.mentions = entity
                .mentions
                .iter()
                .filter_map(|&m| new_index[m])
                .collect();
        }
        // Entities left without mentions disappear; the rest are renumbered.
        let mut entity_index = vec![None; linked.entities.len()];
        let mut entities = Vec::new();
        for (old, entity) in linked.entities.drain(..).enumerate() {
            if !entity.mentions.is_empty() || !entity.roles.is_empty() {
                entity_index[old] = Some(entities.len());
                entities.push(entity);
            }
        }
        mentions.retain(|m| entity_index[m.entity].is_some());
        for m in &mut mentions {
            m.entity = entity_index[m.entity].expect("kept above");
        }
        for entity in &mut entities {
            entity.mentions.clear();
        }
        for (i, m) in mentions.iter().enumerate() {
            entities[m.entity].mentions.push(i);
        }
        linked.mentions = mentions;
        linked.entities = entities;
    }
    for mention in &linked.mentions {
        if let Some(kb) = decisions.pinned_entity(&mention.range, &context.knowledge_base) {
            let entity = &mut linked.entities[mention.entity];
            entity.key = kb.id.clone();
            entity.kb_id = Some(kb.id.clone());
            entity.name = kb.name.clone();
        }
    }
}

/// The recognisers' proposals: the tagger's names and the gazetteer's multi-word names.
/// Linking adds the knowledge base's aliases and decides between them where they overlap.
fn candidates(
    tagged: Vec<ner::TaggedSpan>,
    phrases: Vec<gazetteer::PhraseMatch>,
) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = tagged
        .into_iter()
        .map(|span| Candidate {
            range: span.range,
            kind: span.kind,
            derived: span.derived,
            origin: MentionOrigin::Tagger,
            score: span.score,
        })
        .collect();
    candidates.extend(phrases.into_iter().map(|phrase| Candidate {
        range: phrase.range,
        kind: phrase.kind,
        derived: false,
        origin: MentionOrigin::Gazetteer,
        score: 1.0,
    }));
    candidates
}

impl ArticleAnalysis {
    /// The innermost mention whose range contains the byte offset (a name inside a role
    /// wins over the role). An offset at a mention's end counts too, so a cursor right
    /// after a name still finds it, but a mention that starts there wins.
    pub fn mention_at(&self, offset: usize) -> Option<(usize, &Mention)> {
        let innermost = |test: &dyn Fn(&Mention) -> bool| {
            self.mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| test(m))
                .min_by_key(|(_, m)| m.range.len())
        };
        innermost(&|m| m.range.start <= offset && offset < m.range.end)
            .or_else(|| innermost(&|m| m.range.end == offset))
    }

    /// The sentence containing a byte offset.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        self.sentences
            .iter()
            .find(|s| s.range.start <= offset && offset <= s.range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_article_analysed_on_two_threads_gives_what_one_thread_gives() {
        // The seeds have derived place words ("russischen", "Kiewer"), hyphenated names
        // ("US-Präsident") and role nouns on both sides of the cut, where the side thread
        // tokenizes and asks the gazetteer on its own.
        let seeds = [
            include_str!("../../seeds/000_d6396046d8ded179.txt"),
            include_str!("../../seeds/001_2779e59d105fe22f.txt"),
        ];
        let text = [seeds; 3].concat().join("\n\n");
        assert!(text.len() >= WORK_BESIDE_FROM_BYTES);
        assert!(paragraph_cut(&text, text.len() / 5 * 4).is_some());
        let context = AnalysisContext::default();
        let two = rayon::scope(|_| analyze_stages(&text, &context, true));
        let one = analyze_stages(&text, &context, false);
        assert_eq!(two.tokens, one.tokens);
        assert_eq!(two.sentences, one.sentences);
        assert_eq!(two.mentions, one.mentions);
        assert_eq!(two.entities, one.entities);
        assert_eq!(two.claims, one.claims);
        let derived = one.mentions.iter().filter(|m| m.derived).count();
        assert!(derived >= 6 * 3, "{derived} derived mentions");
        // The tagger's memo keys, joined from the two parts, are the whole text's: a wrong
        // one would not change a cold analysis, only what the memo answers after an edit.
        let cut = paragraph_cut(&text, text.len() / 4 * 3).unwrap();
        let joined = Reading::of(&text[..cut]).followed_by(Reading::of(&text[cut..]), cut);
        let whole = Reading::of(&text);
        assert_eq!(joined.sentence_keys, whole.sentence_keys);
        assert_eq!(joined.sentences.len(), whole.sentence_keys.len());
    }

    #[test]
    fn a_long_article_prepared_beside_linking_gives_the_claims_of_one_thread() {
        let paragraph = "Außenminister Marco Rubio sagte am Montag in Washington, die Gespräche \
            seien schwierig. Laut der Nachrichtenagentur Reuters kamen über 40 Menschen ums \
            Leben. „Wir werden nicht aufgeben“, betonte Präsident Wolodymyr Selenskyj.\n\n";
        let text = paragraph.repeat(80);
        let analysis = analyze(&text, &AnalysisContext::default());
        assert!(text.len() >= WORK_BESIDE_FROM_BYTES);
        let one_thread = claims::detect_claims(
            &text,
            &analysis.tokens,
            &analysis.sentences,
            &analysis.mentions,
            &analysis.entities,
        );
        assert_eq!(analysis.claims, one_thread);
        assert_eq!(
            analysis.claims.len(),
            80 * 3,
            "{:#?}",
            &analysis.claims[..3]
        );
    }
}
