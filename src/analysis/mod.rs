//! One article in, plain data out. Knows nothing of LSP or of the file system.

pub mod claims;
pub mod gazetteer;
pub mod linking;
pub mod model;
pub mod ner;
pub mod roles;

use crate::config::LanguageSetting;
use crate::text::language::detect_language;
use crate::text::tokens::{Sentence, Token, split_sentences, tokenize};
use model::{Claim, Entity, Language, Mention};

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
    // The recognisers are German: on other languages they would only produce noise.
    if language == Language::German {
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

impl ArticleAnalysis {
    /// The mention whose range contains the byte offset (an offset at a mention's end
    /// counts too, so a cursor right after a name still finds it).
    pub fn mention_at(&self, offset: usize) -> Option<(usize, &Mention)> {
        self.mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.range.start <= offset && offset < m.range.end)
            .or_else(|| {
                self.mentions
                    .iter()
                    .enumerate()
                    .find(|(_, m)| m.range.end == offset)
            })
    }

    /// The sentence containing a byte offset.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        self.sentences
            .iter()
            .find(|s| s.range.start <= offset && offset <= s.range.end)
    }
}
