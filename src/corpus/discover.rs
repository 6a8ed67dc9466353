//! Finding a workspace's articles and settings on disk. Shared by `dossier check` and the
//! language server's workspace indexing, so both see the same files.

use crate::config::{CONFIG_FILE_NAME, Config, ConfigError, parse_toml_layer};
use crate::corpus::knowledge_base::{KbError, KnowledgeBase};
use std::path::{Path, PathBuf};

/// Every article under `root` that the settings include, honouring `.gitignore` files
/// (also outside a git repository) and skipping hidden folders, in path order.
pub fn find_articles(root: &Path, config: &Config) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(|entry| entry.into_path())
        .filter(|path| is_article(root, path, config))
        .collect();
    found.sort();
    found
}

/// Whether a file under `root` is an article by the include/exclude globs.
pub fn is_article(root: &Path, path: &Path, config: &Config) -> bool {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let relative = relative.to_string_lossy().replace('\\', "/");
    config.is_article_path(&relative)
}

/// The settings file that governs a path: `dossier.toml` in it (if a folder) or the
/// nearest ancestor folder that has one.
pub fn find_config_file(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent()?.to_path_buf()
    };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads a settings file over the defaults. On error the defaults stay in force and the
/// error (with its line) is returned for a diagnostic.
pub fn load_config_file(path: &Path, base: Config) -> (Config, Option<ConfigError>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            return (
                base,
                Some(ConfigError {
                    line: None,
                    message: format!("cannot read: {e}"),
                }),
            );
        }
    };
    let mut config = base;
    match parse_toml_layer(&text).and_then(|layer| config.apply(&layer)) {
        Ok(()) => (config, None),
        Err(error) => (config, Some(error)),
    }
}

/// Reads the knowledge-base files the settings name, relative to the workspace root.
pub fn load_knowledge_base(root: &Path, config: &Config) -> (KnowledgeBase, Vec<KbError>) {
    let paths: Vec<PathBuf> = config.knowledge_base.iter().map(|p| root.join(p)).collect();
    KnowledgeBase::load(&paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_articles_and_honours_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join("drafts")).unwrap();
        for file in [
            "one.txt",
            "a/two.md",
            "a/b/three.txt",
            "drafts/four.txt",
            "image.png",
            "a/notes.rs",
        ] {
            std::fs::write(root.join(file), "Text").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "drafts/\n").unwrap();
        let found: Vec<_> = find_articles(root, &Config::default())
            .into_iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["a/b/three.txt", "a/two.md", "one.txt"]);
    }

    #[test]
    fn config_file_is_found_upwards_and_errors_keep_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("x/y")).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE_NAME),
            "max_file_size = 12\nlanguage = 5\n",
        )
        .unwrap();
        let found = find_config_file(&dir.path().join("x/y")).unwrap();
        assert!(found.ends_with(CONFIG_FILE_NAME));
        let (config, error) = load_config_file(&found, Config::default());
        assert_eq!(config, Config::default());
        assert_eq!(error.unwrap().line, Some(2));
    }
}
