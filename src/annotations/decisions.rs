//! What a person decides about an annotation, recorded as brat lines (see [`super::store`] for
//! how each looks in the file).

use super::AnnError;
use super::brat::sanitize_field;
use super::brat::{Argument, BratLine, CharSpan, Normalization, Note, Relation, TextBound};
use super::offsets::byte_to_char;
use super::store::{
    AnchorState, AnnotationSet, CLAIM_KIND_ATTRIBUTE, CUE_RELATION, LINK_KIND, NOTE_KIND,
    SPEAKER_RELATION, STATUS_ATTRIBUTE, SpanState, Status, span_text,
};
use crate::analysis::model::{ByteRange, ClaimKind};

impl AnnotationSet {
    /// A person confirms the annotation: a rejected one becomes confirmed (an added one stays
    /// added), and a changed text is accepted as the annotation's text from now on. Refused for
    /// an annotation without a place in the text (mismatched or orphaned): nothing to confirm.
    pub fn confirm(&mut self, id: &str) -> Result<(), AnnError> {
        self.require(id)?;
        if !self.spans[id].anchor.is_placed() {
            return Err(AnnError::file(format!(
                "`{id}` has no place in the current text (its text was deleted or not found); \
                 reject it or mark the text again"
            )));
        }
        if self.status_of(id) == Status::Rejected {
            self.set_attribute(id, STATUS_ATTRIBUTE, Status::Confirmed.brat_value());
        }
        let span = self.spans.get_mut(id).expect("checked above");
        if span.anchor == AnchorState::Changed {
            span.reference = span_text(&self.text, &span.fragments);
            span.anchor = AnchorState::Anchored;
        }
        Ok(())
    }

    /// "Not an entity/claim here": kept in the file so the analysis never suggests it again.
    pub fn reject(&mut self, id: &str) -> Result<(), AnnError> {
        self.require(id)?;
        self.set_attribute(id, STATUS_ATTRIBUTE, Status::Rejected.brat_value());
        Ok(())
    }

    /// Changes the type (`PER`, `ORG`, `Claim`, …).
    pub fn retype(&mut self, id: &str, label: &str) -> Result<(), AnnError> {
        check_word("type", label)?;
        self.text_bound_mut(id)?.label = label.to_string();
        Ok(())
    }

    /// Links the annotation to `Wikidata:Q…` or `dossier:<id>`, replacing an earlier link.
    pub fn link(&mut self, id: &str, reference: &str, name: Option<&str>) -> Result<(), AnnError> {
        self.require(id)?;
        check_word("reference", reference)?;
        if !reference.contains(':') {
            return Err(AnnError::file(format!(
                "`{reference}` is not a reference of the form `Database:Key`"
            )));
        }
        let name = name.map(sanitize_field);
        for line in &mut self.doc.lines {
            match line {
                BratLine::Normalization(n) if n.target == id => {
                    n.reference = reference.to_string();
                    n.name = name;
                    return Ok(());
                }
                _ => {}
            }
        }
        let new_id = self.next_id('N');
        self.doc.lines.push(BratLine::Normalization(Normalization {
            id: new_id,
            kind: LINK_KIND.to_string(),
            target: id.to_string(),
            reference: reference.to_string(),
            name,
        }));
        Ok(())
    }

    /// Sets the annotator note (line breaks become spaces, as brat stores notes on one line).
    pub fn set_note(&mut self, id: &str, note: &str) -> Result<(), AnnError> {
        self.require(id)?;
        let note = sanitize_field(note);
        for line in &mut self.doc.lines {
            match line {
                BratLine::Note(n) if n.kind == NOTE_KIND && n.target == id => {
                    n.text = Some(note);
                    return Ok(());
                }
                _ => {}
            }
        }
        let new_id = self.next_id('#');
        self.doc.lines.push(BratLine::Note(Note {
            id: new_id,
            kind: NOTE_KIND.to_string(),
            target: id.to_string(),
            text: Some(note),
        }));
        Ok(())
    }

    /// Adds a span the analysis missed (or a decision about one it found: pass
    /// `Status::Confirmed` or `Status::Rejected`). Returns the new `T` id.
    pub fn add_span(
        &mut self,
        range: ByteRange,
        label: &str,
        status: Status,
    ) -> Result<String, AnnError> {
        self.add_fragments(std::slice::from_ref(&range), label, status)
    }

    /// Adds a discontinuous span (fragments in text order, not overlapping); see
    /// [`AnnotationSet::add_span`].
    pub fn add_fragments(
        &mut self,
        fragments: &[ByteRange],
        label: &str,
        status: Status,
    ) -> Result<String, AnnError> {
        check_word("type", label)?;
        if fragments.is_empty() {
            return Err(AnnError::file("a span needs at least one fragment"));
        }
        let mut char_fragments = Vec::new();
        for (index, f) in fragments.iter().enumerate() {
            let bad = || {
                AnnError::file(format!(
                    "{}..{} is not a non-empty range of whole characters in the article",
                    f.start, f.end
                ))
            };
            if f.start >= f.end {
                return Err(bad());
            }
            if index > 0 && fragments[index - 1].end > f.start {
                return Err(AnnError::file(
                    "fragments must be in text order and must not overlap",
                ));
            }
            let start = byte_to_char(&self.text, f.start).ok_or_else(bad)?;
            let end = byte_to_char(&self.text, f.end).ok_or_else(bad)?;
            char_fragments.push(CharSpan { start, end });
        }
        let id = self.next_id('T');
        let reference = span_text(&self.text, fragments);
        self.doc.lines.push(BratLine::TextBound(TextBound {
            id: id.clone(),
            label: label.to_string(),
            fragments: char_fragments,
            text: Some(reference.clone()),
        }));
        self.spans.insert(
            id.clone(),
            SpanState {
                fragments: fragments.to_vec(),
                reference,
                anchor: AnchorState::Anchored,
            },
        );
        if status != Status::Confirmed {
            self.set_attribute(&id, STATUS_ATTRIBUTE, status.brat_value());
        }
        Ok(id)
    }

    /// Sets the claim's speaker mention (`R Source Arg1:<claim> Arg2:<speaker>`).
    pub fn set_claim_speaker(&mut self, claim: &str, speaker: &str) -> Result<(), AnnError> {
        self.set_claim_relation(SPEAKER_RELATION, claim, speaker)
    }

    /// Sets the claim's cue (`R Cue Arg1:<claim> Arg2:<cue>`).
    pub fn set_claim_cue(&mut self, claim: &str, cue: &str) -> Result<(), AnnError> {
        self.set_claim_relation(CUE_RELATION, claim, cue)
    }

    /// Sets the claim's kind (`A ClaimKind <claim> quote`).
    pub fn set_claim_kind(&mut self, claim: &str, kind: ClaimKind) -> Result<(), AnnError> {
        self.require(claim)?;
        self.set_attribute(claim, CLAIM_KIND_ATTRIBUTE, kind.label());
        Ok(())
    }

    fn set_claim_relation(
        &mut self,
        label: &str,
        claim: &str,
        other: &str,
    ) -> Result<(), AnnError> {
        self.require(claim)?;
        self.require(other)?;
        for line in &mut self.doc.lines {
            match line {
                BratLine::Relation(r) if r.label == label && r.args[0].target == claim => {
                    r.args[1].target = other.to_string();
                    return Ok(());
                }
                _ => {}
            }
        }
        let id = self.next_id('R');
        self.doc.lines.push(BratLine::Relation(Relation {
            id,
            label: label.to_string(),
            args: vec![
                Argument {
                    role: "Arg1".into(),
                    target: claim.to_string(),
                },
                Argument {
                    role: "Arg2".into(),
                    target: other.to_string(),
                },
            ],
            tail: None,
        }));
        Ok(())
    }
}

/// Types and references become single words of a line; spaces or tabs would break it.
fn check_word(what: &str, word: &str) -> Result<(), AnnError> {
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Err(AnnError::file(format!(
            "the {what} `{word}` must be one word without spaces"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::store::test_fixtures::*;

    #[test]
    fn records_every_decision_in_brat_lines() {
        let mut set = AnnotationSet::from_brat(&sample_file(), TEXT).unwrap();
        set.confirm("T2").unwrap();
        set.reject("T5").unwrap();
        set.retype("T1", "ROLE").unwrap();
        set.link("T5", "Wikidata:Q1899", Some("Kyjiw")).unwrap();
        set.link("T1", "dossier:andrij-jermak", None).unwrap();
        set.set_note("T5", "Hauptstadt\nder Ukraine").unwrap();
        set.set_claim_kind("T3", ClaimKind::Indirect).unwrap();
        set.set_claim_cue("T3", "T4").unwrap();
        let added = set
            .add_span(byte_range(TEXT, "Leiter"), "ROLE", Status::Added)
            .unwrap();
        assert_eq!(added, "T6");
        let speaker = set
            .add_span(byte_range(TEXT, "Jermak"), "PER", Status::Confirmed)
            .unwrap();
        set.set_claim_speaker("T3", &speaker).unwrap();
        let expected = "T1\tROLE 0 13\tAndrij Jermak\n\
T2\tORG 26 45\tPräsidialverwaltung\n\
T3\tClaim 55 74\tWir kämpfen weiter.\n\
T4\tCue 47 52\tsagte\n\
T5\tLOC 78 82\tKiew\n\
R1\tSource Arg1:T3 Arg2:T7\n\
A1\tClaimKind T3 indirect\n\
A2\tStatus T2 Confirmed\n\
N1\tReference T1 dossier:andrij-jermak\n\
#1\tAnnotatorNotes T1\tLeiter des Büros\n\
% kept as it is\n\
A3\tStatus T5 Rejected\n\
N2\tReference T5 Wikidata:Q1899\tKyjiw\n\
#2\tAnnotatorNotes T5\tHauptstadt der Ukraine\n\
R2\tCue Arg1:T3 Arg2:T4\n\
T6\tROLE 15 21\tLeiter\n\
A4\tStatus T6 Added\n\
T7\tPER 7 13\tJermak\n";
        assert_eq!(set.to_brat_string(), expected);
        let reloaded = AnnotationSet::from_brat(expected, TEXT).unwrap();
        assert_eq!(reloaded, set);
        let t5 = reloaded.get("T5").unwrap();
        assert_eq!(t5.status, Status::Rejected);
        assert_eq!(t5.note.as_deref(), Some("Hauptstadt der Ukraine"));
        assert_eq!(reloaded.get("T6").unwrap().status, Status::Added);
    }

    #[test]
    fn refuses_bad_operations() {
        let mut set = AnnotationSet::from_brat(&sample_file(), TEXT).unwrap();
        assert!(set.confirm("T99").is_err());
        assert!(set.retype("T1", "two words").is_err());
        assert!(set.link("T1", "Q123", None).is_err());
        let inside_umlaut = TEXT.find('ä').unwrap() + 1;
        assert!(
            set.add_span(0..inside_umlaut, "PER", Status::Added)
                .is_err()
        );
        assert!(set.add_span(5..5, "PER", Status::Added).is_err());
        assert!(
            set.add_fragments(&[10..20, 5..8], "PER", Status::Added)
                .is_err()
        );
        assert!(set.set_claim_speaker("T3", "T42").is_err());
    }
}
