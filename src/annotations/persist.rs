//! Reading and writing an article's `.ann` file: atomic writes, and never over a file that
//! could not be loaded or that changed on disk since.

use super::AnnError;
use super::brat::{self, Attribute, BratDocument, BratLine, CharSpan};
use super::offsets::bytes_to_chars;
use super::store::{ANCHOR_ATTRIBUTE, AnnotationSet, highest_id_number, span_text};
use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The `.ann` file a set was loaded from and what it held then, so that saving never
/// overwrites a file that changed (or broke) on disk since.
#[derive(Debug, Clone)]
pub(super) struct BoundFile {
    pub(super) path: PathBuf,
    /// `None` when the file did not exist.
    content_at_load: Option<String>,
}

/// Reads `ann_path` for the article `article_text`. A missing file is an empty set that will
/// create the file when saved. A file that cannot be read, parsed or checked is an error with
/// its line; there is no set for it, so nothing can overwrite it.
pub fn load(ann_path: &Path, article_text: &str) -> Result<AnnotationSet, AnnError> {
    let content = match std::fs::read(ann_path) {
        Ok(bytes) => Some(String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            let line = bytes[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            AnnError::at(line, "the file is not valid UTF-8")
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(AnnError::file(format!(
                "cannot read {}: {e}",
                ann_path.display()
            )));
        }
    };
    let mut set = match &content {
        Some(content) => AnnotationSet::from_brat(content, article_text)?,
        None => AnnotationSet::new(article_text),
    };
    set.file = Some(BoundFile {
        path: ann_path.to_path_buf(),
        content_at_load: content,
    });
    Ok(set)
}

impl AnnotationSet {
    /// The document as it would be written now: placed spans at their current offsets,
    /// unplaced ones exactly as last written, anchoring trouble as `Anchor` attributes.
    fn render(&self) -> BratDocument {
        let mut doc = self.doc.clone();
        // Every boundary converted in one pass over the text rather than one pass each.
        let boundaries: Vec<usize> = self
            .spans
            .values()
            .filter(|s| s.anchor.is_placed())
            .flat_map(|s| s.fragments.iter().flat_map(|f| [f.start, f.end]))
            .collect();
        let in_chars: HashMap<usize, usize> = boundaries
            .iter()
            .zip(bytes_to_chars(&self.text, &boundaries))
            .map(|(&byte, char)| (byte, char.expect("spans sit on character boundaries")))
            .collect();
        for line in &mut doc.lines {
            let BratLine::TextBound(t) = line else {
                continue;
            };
            let span = &self.spans[&t.id];
            if !span.anchor.is_placed() {
                continue;
            }
            t.fragments = span
                .fragments
                .iter()
                .map(|f| CharSpan {
                    start: in_chars[&f.start],
                    end: in_chars[&f.end],
                })
                .collect();
            if t.text.is_some() {
                t.text = Some(span_text(&self.text, &span.fragments));
            }
        }
        let mut wanted: BTreeMap<&str, &str> = self
            .spans
            .iter()
            .filter_map(|(id, s)| Some((id.as_str(), s.anchor.persisted_value()?)))
            .collect();
        doc.lines.retain_mut(|line| match line {
            BratLine::Attribute(a) if a.name == ANCHOR_ATTRIBUTE => {
                match wanted.remove(a.target.as_str()) {
                    Some(value) => {
                        a.value = Some(value.to_string());
                        true
                    }
                    None => false,
                }
            }
            _ => true,
        });
        let mut number = highest_id_number(&doc, 'A');
        for (target, value) in wanted {
            number += 1;
            doc.lines.push(BratLine::Attribute(Attribute {
                id: format!("A{number}"),
                name: ANCHOR_ATTRIBUTE.to_string(),
                target: target.to_string(),
                value: Some(value.to_string()),
                tail: None,
            }));
        }
        doc
    }

    /// The `.ann` text for the current state (export; `save` writes the same).
    pub fn to_brat_string(&self) -> String {
        brat::write(&self.render())
    }

    /// Writes the set to the `.ann` file it was loaded from, atomically (temporary file in the
    /// same folder, fsync, rename). Refuses when the set has no file or when the file on disk is
    /// no longer what was loaded (edited or broken elsewhere): reload first.
    pub fn save(&mut self) -> Result<(), AnnError> {
        let Some(file) = &self.file else {
            return Err(AnnError::file(
                "this annotation set was not loaded from a file; use `load` to get one that saves",
            ));
        };
        let on_disk = match std::fs::read(&file.path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(AnnError::file(format!(
                    "cannot read {}: {e}",
                    file.path.display()
                )));
            }
        };
        if on_disk.as_deref() != file.content_at_load.as_deref().map(str::as_bytes) {
            return Err(AnnError::file(format!(
                "{} changed on disk since it was loaded; reload it before saving",
                file.path.display()
            )));
        }
        let rendered = self.render();
        let content = brat::write(&rendered);
        let nothing_to_create = file.content_at_load.is_none() && rendered.lines.is_empty();
        // An unchanged file is not rewritten: its watchers would see a change that is none.
        let unchanged = file.content_at_load.as_deref() == Some(content.as_str());
        if !nothing_to_create && !unchanged {
            write_atomically(&file.path, &content)?;
        }
        for span in self.spans.values_mut() {
            if span.anchor.is_placed() {
                span.reference = span_text(&self.text, &span.fragments);
            }
        }
        self.doc = rendered;
        let wrote_nothing = self.doc.lines.is_empty();
        if let Some(file) = &mut self.file {
            if !(file.content_at_load.is_none() && wrote_nothing) {
                file.content_at_load = Some(content);
            }
        }
        Ok(())
    }
}

fn write_atomically(path: &Path, content: &str) -> Result<(), AnnError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail =
        |e: &dyn std::fmt::Display| AnnError::file(format!("cannot write {}: {e}", path.display()));
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(|e| fail(&e))?;
    temporary
        .write_all(content.as_bytes())
        .map_err(|e| fail(&e))?;
    // The temporary file is private (0600); the .ann keeps the permissions it had, or gets the
    // usual ones, so that a brat server running as another user can still read it.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => Some(existing.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temporary
            .as_file()
            .set_permissions(permissions)
            .map_err(|e| fail(&e))?;
    }
    temporary.as_file().sync_all().map_err(|e| fail(&e))?;
    temporary.persist(path).map_err(|e| fail(&e.error))?;
    // Make the rename itself durable; not every platform can open a folder, so this is best
    // effort.
    if let Ok(folder) = std::fs::File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::Status;
    use crate::annotations::store::test_fixtures::*;

    #[test]
    fn saves_atomically_and_reloads_the_same_set() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("article.ann");
        std::fs::write(&path, sample_file()).unwrap();
        let mut set = load(&path, TEXT).unwrap();
        set.reject("T1").unwrap();
        set.save().unwrap();
        let reloaded = load(&path, TEXT).unwrap();
        assert_eq!(reloaded, set);
        assert_eq!(reloaded.get("T1").unwrap().status, Status::Rejected);
        // Only the article's own file is left in the folder: no temporary files.
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn does_not_rewrite_an_unchanged_file() {
        use std::os::unix::fs::MetadataExt;
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("article.ann");
        std::fs::write(&path, sample_file()).unwrap();
        let inode = std::fs::metadata(&path).unwrap().ino();
        let mut set = load(&path, TEXT).unwrap();
        set.save().unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().ino(), inode);
        set.reject("T5").unwrap();
        set.save().unwrap();
        assert_ne!(std::fs::metadata(&path).unwrap().ino(), inode);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_file_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("article.ann");
        let mut set = load(&path, TEXT).unwrap();
        set.add_span(byte_range(TEXT, "Kiew"), "LOC", Status::Added)
            .unwrap();
        set.save().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        let mut set = load(&path, TEXT).unwrap();
        set.reject("T1").unwrap();
        set.save().unwrap();
        assert_eq!(mode(&path), 0o664);
    }

    #[test]
    fn a_missing_file_is_created_on_first_save_only_when_needed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("new.ann");
        let mut set = load(&path, TEXT).unwrap();
        set.save().unwrap();
        assert!(!path.exists());
        set.add_span(byte_range(TEXT, "Kiew"), "LOC", Status::Added)
            .unwrap();
        set.save().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "T1\tLOC 78 82\tKiew\nA1\tStatus T1 Added\n"
        );
    }

    #[test]
    fn never_overwrites_a_file_that_failed_or_changed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("broken.ann");
        std::fs::write(&path, "T1\tPER 0 13\tAndrij Jermak\nT2\tPER x\n").unwrap();
        let error = load(&path, TEXT).unwrap_err();
        assert_eq!(error.line, Some(2));

        let good = folder.path().join("good.ann");
        std::fs::write(&good, sample_file()).unwrap();
        let mut set = load(&good, TEXT).unwrap();
        std::fs::write(&good, "T1\tPER 0 13\tbroken meanwhile\nT2\n").unwrap();
        set.reject("T1").unwrap();
        let error = set.save().unwrap_err();
        assert!(error.message.contains("changed on disk"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&good).unwrap(),
            "T1\tPER 0 13\tbroken meanwhile\nT2\n"
        );
        assert!(AnnotationSet::new(TEXT).save().is_err());
    }

    #[test]
    fn reports_invalid_utf8_with_its_line() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("latin1.ann");
        std::fs::write(&path, b"T1\tPER 0 6\tAndrij\nT2\tLOC 0 3\tK\xf6ln\n").unwrap();
        let error = load(&path, TEXT).unwrap_err();
        assert_eq!(error.line, Some(2));
    }
}
