//! Dossier's settings: `dossier.toml` at the workspace root, or the same keys sent by the
//! editor (`initializationOptions`, `workspace/didChangeConfiguration`).
//!
//! Settings come in layers: defaults, then the editor's settings, then `dossier.toml`
//! (the project's file is what the whole newsroom shares, so it has the last word).
//! A malformed layer is reported with its line and ignored as a whole, so a half-read
//! file never produces surprising settings.

use crate::diagnostics::{DiagnosticKind, Severity, kind_by_code};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const CONFIG_FILE_NAME: &str = "dossier.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;

/// Which recognisers run on an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSetting {
    /// Detect per article.
    #[default]
    Auto,
    #[serde(alias = "de")]
    German,
    #[serde(alias = "en")]
    English,
}

/// One layer of settings as written; every key optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct ConfigLayer {
    pub language: Option<LanguageSetting>,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub max_file_size: Option<u64>,
    /// Knowledge-base TOML files, relative to the workspace root.
    pub knowledge_base: Option<Vec<PathBuf>>,
    /// Diagnostic code (with or without the `dossier.` prefix) → severity or "off".
    pub diagnostics: Option<BTreeMap<String, String>>,
}

/// The keys of [`ConfigLayer`], as written in dossier.toml and editor settings.
const SETTING_KEYS: &[&str] = &[
    "language",
    "include",
    "exclude",
    "max_file_size",
    "knowledge_base",
    "diagnostics",
];

/// The settings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub language: LanguageSetting,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    pub knowledge_base: Vec<PathBuf>,
    severities: BTreeMap<&'static str, Option<Severity>>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            language: LanguageSetting::Auto,
            include: vec!["**/*.txt".into(), "**/*.md".into()],
            exclude: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            knowledge_base: Vec::new(),
            severities: BTreeMap::new(),
        }
    }
}

/// A setting that could not be read, with the 1-based line it is on (when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: Option<usize>,
    pub message: String,
}

impl Config {
    /// The severity a diagnostic kind has under these settings; `None` when switched off.
    pub fn severity_of(&self, kind: DiagnosticKind) -> Option<Severity> {
        self.severities
            .get(kind.code)
            .copied()
            .unwrap_or(kind.default_severity)
    }

    /// Applies a layer on top of these settings. The layer is checked first: when any of it
    /// is invalid nothing of it is applied.
    pub fn apply(&mut self, layer: &ConfigLayer) -> Result<(), ConfigError> {
        let mut severities = self.severities.clone();
        for (code, value) in layer.diagnostics.iter().flatten() {
            let kind = kind_by_code(code).ok_or_else(|| ConfigError {
                line: None,
                message: format!("unknown diagnostic `{code}` in [diagnostics]"),
            })?;
            let severity = Severity::parse_setting(value).map_err(|message| ConfigError {
                line: None,
                message: format!("{code}: {message}"),
            })?;
            severities.insert(kind.code, severity);
        }
        let include = layer
            .include
            .clone()
            .unwrap_or_else(|| self.include.clone());
        let exclude = layer
            .exclude
            .clone()
            .unwrap_or_else(|| self.exclude.clone());
        for glob in include.iter().chain(&exclude) {
            globset::Glob::new(glob).map_err(|e| ConfigError {
                line: None,
                message: format!("bad glob `{glob}`: {e}"),
            })?;
        }
        self.severities = severities;
        self.include = include;
        self.exclude = exclude;
        self.language = layer.language.unwrap_or(self.language);
        self.max_file_size = layer.max_file_size.unwrap_or(self.max_file_size);
        if let Some(paths) = &layer.knowledge_base {
            self.knowledge_base = paths.clone();
        }
        Ok(())
    }

    /// Whether a path (relative to the workspace root, `/`-separated) is an article.
    pub fn is_article_path(&self, relative: &str) -> bool {
        let matches = |globs: &[String]| {
            globs.iter().any(|g| {
                globset::GlobBuilder::new(g)
                    .literal_separator(false)
                    .build()
                    .map(|g| g.compile_matcher().is_match(relative))
                    .unwrap_or(false)
            })
        };
        matches(&self.include) && !matches(&self.exclude)
    }
}

/// Parses `dossier.toml` text into a layer; errors carry the line of the offending key.
pub fn parse_toml_layer(text: &str) -> Result<ConfigLayer, ConfigError> {
    let layer: ConfigLayer = toml::from_str(text).map_err(|error| ConfigError {
        line: error.span().map(|span| line_of_offset(text, span.start)),
        message: error.message().trim().to_string(),
    })?;
    // Re-check what serde cannot (codes, severities, globs) so the error has a line too.
    Config::default().apply(&layer).map_err(|mut error| {
        error.line = line_mentioning(text, &error.message);
        error
    })?;
    Ok(layer)
}

/// Parses settings sent by an editor as JSON. `null` or `{}` is an empty layer; editors
/// often wrap settings in a `dossier` object, which is accepted too.
///
/// Editors mix their own keys into what they send (`server.path`, `trace.server`,
/// `positionEncoding`), so keys Dossier does not know are left out here rather than
/// spoiling the whole block; only the known keys must be valid.
pub fn parse_json_layer(value: &serde_json::Value) -> Result<ConfigLayer, ConfigError> {
    let value = value.get("dossier").unwrap_or(value);
    let known: serde_json::Map<String, serde_json::Value> = match value {
        serde_json::Value::Null => return Ok(ConfigLayer::default()),
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(key, _)| SETTING_KEYS.contains(&key.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => {
            return Err(ConfigError {
                line: None,
                message: "settings must be an object".into(),
            });
        }
    };
    let layer: ConfigLayer =
        serde_json::from_value(serde_json::Value::Object(known)).map_err(|e| ConfigError {
            line: None,
            message: e.to_string(),
        })?;
    Config::default().apply(&layer)?;
    Ok(layer)
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The first line that contains the quoted name an error message mentions (`unknown
/// diagnostic `foo``), so semantic errors point at their key like syntax errors do.
fn line_mentioning(text: &str, message: &str) -> Option<usize> {
    let quoted = message.split('`').nth(1).filter(|s| !s.is_empty());
    let key = quoted.unwrap_or_else(|| message.split(':').next().unwrap_or(message));
    text.lines()
        .position(|line| line.contains(key))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{UNREVIEWED, VAGUE_SOURCE};

    #[test]
    fn reads_every_key() {
        let layer = parse_toml_layer(
            "language = \"de\"\ninclude = [\"articles/**/*.txt\"]\nexclude = [\"drafts/**\"]\n\
             max_file_size = 1000\nknowledge_base = [\"kb/people.toml\"]\n\
             [diagnostics]\nvague-source = \"off\"\n\"dossier.unreviewed\" = \"hint\"\n",
        )
        .unwrap();
        let mut config = Config::default();
        config.apply(&layer).unwrap();
        assert_eq!(config.language, LanguageSetting::German);
        assert_eq!(config.max_file_size, 1000);
        assert_eq!(config.knowledge_base, vec![PathBuf::from("kb/people.toml")]);
        assert_eq!(config.severity_of(VAGUE_SOURCE), None);
        assert_eq!(config.severity_of(UNREVIEWED), Some(Severity::Hint));
        assert!(config.is_article_path("articles/2025/paris.txt"));
        assert!(!config.is_article_path("drafts/x.txt"));
        assert!(!config.is_article_path("notes.md"));
    }

    #[test]
    fn syntax_errors_point_at_their_line() {
        let error = parse_toml_layer("language = \"de\"\nmax_file_size = \"big\"\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        let error = parse_toml_layer("\n\nlanguage = [\n").unwrap_err();
        assert!(error.line.is_some());
        let error = parse_toml_layer("colour = 1\n").unwrap_err();
        assert_eq!(error.line, Some(1));
        assert!(error.message.contains("colour"), "{}", error.message);
    }

    #[test]
    fn semantic_errors_point_at_their_line_and_apply_nothing() {
        let text = "[diagnostics]\nvague-source = \"off\"\nno-such-check = \"off\"\n";
        let error = parse_toml_layer(text).unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("no-such-check"));
        let error = parse_toml_layer("[diagnostics]\nvague-source = \"loud\"\n").unwrap_err();
        assert_eq!(error.line, Some(2));
    }

    #[test]
    fn editor_settings_may_be_wrapped() {
        let value = serde_json::json!({"dossier": {"diagnostics": {"vague-source": "error"}}});
        let mut config = Config::default();
        config.apply(&parse_json_layer(&value).unwrap()).unwrap();
        assert_eq!(config.severity_of(VAGUE_SOURCE), Some(Severity::Error));
        assert!(parse_json_layer(&serde_json::json!({"max_file_size": "x"})).is_err());
        let mixed = serde_json::json!({"server": {"path": "dossier"}, "positionEncoding": "utf-8", "language": "de"});
        assert_eq!(
            parse_json_layer(&mixed).unwrap().language,
            Some(LanguageSetting::German)
        );
        assert_eq!(
            parse_json_layer(&serde_json::Value::Null).unwrap(),
            ConfigLayer::default()
        );
    }
}
