//! Loading the articles named on a command line into a corpus.

use crate::config::{CONFIG_FILE_NAME, Config, ConfigError};
use crate::corpus::annotations::load_for;
use crate::corpus::discover::{
    find_articles, find_config_file, load_config_file, load_knowledge_base,
};
use crate::corpus::workspace::{Article, Corpus};
use crate::text::decode::decode_article;
use std::path::{Path, PathBuf};

/// The corpus of a CLI run, with the problems met while building it.
pub struct LoadedCorpus {
    pub corpus: Corpus,
    /// The settings file in force and its error, if it has one.
    pub config_error: Option<(PathBuf, ConfigError)>,
    /// Problems in knowledge-base files, by file.
    pub kb_errors: Vec<(PathBuf, ConfigError)>,
    /// Paths that could not be read at all (missing, permission denied).
    pub io_errors: Vec<(PathBuf, std::io::Error)>,
}

/// Reads every article under `paths` (the current folder when empty) with the person's
/// decisions from the `.ann` file beside each. Article ids are the paths as the user would
/// write them, so output can be pasted back into a shell.
pub fn load_paths(paths: &[PathBuf]) -> LoadedCorpus {
    load_paths_with(paths, Annotations::Obeyed)
}

/// Whether the analysis obeys the `.ann` files beside the articles. `dossier eval` measures
/// the analysis against them, so it must not see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Annotations {
    Obeyed,
    Ignored,
}

pub fn load_paths_with(paths: &[PathBuf], annotations: Annotations) -> LoadedCorpus {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let config_file = find_config_file(&paths[0]);
    let (config, config_error) = match &config_file {
        Some(file) => {
            let (config, error) = load_config_file(file, Config::default());
            (config, error.map(|e| (display_path(file), e)))
        }
        None => (Config::default(), None),
    };
    // Knowledge-base paths are relative to the folder of dossier.toml.
    let root = config_file
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let (knowledge_base, kb_errors) = load_knowledge_base(&root, &config);
    let mut corpus = Corpus::new(config);
    corpus.knowledge_base = std::sync::Arc::new(knowledge_base);
    let mut io_errors = Vec::new();
    let mut read: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for path in &paths {
        let files = if path.is_dir() {
            find_articles(path, &corpus.config)
        } else {
            vec![path.clone()]
        };
        for file in files {
            match std::fs::read(&file) {
                Ok(bytes) => read.push((file, bytes)),
                Err(error) => io_errors.push((file, error)),
            }
        }
    }
    // Every article's decisions first: names confirmed in one are recognised in all.
    if annotations == Annotations::Obeyed {
        let loaded: Vec<_> = read
            .iter()
            .filter_map(|(file, bytes)| {
                let text = decode_article(bytes, corpus.config.max_file_size).ok()?;
                let id = display_path(file).to_string_lossy().into_owned();
                Some((id, load_for(file, text)))
            })
            .collect();
        corpus.set_all_annotations(loaded);
    }
    for (file, bytes) in read {
        let id = display_path(&file).to_string_lossy().into_owned();
        let text = decode_article(&bytes, corpus.config.max_file_size).unwrap_or("");
        let context = corpus.analysis_context_for(&id, text);
        let article = Article::from_bytes(&bytes, &corpus.config, &context);
        corpus.insert(id, article);
    }
    let kb_errors = kb_errors
        .into_iter()
        .map(|e| {
            let error = ConfigError {
                line: (e.line > 0).then_some(e.line),
                message: e.message,
            };
            (display_path(&e.path), error)
        })
        .collect();
    LoadedCorpus {
        corpus,
        config_error,
        kb_errors,
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
