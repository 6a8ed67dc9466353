//! Loading the articles named on a command line into a corpus.

use crate::analysis::AnalysisContext;
use crate::config::{CONFIG_FILE_NAME, Config, ConfigError};
use crate::corpus::discover::{find_articles, find_config_file, load_config_file};
use crate::corpus::workspace::{Article, Corpus};
use std::path::{Path, PathBuf};

/// The corpus of a CLI run, with the problems met while building it.
pub struct LoadedCorpus {
    pub corpus: Corpus,
    /// The settings file in force and its error, if it has one.
    pub config_error: Option<(PathBuf, ConfigError)>,
    /// Paths that could not be read at all (missing, permission denied).
    pub io_errors: Vec<(PathBuf, std::io::Error)>,
}

/// Reads every article under `paths` (the current folder when empty). Article ids are the
/// paths as the user would write them, so output can be pasted back into a shell.
pub fn load_paths(paths: &[PathBuf]) -> LoadedCorpus {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let (config, config_error) = match find_config_file(&paths[0]) {
        Some(file) => {
            let (config, error) = load_config_file(&file, Config::default());
            (config, error.map(|e| (display_path(&file), e)))
        }
        None => (Config::default(), None),
    };
    let context = AnalysisContext {
        language: config.language,
    };
    let mut corpus = Corpus::new(config);
    let mut io_errors = Vec::new();
    for path in &paths {
        let files = if path.is_dir() {
            find_articles(path, &corpus.config)
        } else {
            vec![path.clone()]
        };
        for file in files {
            match std::fs::read(&file) {
                Ok(bytes) => {
                    let article = Article::from_bytes(&bytes, &corpus.config, &context);
                    corpus.insert(display_path(&file).to_string_lossy(), article);
                }
                Err(error) => io_errors.push((file, error)),
            }
        }
    }
    LoadedCorpus {
        corpus,
        config_error,
        io_errors,
    }
}

/// A path without a leading `./`, relative to the current folder when it is inside it.
fn display_path(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().ok();
    let relative = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    relative.strip_prefix(".").unwrap_or(relative).to_path_buf()
}

pub fn is_config_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME)
}
