//! Checks of a parsed `.ann` file beyond its syntax, so a file that brat itself would refuse is
//! never half-used.

use super::AnnError;
use super::brat::{BratDocument, BratLine};
use super::store::{ANCHOR_ATTRIBUTE, CLAIM_KIND_ATTRIBUTE, STATUS_ATTRIBUTE};
use std::collections::{HashMap, HashSet};

/// Checks what brat itself would refuse: duplicate ids, references to missing annotations,
/// Dossier attributes with values it does not know or given twice.
pub(super) fn check_document(doc: &BratDocument) -> Result<(), AnnError> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut text_bounds: HashSet<&str> = HashSet::new();
    for (index, line) in doc.lines.iter().enumerate() {
        let Some(id) = line.id() else { continue };
        if let BratLine::TextBound(t) = line {
            text_bounds.insert(&t.id);
        }
        // brat writes every equivalence with the id `*`.
        if id == "*" {
            continue;
        }
        if let Some(first) = ids.insert(id, index + 1) {
            return Err(AnnError::at(
                index + 1,
                format!("the id `{id}` is already used on line {first}"),
            ));
        }
    }
    let mut seen_attributes: HashMap<(&str, &str), usize> = HashMap::new();
    for (index, line) in doc.lines.iter().enumerate() {
        let number = index + 1;
        for target in line.references() {
            if !ids.contains_key(target) {
                return Err(AnnError::at(
                    number,
                    format!("`{target}` does not exist in this file"),
                ));
            }
        }
        let BratLine::Attribute(a) = line else {
            continue;
        };
        let allowed: &[&str] = match a.name.as_str() {
            STATUS_ATTRIBUTE => &["Confirmed", "Rejected", "Added"],
            ANCHOR_ATTRIBUTE => &["Changed", "Orphaned"],
            CLAIM_KIND_ATTRIBUTE => &["quote", "indirect", "reported", "numeric", "vague"],
            _ => continue,
        };
        if !text_bounds.contains(a.target.as_str()) {
            return Err(AnnError::at(
                number,
                format!("`{}` must point at a text annotation (T…)", a.name),
            ));
        }
        let value = a.value.as_deref().unwrap_or("");
        if !allowed.contains(&value) {
            return Err(AnnError::at(
                number,
                format!(
                    "`{}` must be one of {}, found `{value}`",
                    a.name,
                    allowed.join(", ")
                ),
            ));
        }
        if let Some(first) = seen_attributes.insert((a.name.as_str(), a.target.as_str()), number) {
            return Err(AnnError::at(
                number,
                format!(
                    "`{}` of `{}` is already given on line {first}",
                    a.name, a.target
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::annotations::AnnotationSet;
    use crate::annotations::store::test_fixtures::*;

    #[test]
    fn refuses_files_brat_would_refuse() {
        let cases = [
            (
                "T1\tPER 0 5\tAndri\nT1\tPER 0 5\tAndri\n",
                2,
                "already used on line 1",
            ),
            (
                "T1\tPER 0 6\tAndrij\nR1\tSource Arg1:T1 Arg2:T9\n",
                2,
                "`T9` does not exist",
            ),
            (
                "T1\tPER 0 6\tAndrij\nA1\tStatus T1 Maybe\n",
                2,
                "must be one of",
            ),
            (
                "T1\tPER 0 6\tAndrij\nA1\tStatus T1 Rejected\nA2\tStatus T1 Added\n",
                3,
                "already given",
            ),
            ("T1\tPER 900 905\n", 1, "past the end of the article"),
        ];
        for (file, line, needle) in cases {
            let error = AnnotationSet::from_brat(file, TEXT).unwrap_err();
            assert_eq!(error.line, Some(line), "{file:?}: {error}");
            assert!(error.message.contains(needle), "{file:?}: {error}");
        }
    }
}
