//! Changes to the workspace's knowledge-base TOML made from the editor: a new `[[entity]]`
//! table appended at the end, an alias added to an entry. The file's other content is kept
//! byte for byte, and every result is parsed before it is written (atomically).

use super::knowledge_base::{KbEntity, KnowledgeBase};
use crate::analysis::model::EntityKind;
use std::path::Path;

/// A TOML basic string with escapes.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Appends an entity table to `path` (created when missing).
pub fn append_entity(path: &Path, id: &str, kind: EntityKind, name: &str) -> Result<(), String> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&format!(
        "[[entity]]\nid = {}\ntype = {}\nname = {}\n",
        quoted(id),
        quoted(kind.label()),
        quoted(name)
    ));
    write_checked(path, &text)
}

/// Adds `alias` to the entry's `aliases` (a one-line array), or adds the key.
pub fn add_alias(entity: &KbEntity, alias: &str) -> Result<(), String> {
    let path = &entity.source;
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let table = text
        .get(entity.source_range.clone())
        .ok_or_else(|| format!("{} changed since it was read", path.display()))?;
    let table_start = entity.source_range.start;
    let mut updated = None;
    let mut offset = table_start;
    for line in table.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("aliases") && trimmed.trim_end().ends_with(']') {
            let close = offset + line.trim_end().len() - 1;
            let inside = text[offset..close].trim_end();
            let separator = if inside.ends_with('[') { "" } else { ", " };
            updated = Some(format!(
                "{}{separator}{}{}",
                &text[..close],
                quoted(alias),
                &text[close..]
            ));
            break;
        }
        offset += line.len();
    }
    let updated = match updated {
        Some(updated) => updated,
        None => {
            // After the `[[entity]]` header line.
            let header_end = table.find('\n').map_or(text.len(), |i| table_start + i + 1);
            format!(
                "{}aliases = [{}]\n{}",
                &text[..header_end],
                quoted(alias),
                &text[header_end..]
            )
        }
    };
    write_checked(path, &updated)
}

/// Adds `knowledge_base = ["<file>"]` to a settings file that has no such key (at its top, so
/// it does not land in a table).
pub fn declare_in_config(config_path: &Path, kb_file: &str) -> Result<(), String> {
    let existing = match std::fs::read_to_string(config_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", config_path.display())),
    };
    let text = format!("knowledge_base = [{}]\n{existing}", quoted(kb_file));
    text.parse::<toml::Table>()
        .map_err(|e| format!("{} would not stay valid TOML: {e}", config_path.display()))?;
    write_atomically(config_path, &text)
}

fn write_checked(path: &Path, text: &str) -> Result<(), String> {
    let (_, errors) = KnowledgeBase::from_sources(&[(path.to_path_buf(), text.to_string())]);
    if let Some(error) = errors.first() {
        return Err(format!(
            "the change would break {} (line {}: {}); nothing was written",
            path.display(),
            error.line,
            error.message
        ));
    }
    write_atomically(path, text)
}

fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    file.as_file().sync_all().map_err(|e| e.to_string())?;
    file.persist(path).map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_entities_and_aliases_without_touching_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.toml");
        let original = "# people\n[[entity]]\nid = \"a\"\ntype = \"PER\"\nname = \"Anna Alt\"\n";
        std::fs::write(&path, original).unwrap();
        append_entity(&path, "bernd-bau", EntityKind::Person, "Bernd \"B\" Bau").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(original));
        let (kb, errors) = KnowledgeBase::load(&[&path]);
        assert!(errors.is_empty(), "{errors:?}");
        let bernd = kb.get("bernd-bau").unwrap().clone();
        assert_eq!(bernd.name, "Bernd \"B\" Bau");
        add_alias(&bernd, "Bau").unwrap();
        let (kb, _) = KnowledgeBase::load(&[&path]);
        assert_eq!(kb.get("bernd-bau").unwrap().aliases, vec!["Bau"]);
        add_alias(kb.get("bernd-bau").unwrap(), "B. Bau").unwrap();
        let (kb, _) = KnowledgeBase::load(&[&path]);
        assert_eq!(kb.get("bernd-bau").unwrap().aliases, vec!["Bau", "B. Bau"]);
        assert_eq!(kb.get("a").unwrap().name, "Anna Alt");
    }
}
