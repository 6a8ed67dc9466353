//! The server's state behind one lock: settings, open documents and the corpus. The lock
//! is a std mutex and is never held across an `.await`.

use super::documents::OpenDocument;
use crate::config::{Config, ConfigError, ConfigLayer};
use crate::corpus::discover::{find_config_file, load_config_file, load_knowledge_base};
use crate::corpus::knowledge_base::KbError;
use crate::corpus::workspace::Corpus;
use crate::diagnostics::Diagnostic;
use crate::text::lines::Encoding;
use std::collections::HashMap;
use std::path::PathBuf;
use tower_lsp_server::ls_types::Uri;

#[derive(Debug, Default)]
pub struct State {
    pub encoding: Option<Encoding>,
    pub roots: Vec<PathBuf>,
    pub client_settings: ConfigLayer,
    pub config_file: Option<PathBuf>,
    pub config_error: Option<ConfigError>,
    pub kb_errors: Vec<KbError>,
    pub corpus: Corpus,
    pub open: HashMap<String, OpenDocument>,
    /// Open documents with a refresh scheduled that has not started yet.
    pub refresh_pending: std::collections::HashSet<String>,
    /// For open documents: the version whose analysis is in the corpus.
    pub analyzed_version: HashMap<String, i32>,
    /// What was last published per article (with the document version for open ones), so
    /// only changes are sent again.
    pub published: HashMap<String, (Option<i32>, Vec<Diagnostic>)>,
    pub supports_progress: bool,
    pub supports_watch_registration: bool,
    /// `.ann` files that have diagnostics published (unreadable), so they are cleared once fixed.
    pub ann_files_published: std::collections::HashSet<String>,
}

impl State {
    pub fn encoding(&self) -> Encoding {
        self.encoding.unwrap_or(Encoding::Utf16)
    }

    /// Recomputes the settings from the client's layer and `dossier.toml` in the first root.
    pub fn reload_config(&mut self) {
        let mut config = Config::default();
        let mut error = None;
        if let Err(e) = config.apply(&self.client_settings) {
            error = Some(ConfigError {
                line: None,
                message: format!("editor settings: {}", e.message),
            });
        }
        self.config_file = self.roots.first().and_then(|root| find_config_file(root));
        if let Some(file) = &self.config_file {
            let (loaded, file_error) = load_config_file(file, config.clone());
            config = loaded;
            error = file_error.or(error);
        }
        self.config_error = error;
        let root = self.roots.first().cloned().unwrap_or_default();
        let (knowledge_base, kb_errors) = load_knowledge_base(&root, &config);
        self.kb_errors = kb_errors;
        self.corpus.knowledge_base = std::sync::Arc::new(knowledge_base);
        self.corpus.config = config;
    }

    /// The root a path belongs to, if any.
    pub fn root_of(&self, path: &std::path::Path) -> Option<&PathBuf> {
        self.roots
            .iter()
            .filter(|root| path.starts_with(root))
            .max_by_key(|r| r.as_os_str().len())
    }
}

/// The corpus id of a document: its URI, normalised through the file path for `file:`
/// URIs so that the editor's spelling (`%C3%BC` or `ü`) and ours agree.
pub fn article_id(uri: &Uri) -> String {
    uri.to_file_path()
        .and_then(|path| Uri::from_file_path(path.as_ref()))
        .map(|u| u.to_string())
        .unwrap_or_else(|| uri.to_string())
}

pub fn id_for_path(path: &std::path::Path) -> Option<String> {
    Uri::from_file_path(path).map(|u| u.to_string())
}

pub fn uri_of(id: &str) -> Option<Uri> {
    id.parse().ok()
}
