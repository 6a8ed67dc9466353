//! One article in, plain data out. Knows nothing of LSP or of the file system.

pub mod claims;
pub mod gazetteer;
pub mod linking;
pub mod model;
pub mod ner;
pub mod roles;

use crate::config::LanguageSetting;
use crate::corpus::knowledge_base::KnowledgeBase;
use crate::text::language::detect_language;
use crate::text::tokens::{Sentence, Token, split_sentences, tokenize};
use gazetteer::Gazetteer;
use model::{Candidate, Claim, Entity, Language, Mention, MentionOrigin};
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
}

pub fn analyze(text: &str, context: &AnalysisContext) -> ArticleAnalysis {
    let language = match context.language {
        LanguageSetting::Auto => detect_language(text),
        LanguageSetting::German => Language::German,
        LanguageSetting::English => Language::English,
    };
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let mut analysis = ArticleAnalysis {
        language,
        tokens,
        sentences,
        mentions: Vec::new(),
        entities: Vec::new(),
        claims: Vec::new(),
    };
    // The recognisers are German: on English they would only produce noise. Texts too short
    // to tell (a headline, a caption) get the benefit of the doubt.
    if language != Language::English {
        let candidates = recognise(text, &analysis.tokens, &analysis.sentences);
        let linked = linking::link(
            text,
            &analysis.tokens,
            &analysis.sentences,
            &candidates,
            &context.knowledge_base,
        );
        analysis.mentions = linked.mentions;
        analysis.entities = linked.entities;
        analysis.claims = claims::detect_claims(
            text,
            &analysis.tokens,
            &analysis.sentences,
            &analysis.mentions,
            &analysis.entities,
        );
    }
    analysis
}

/// The recognisers' proposals: the tagger and the gazetteer's multi-word names. Linking adds
/// the knowledge base's aliases and decides between them where they overlap.
fn recognise(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = ner::Tagger::embedded()
        .tag(text, tokens, sentences)
        .into_iter()
        .map(|span| Candidate {
            range: span.range,
            kind: span.kind,
            derived: span.derived,
            origin: MentionOrigin::Tagger,
            score: span.score,
        })
        .collect();
    candidates.extend(
        Gazetteer::embedded()
            .phrases(text)
            .into_iter()
            .map(|phrase| Candidate {
                range: phrase.range,
                kind: phrase.kind,
                derived: false,
                origin: MentionOrigin::Gazetteer,
                score: 1.0,
            }),
    );
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
