//! The annotation files of the corpus's articles: loading them beside each article, the
//! decisions they give the analysis, the names they teach the whole workspace, and the
//! diagnostics about them (unreadable file, annotation text changed, unreviewed).

use crate::analysis::ArticleAnalysis;
use crate::analysis::decisions::{ArticleDecisions, DecidedSpan, TaughtName};
use crate::annotations::{self, AnnError, AnnotationSet, Label, Status};
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic, Severity};
use std::path::{Path, PathBuf};

/// An article's `.ann` file as loaded.
#[derive(Debug, Clone)]
pub enum ArticleAnnotations {
    Loaded(AnnotationSet),
    /// The file could not be used: it is never written while in this state.
    Unreadable {
        path: PathBuf,
        error: AnnError,
    },
}

/// `NAME.ann` beside `NAME.txt`.
pub fn ann_path_for(article: &Path) -> PathBuf {
    article.with_extension("ann")
}

/// Loads the `.ann` beside an article (an empty set when there is none) and re-anchors
/// annotations whose text no longer matches (the article changed while nobody watched).
pub fn load_for(article_path: &Path, text: &str) -> ArticleAnnotations {
    let path = ann_path_for(article_path);
    match annotations::load(&path, text) {
        Ok(mut set) => {
            let mismatched = set
                .annotations()
                .iter()
                .any(|a| a.anchor == annotations::AnchorState::Mismatch);
            if mismatched {
                annotations::reanchor(&mut set, text);
            }
            ArticleAnnotations::Loaded(set)
        }
        Err(error) => ArticleAnnotations::Unreadable { path, error },
    }
}

impl ArticleAnnotations {
    pub fn set(&self) -> Option<&AnnotationSet> {
        match self {
            ArticleAnnotations::Loaded(set) => Some(set),
            ArticleAnnotations::Unreadable { .. } => None,
        }
    }

    pub fn set_mut(&mut self) -> Option<&mut AnnotationSet> {
        match self {
            ArticleAnnotations::Loaded(set) => Some(set),
            ArticleAnnotations::Unreadable { .. } => None,
        }
    }

    /// What the analysis must obey, when the set was made on `text` (otherwise it is out of
    /// step with the text and its offsets mean nothing).
    pub fn decisions(&self, text: &str) -> ArticleDecisions {
        let Some(set) = self.set().filter(|s| s.text() == text) else {
            return ArticleDecisions::default();
        };
        let mut decisions = ArticleDecisions::default();
        for a in set.annotations() {
            let Label::Entity(kind) = a.label else {
                continue;
            };
            if !a.anchor.is_placed() {
                continue;
            }
            let Some(range) = a.covering_range() else {
                continue;
            };
            match a.status {
                Status::Rejected => decisions.rejected.push(range),
                Status::Confirmed | Status::Added => decisions.spans.push(DecidedSpan {
                    range,
                    kind,
                    link: a.link.clone(),
                }),
            }
        }
        decisions
    }

    /// Names confirmed or added here (one word at least three letters long, or several), which
    /// the whole workspace then recognises.
    pub fn taught_names(&self) -> Vec<TaughtName> {
        let Some(set) = self.set() else {
            return Vec::new();
        };
        set.annotations()
            .into_iter()
            .filter(|a| a.status != Status::Rejected && a.anchor.is_placed())
            .filter_map(|a| match a.label {
                Label::Entity(kind) if kind != crate::analysis::model::EntityKind::Role => {
                    let range = a.covering_range()?;
                    let name = set.text().get(range)?.to_string();
                    (name.chars().filter(|c| c.is_alphabetic()).count() >= 3
                        && !name.contains('\n'))
                    .then_some(TaughtName { name, kind })
                }
                _ => None,
            })
            .collect()
    }

    /// Diagnostics on the article: its annotations could not be read, need attention, or (when
    /// switched on) automatic findings nobody has confirmed.
    pub fn diagnostics(&self, analysis: &ArticleAnalysis, config: &Config) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let set = match self {
            ArticleAnnotations::Unreadable { path, error } => {
                let name = path.file_name().map_or(path.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                found.extend(
                    Diagnostic::new(
                        diagnostics::ANNOTATION_FILE,
                        config,
                        0..0,
                        format!(
                            "this article's annotations could not be read ({name}, {error}); \
                             they are not shown and the file is left untouched"
                        ),
                    )
                    .map(|mut d| {
                        d.severity = Severity::Hint;
                        d
                    }),
                );
                return found;
            }
            ArticleAnnotations::Loaded(set) => set,
        };
        for a in set.needing_attention() {
            let (range, message) = match a.covering_range() {
                Some(range) => (
                    range,
                    format!(
                        "annotation text changed: {} {} was made on “{}”; confirm it to accept the new text",
                        a.id, a.label_text, a.quote
                    ),
                ),
                None => (
                    0..0,
                    format!(
                        "annotation could not be placed: {} {} “{}” is no longer in the text (kept in the file)",
                        a.id, a.label_text, a.quote
                    ),
                ),
            };
            found.extend(Diagnostic::new(
                diagnostics::ANNOTATION_CHANGED,
                config,
                range,
                message,
            ));
        }
        if config.severity_of(diagnostics::UNREVIEWED).is_some() {
            found.extend(unreviewed(set, analysis, config));
        }
        found
    }
}

/// Automatic mentions and claims without a person's decision at their exact span.
fn unreviewed(set: &AnnotationSet, analysis: &ArticleAnalysis, config: &Config) -> Vec<Diagnostic> {
    let decided = |range: &std::ops::Range<usize>| set.at_range(range).is_some();
    let mut found = Vec::new();
    for m in &analysis.mentions {
        if m.derived || decided(&m.range) {
            continue;
        }
        let entity = &analysis.entities[m.entity];
        found.extend(Diagnostic::new(
            diagnostics::UNREVIEWED,
            config,
            m.range.clone(),
            format!("unreviewed {}: {}", m.kind.label(), entity.name),
        ));
    }
    for c in &analysis.claims {
        if decided(&c.range) {
            continue;
        }
        found.extend(Diagnostic::new(
            diagnostics::UNREVIEWED,
            config,
            c.range.clone(),
            format!("unreviewed {} claim", c.kind.label()),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::model::EntityKind;

    #[test]
    fn decisions_follow_the_status_and_type_a_person_gave() {
        let text = "Laut Jermak sagte Kiew nichts.";
        let mut set = AnnotationSet::new(text);
        let jermak = set.add_span(5..11, "PER", Status::Confirmed).unwrap();
        set.add_span(18..22, "LOC", Status::Rejected).unwrap();
        set.link(&jermak, "dossier:andrij-jermak", None).unwrap();
        let annotations = ArticleAnnotations::Loaded(set);
        let decisions = annotations.decisions(text);
        assert_eq!(
            decisions.spans,
            vec![DecidedSpan {
                range: 5..11,
                kind: EntityKind::Person,
                link: Some("dossier:andrij-jermak".into()),
            }]
        );
        assert_eq!(decisions.rejected.len(), 1);
        assert_eq!(decisions.rejected[0], 18..22);
        assert_eq!(
            annotations.taught_names(),
            vec![TaughtName {
                name: "Jermak".into(),
                kind: EntityKind::Person
            }]
        );
        // A set out of step with the text decides nothing.
        assert!(annotations.decisions("anderer Text").is_empty());
    }

    #[test]
    fn an_unusable_file_is_reported_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let text = "Der Text.";
        std::fs::write(
            dir.path().join("a.ann"),
            "T1\tPER 0 3\tDer\nT2\tPER zwei drei\tx\n",
        )
        .unwrap();
        match load_for(&article, text) {
            ArticleAnnotations::Unreadable { error, .. } => assert_eq!(error.line, Some(2)),
            other => panic!("{other:?}"),
        }
    }
}
