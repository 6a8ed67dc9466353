//! The articles Dossier knows, each with its text, line index and analysis, and the
//! diagnostics of each. The language server and the CLI both ask this module for
//! diagnostics, which is why they agree.

use crate::analysis::decisions::TaughtName;
use crate::analysis::linking::Linked;
use crate::analysis::model::{ClaimKind, Language};
use crate::analysis::{AnalysisContext, ArticleAnalysis, analyze};
use crate::config::Config;
use crate::corpus::annotations::ArticleAnnotations;
use crate::corpus::conflicts::{Conflict, ConflictKind};
use crate::corpus::index::WorkspaceIndex;
use crate::corpus::knowledge_base::KnowledgeBase;
use crate::corpus::variants::{
    VariantGroup, VariantMention, spelling_variants, surname_only_introductions,
};
use crate::diagnostics::{self, Diagnostic, Fix, FixEdit, Related};
use crate::text::decode::{InputProblem, decode_article};
use crate::text::lines::LineIndex;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One article: its text and what the analysis found in it.
#[derive(Debug, Clone)]
pub struct Article {
    pub text: Arc<str>,
    pub lines: Arc<LineIndex>,
    pub analysis: Arc<ArticleAnalysis>,
    /// Why the file could not be analysed; then `text` is a lossy decoding kept only so
    /// that the diagnostic has a position.
    pub problem: Option<InputProblem>,
}

impl Article {
    /// Analyses text that is already decoded (from an editor or a UTF-8 file).
    pub fn from_text(text: Arc<str>, config: &Config, context: &AnalysisContext) -> Article {
        let problem = crate::text::decode::check_text(&text, config.max_file_size).err();
        let analysis = match problem {
            None => analyze(&text, context),
            Some(_) => analyze("", context),
        };
        Article {
            lines: Arc::new(LineIndex::new(&text)),
            text,
            analysis: Arc::new(analysis),
            problem,
        }
    }

    /// Decodes a file's bytes and analyses them.
    pub fn from_bytes(bytes: &[u8], config: &Config, context: &AnalysisContext) -> Article {
        match decode_article(bytes, config.max_file_size) {
            Ok(text) => Article::from_text(Arc::from(text), config, context),
            Err(problem) => {
                // Huge files are not kept: a position at the start is all the diagnostic needs.
                let text: Arc<str> = match problem {
                    InputProblem::TooLarge { .. } | InputProblem::Binary => Arc::from(""),
                    _ => Arc::from(String::from_utf8_lossy(bytes).as_ref()),
                };
                Article {
                    lines: Arc::new(LineIndex::new(&text)),
                    text,
                    analysis: Arc::new(analyze("", context)),
                    problem: Some(problem),
                }
            }
        }
    }
}

/// The articles of one workspace, keyed by an id the caller chooses (a URI in the language
/// server, a path in the CLI), in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub config: Config,
    /// The entities defined in the workspace's knowledge-base files.
    pub knowledge_base: Arc<KnowledgeBase>,
    articles: BTreeMap<String, Arc<Article>>,
    /// Entities across articles, updated with each article. Shared with snapshots and copied
    /// only when the corpus changes while a snapshot still holds it.
    index: Arc<WorkspaceIndex>,
    /// Cross-article findings, computed once per state of the corpus (every article's
    /// diagnostics need them) and dropped on any change.
    conflicts: std::sync::OnceLock<Arc<Vec<Conflict>>>,
    /// Spelling variants across the corpus, cached like `conflicts`.
    variants: std::sync::OnceLock<Arc<Vec<VariantGroup>>>,
    /// The name to show for each entity key (see [`Corpus::entity_name`]), cached like
    /// `conflicts`: every conflict's message asks for one or two.
    entity_names: std::sync::OnceLock<FxHashMap<String, String>>,
    /// Each article's `.ann` file, by article id (see `corpus::annotations`).
    annotations: BTreeMap<String, Arc<ArticleAnnotations>>,
    /// Names confirmed in any article's annotations, recognised in every article.
    taught_names: Arc<Vec<TaughtName>>,
}

impl Corpus {
    pub fn new(config: Config) -> Corpus {
        Corpus {
            config,
            knowledge_base: Arc::default(),
            articles: BTreeMap::new(),
            index: Arc::default(),
            conflicts: Default::default(),
            variants: Default::default(),
            entity_names: Default::default(),
            annotations: BTreeMap::new(),
            taught_names: Arc::default(),
        }
    }

    /// What the analysis of an article in this corpus uses besides its text.
    pub fn analysis_context(&self) -> AnalysisContext {
        AnalysisContext {
            language: self.config.language,
            knowledge_base: Arc::clone(&self.knowledge_base),
            decisions: Default::default(),
            taught_names: Arc::clone(&self.taught_names),
        }
    }

    /// The context for one article: with the decisions of its `.ann` file when that was made
    /// on `text`.
    pub fn analysis_context_for(&self, id: &str, text: &str) -> AnalysisContext {
        let mut context = self.analysis_context();
        if let Some(annotations) = self.annotations.get(id) {
            context.decisions = annotations.decisions(text);
        }
        context
    }

    pub fn annotations(&self, id: &str) -> Option<&Arc<ArticleAnnotations>> {
        self.annotations.get(id)
    }

    /// Sets an article's annotations. Returns the names the workspace learned or forgot by it:
    /// articles containing one of them must be analysed again.
    pub fn set_annotations(
        &mut self,
        id: impl Into<String>,
        annotations: ArticleAnnotations,
    ) -> Vec<TaughtName> {
        self.set_all_annotations([(id.into(), annotations)])
    }

    /// Sets the annotations of many articles at once, as loading a folder does. The names
    /// they teach are collected once, not once per article: that walks every article's
    /// annotations, and doing it per article made loading a large annotated folder quadratic.
    pub fn set_all_annotations(
        &mut self,
        annotations: impl IntoIterator<Item = (String, ArticleAnnotations)>,
    ) -> Vec<TaughtName> {
        for (id, article_annotations) in annotations {
            self.annotations.insert(id, Arc::new(article_annotations));
        }
        self.recollect_taught_names()
    }

    pub fn remove_annotations(&mut self, id: &str) -> Vec<TaughtName> {
        if self.annotations.remove(id).is_none() {
            return Vec::new();
        }
        self.recollect_taught_names()
    }

    fn recollect_taught_names(&mut self) -> Vec<TaughtName> {
        let mut names: Vec<TaughtName> = self
            .annotations
            .values()
            .flat_map(|a| a.taught_names())
            .collect();
        names.sort();
        names.dedup();
        // Both lists are sorted: what is in one only changed.
        let changed: Vec<TaughtName> = names
            .iter()
            .filter(|n| self.taught_names.binary_search(n).is_err())
            .chain(
                self.taught_names
                    .iter()
                    .filter(|n| names.binary_search(n).is_err()),
            )
            .cloned()
            .collect();
        self.taught_names = Arc::new(names);
        changed
    }

    pub fn insert(&mut self, id: impl Into<String>, article: Article) {
        let id = id.into();
        let linked = Linked {
            mentions: article.analysis.mentions.clone(),
            entities: article.analysis.entities.clone(),
        };
        Arc::make_mut(&mut self.index).upsert(&id, article.text.to_string(), linked);
        self.articles.insert(id, Arc::new(article));
        self.forget_findings();
    }

    pub fn remove(&mut self, id: &str) -> Option<Arc<Article>> {
        self.forget_findings();
        Arc::make_mut(&mut self.index).remove(id);
        self.articles.remove(id)
    }

    fn forget_findings(&mut self) {
        self.conflicts = Default::default();
        self.variants = Default::default();
        self.entity_names = Default::default();
    }

    fn variants_cached(&self) -> Arc<Vec<VariantGroup>> {
        self.variants
            .get_or_init(|| Arc::new(spelling_variants(&self.index, &self.knowledge_base)))
            .clone()
    }

    fn variant_diagnostics(&self, id: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for group in self.variants_cached().iter() {
            let spellings: Vec<String> = group
                .spellings
                .iter()
                .map(|(s, n)| format!("{s} ×{n}"))
                .collect();
            let source = if group.from_knowledge_base {
                "the knowledge base's spelling"
            } else {
                "the usual spelling"
            };
            let fix_all = Fix {
                title: format!(
                    "Spell every variant “{}” ({} places)",
                    group.suggested,
                    group.mentions.len()
                ),
                edits: group.mentions.iter().map(variant_edit).collect(),
            };
            for mention in group.mentions.iter().filter(|m| m.uri == id) {
                let message = format!(
                    "“{}” is a spelling variant of “{}” ({source}; seen: {})",
                    mention.written,
                    group.suggested,
                    spellings.join(", ")
                );
                let fix_one = Fix {
                    title: format!("Change to “{}”", mention.replacement),
                    edits: vec![variant_edit(mention)],
                };
                found.extend(
                    Diagnostic::new(
                        diagnostics::SPELLING_VARIANT,
                        &self.config,
                        mention.range.clone(),
                        message,
                    )
                    .map(|d| d.with_fix(fix_one).with_fix(fix_all.clone())),
                );
            }
        }
        found
    }

    /// The workspace-wide key of an article-level entity key: a person named by surname only
    /// here joins the one full name in the workspace with that surname.
    pub fn workspace_key(&self, key: &str) -> String {
        self.index.workspace_key(key)
    }

    pub fn index(&self) -> &WorkspaceIndex {
        &self.index
    }

    /// The corpus's conflicts, computed once per state of the corpus.
    pub fn conflicts_cached(&self) -> Arc<Vec<Conflict>> {
        self.conflicts
            .get_or_init(|| Arc::new(self.conflicts()))
            .clone()
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Article>> {
        self.articles.get(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.articles.keys().map(String::as_str)
    }

    pub fn articles(&self) -> impl Iterator<Item = (&str, &Arc<Article>)> {
        self.articles.iter().map(|(id, a)| (id.as_str(), a))
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Every diagnostic of one article, sorted by position.
    pub fn diagnostics(&self, id: &str) -> Vec<Diagnostic> {
        let Some(article) = self.articles.get(id) else {
            return Vec::new();
        };
        let config = &self.config;
        let mut found = Vec::new();
        if let Some(problem) = &article.problem {
            found.extend(input_problem_diagnostic(problem, article, config));
            return found;
        }
        if article.analysis.language == Language::English {
            found.extend(Diagnostic::new(
                diagnostics::ENGLISH_TEXT,
                config,
                0..0,
                "English article: Dossier recognises German names and claims only so far, so none are shown here",
            ));
        }
        found.extend(claim_diagnostics(article, config));
        found.extend(self.conflict_diagnostics(id));
        found.extend(self.variant_diagnostics(id));
        found.extend(surname_only_diagnostics(article, config));
        if let Some(annotations) = self.annotations.get(id) {
            found.extend(annotations.diagnostics(&article.analysis, config));
        }
        found.sort_by(|a, b| {
            (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
        });
        found
    }
}

impl Corpus {
    fn conflict_diagnostics(&self, id: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for conflict in self.conflicts_cached().iter() {
            for (this, other) in [(0, 1), (1, 0)] {
                if conflict.places[this].article != id {
                    continue;
                }
                let other_place = &conflict.places[other];
                let other_name = other_place
                    .article
                    .rsplit('/')
                    .next()
                    .unwrap_or(&other_place.article);
                let (kind, message) = match &conflict.kind {
                    ConflictKind::Role { entity, .. } => (
                        diagnostics::ROLE_CONFLICT,
                        format!(
                            "role conflict for {}: “{}” here, but “{}” in {}",
                            self.entity_name(entity),
                            conflict.says[this],
                            conflict.says[other],
                            other_name
                        ),
                    ),
                    ConflictKind::Figure { subject, .. } => (
                        diagnostics::FIGURE_CONFLICT,
                        format!(
                            "figure conflict about {}: {} here, but {} in {}",
                            self.entity_name(subject),
                            conflict.says[this],
                            conflict.says[other],
                            other_name
                        ),
                    ),
                    ConflictKind::Speaker { .. } => (
                        diagnostics::SPEAKER_CONFLICT,
                        format!(
                            "the same statement is attributed to {} here and to {} in {}",
                            self.entity_name(&conflict.says[this]),
                            self.entity_name(&conflict.says[other]),
                            other_name
                        ),
                    ),
                };
                let related = Related {
                    article: other_place.article.clone(),
                    range: other_place.range.clone(),
                    message: format!("“{}”", conflict.says[other]),
                };
                found.extend(
                    Diagnostic::new(
                        kind,
                        &self.config,
                        conflict.places[this].range.clone(),
                        message,
                    )
                    .map(|d| d.with_related(vec![related])),
                );
            }
        }
        found
    }

    /// The name a person reads for an entity key: its longest name in any article (the last
    /// article's, in id order, on a tie), else the key itself.
    pub fn entity_name(&self, key: &str) -> String {
        let names = self.entity_names.get_or_init(|| {
            let mut names: FxHashMap<String, String> = FxHashMap::default();
            for entity in self
                .articles
                .values()
                .flat_map(|a| a.analysis.entities.iter())
            {
                match names.get_mut(&entity.key) {
                    Some(name) if name.len() > entity.name.len() => {}
                    Some(name) => name.clone_from(&entity.name),
                    None => {
                        names.insert(entity.key.clone(), entity.name.clone());
                    }
                }
            }
            names
        });
        names.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

fn variant_edit(mention: &VariantMention) -> FixEdit {
    FixEdit {
        article: mention.uri.clone(),
        range: mention.range.clone(),
        new_text: mention.replacement.clone(),
    }
}

fn surname_only_diagnostics(article: &Article, config: &Config) -> Vec<Diagnostic> {
    let analysis = &article.analysis;
    let linked = Linked {
        mentions: analysis.mentions.clone(),
        entities: analysis.entities.clone(),
    };
    surname_only_introductions(&article.text, &linked)
        .into_iter()
        .filter_map(|found| {
            let message = format!(
                "“{}” is introduced by surname only: readers need a first name or role at first mention",
                found.surname
            );
            Diagnostic::new(diagnostics::SURNAME_ONLY, config, found.range, message)
        })
        .collect()
}

fn claim_diagnostics(article: &Article, config: &Config) -> Vec<Diagnostic> {
    let analysis = &article.analysis;
    let mut found = Vec::new();
    for claim in &analysis.claims {
        let excerpt = excerpt(&article.text[claim.range.clone()]);
        match claim.kind {
            ClaimKind::Vague => {
                let text_of = |r: &std::ops::Range<usize>| article.text[r.clone()].to_string();
                let message = match (
                    claim.speaker.as_ref().map(text_of),
                    claim.cue.as_ref().map(text_of),
                ) {
                    (Some(source), _) => {
                        format!(
                            "vague source “{source}”: no identifiable person or organisation backs “{excerpt}”"
                        )
                    }
                    (None, Some(cue)) => {
                        format!("no identifiable source for “{excerpt}” (reported with “{cue}”)")
                    }
                    (None, None) => format!("no identifiable source for “{excerpt}”"),
                };
                found.extend(Diagnostic::new(
                    diagnostics::VAGUE_SOURCE,
                    config,
                    claim.range.clone(),
                    message,
                ));
            }
            ClaimKind::Numeric if claim.speaker.is_none() => {
                let figures: Vec<String> = claim
                    .figures
                    .iter()
                    .map(crate::corpus::conflicts::describe)
                    .collect();
                found.extend(Diagnostic::new(
                    diagnostics::UNATTRIBUTED_CLAIM,
                    config,
                    claim.range.clone(),
                    format!("unattributed figure ({}): who says so?", figures.join(", ")),
                ));
            }
            _ => {}
        }
    }
    found
}

/// A claim's text shortened for a one-line message.
fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 60 {
        return text;
    }
    let cut: String = text.chars().take(57).collect();
    format!("{}…", cut.trim_end())
}

fn input_problem_diagnostic(
    problem: &InputProblem,
    article: &Article,
    config: &Config,
) -> Option<Diagnostic> {
    let (kind, range) = match problem {
        InputProblem::NotUtf8 { line, .. } => {
            let start = article
                .lines
                .line_range(&article.text, line.saturating_sub(1))
                .start;
            (diagnostics::NOT_UTF8, start..start)
        }
        InputProblem::Binary => (diagnostics::BINARY_FILE, 0..0),
        InputProblem::TooLarge { .. } => (diagnostics::FILE_TOO_LARGE, 0..0),
        InputProblem::Empty => (diagnostics::EMPTY_FILE, 0..0),
    };
    Diagnostic::new(kind, config, range, problem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn article(bytes: &[u8]) -> Article {
        Article::from_bytes(bytes, &Config::default(), &AnalysisContext::default())
    }

    #[test]
    fn annotations_set_all_at_once_teach_what_one_at_a_time_teaches() {
        use crate::analysis::model::EntityKind;
        use crate::annotations::store::{AnnotationSet, Status};
        let annotated = |text: &str, span: std::ops::Range<usize>| {
            let mut set = AnnotationSet::new(text);
            set.add_span(span, "PER", Status::Confirmed).unwrap();
            ArticleAnnotations::Loaded(set)
        };
        let texts = [
            ("a.txt", "Laut Jermak nichts.", 5..11),
            ("b.txt", "Olena Sel sprach.", 0..9),
        ];
        let mut one_at_a_time = Corpus::default();
        for (id, text, span) in texts.clone() {
            one_at_a_time.set_annotations(id, annotated(text, span));
        }
        let mut all_at_once = Corpus::default();
        let learned = all_at_once.set_all_annotations(
            texts.map(|(id, text, span)| (id.to_string(), annotated(text, span))),
        );
        let person = |name: &str| TaughtName {
            name: name.into(),
            kind: EntityKind::Person,
        };
        assert_eq!(learned, [person("Jermak"), person("Olena Sel")]);
        assert_eq!(all_at_once.taught_names, one_at_a_time.taught_names);
    }

    #[test]
    fn bad_input_gets_one_clear_diagnostic_each() {
        let mut corpus = Corpus::default();
        corpus.insert("latin1.txt", article(b"Zeile eins\nK\xf6ln\n"));
        corpus.insert("binary.txt", article(b"\x00\x01\x02"));
        corpus.insert("empty.txt", article(b""));
        corpus.insert(
            "ok.txt",
            article("Der Präsident sagte, dass die Lage ernst sei.".as_bytes()),
        );
        let latin1 = corpus.diagnostics("latin1.txt");
        assert_eq!(latin1.len(), 1);
        assert_eq!(latin1[0].code, "dossier.not-utf8");
        assert_eq!(latin1[0].severity, Severity::Error);
        assert_eq!(latin1[0].range, 11..11, "points at the start of line 2");
        assert_eq!(
            corpus.diagnostics("binary.txt")[0].code,
            "dossier.binary-file"
        );
        assert_eq!(
            corpus.diagnostics("empty.txt")[0].code,
            "dossier.empty-file"
        );
        assert!(
            corpus
                .diagnostics("ok.txt")
                .iter()
                .all(|d| !d.code.contains("utf8"))
        );
    }

    #[test]
    fn too_large_files_are_skipped_with_a_warning() {
        let mut config = Config::default();
        config.max_file_size = 10;
        let mut corpus = Corpus::new(config.clone());
        let big = Article::from_bytes(
            b"Ein langer Artikel ohne Ende",
            &config,
            &AnalysisContext::default(),
        );
        assert!(big.text.is_empty());
        corpus.insert("big.txt", big);
        let found = corpus.diagnostics("big.txt");
        assert_eq!(found[0].code, "dossier.file-too-large");
        assert_eq!(found[0].severity, Severity::Warning);
    }
}
