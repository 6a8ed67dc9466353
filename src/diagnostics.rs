//! Every diagnostic Dossier can emit: its code, default severity and what it means.
//! The CLI and the language server both print [`Diagnostic`]s made here, so the same
//! text gets the same diagnostics everywhere.

use crate::analysis::model::ByteRange;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    /// Parses a severity as written in dossier.toml; `None` means "off".
    pub fn parse_setting(value: &str) -> Result<Option<Severity>, String> {
        match value.to_ascii_lowercase().as_str() {
            "error" => Ok(Some(Severity::Error)),
            "warning" | "warn" => Ok(Some(Severity::Warning)),
            "information" | "info" => Ok(Some(Severity::Information)),
            "hint" => Ok(Some(Severity::Hint)),
            "off" | "none" | "false" => Ok(None),
            other => Err(format!(
                "unknown severity `{other}`: use error, warning, information, hint or off"
            )),
        }
    }
}

/// A kind of diagnostic: its code is what `dossier.toml`'s `[diagnostics]` table names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiagnosticKind {
    pub code: &'static str,
    /// `None`: off unless the configuration turns it on.
    pub default_severity: Option<Severity>,
    pub summary: &'static str,
}

macro_rules! kinds {
    ($($name:ident = $code:literal, $severity:expr, $summary:literal;)*) => {
        $(pub const $name: DiagnosticKind = DiagnosticKind { code: $code, default_severity: $severity, summary: $summary };)*
        /// Every kind, in the order the README lists them.
        pub const ALL_KINDS: &[DiagnosticKind] = &[$($name),*];
    };
}

kinds! {
    NOT_UTF8 = "dossier.not-utf8", Some(Severity::Error), "The file is not UTF-8 text.";
    BINARY_FILE = "dossier.binary-file", Some(Severity::Error), "The file is binary, not an article.";
    FILE_TOO_LARGE = "dossier.file-too-large", Some(Severity::Warning), "The file is over `max_file_size` and was skipped.";
    EMPTY_FILE = "dossier.empty-file", Some(Severity::Information), "The file has no text.";
    CONFIG_ERROR = "dossier.config", Some(Severity::Error), "dossier.toml or a knowledge-base file could not be read; defaults are used meanwhile.";
    ENGLISH_TEXT = "dossier.language", Some(Severity::Information), "The article is not German; German recognisers are not run on it.";
    SPELLING_VARIANT = "dossier.spelling-variant", Some(Severity::Warning), "One entity is spelled in different ways.";
    SURNAME_ONLY = "dossier.surname-only", Some(Severity::Hint), "A person is introduced by surname only, without first name or role.";
    UNATTRIBUTED_CLAIM = "dossier.unattributed-claim", Some(Severity::Information), "A numeric or factual claim has no source.";
    VAGUE_SOURCE = "dossier.vague-source", Some(Severity::Warning), "A claim's source is no identifiable person or organisation.";
    ROLE_CONFLICT = "dossier.role-conflict", Some(Severity::Warning), "An entity is given roles that cannot both hold at once.";
    FIGURE_CONFLICT = "dossier.figure-conflict", Some(Severity::Warning), "The same quantity about the same subject has different values.";
    SPEAKER_CONFLICT = "dossier.speaker-conflict", Some(Severity::Warning), "The same statement is attributed to different speakers.";
    ANNOTATION_FILE = "dossier.annotation-file", Some(Severity::Error), "An annotation (.ann) file could not be read; it is left untouched.";
    ANNOTATION_CHANGED = "dossier.annotation-changed", Some(Severity::Warning), "The text under an annotation changed or could not be found again.";
    UNREVIEWED = "dossier.unreviewed", None, "An automatic annotation nobody has confirmed yet.";
}

pub fn kind_by_code(code: &str) -> Option<DiagnosticKind> {
    let code = if code.starts_with("dossier.") {
        code.to_string()
    } else {
        format!("dossier.{code}")
    };
    ALL_KINDS.iter().copied().find(|kind| kind.code == code)
}

/// A place in another (or the same) article that explains a diagnostic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub article: String,
    pub range: ByteRange,
    pub message: String,
}

/// A text replacement that fixes a diagnostic, possibly across articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<FixEdit>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixEdit {
    pub article: String,
    pub range: ByteRange,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub range: ByteRange,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `kind` at its configured severity, or `None` when it is switched off.
    pub fn new(
        kind: DiagnosticKind,
        settings: &crate::config::Config,
        range: ByteRange,
        message: impl Into<String>,
    ) -> Option<Diagnostic> {
        let severity = settings.severity_of(kind)?;
        Some(Diagnostic {
            range,
            severity,
            code: kind.code,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        })
    }

    pub fn with_related(mut self, related: Vec<Related>) -> Diagnostic {
        self.related = related;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_found_with_or_without_prefix() {
        let mut codes: Vec<_> = ALL_KINDS.iter().map(|k| k.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL_KINDS.len());
        assert_eq!(kind_by_code("vague-source"), Some(VAGUE_SOURCE));
        assert_eq!(kind_by_code("dossier.unreviewed"), Some(UNREVIEWED));
        assert_eq!(kind_by_code("nonsense"), None);
    }
}
