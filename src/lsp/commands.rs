//! The commands the server executes (`workspace/executeCommand`); editors list them from
//! the server's capabilities, so none needs client-side code.

/// Drop everything and read the workspace again.
pub const REINDEX: &str = "dossier.reindex";

// Annotating (see `annotate.rs` for their arguments).
pub const CONFIRM: &str = "dossier.confirm";
pub const REJECT: &str = "dossier.reject";
pub const SET_TYPE: &str = "dossier.setType";
pub const MARK_ENTITY: &str = "dossier.markEntity";
pub const LINK: &str = "dossier.link";
pub const CREATE_KB_ENTRY: &str = "dossier.createKbEntry";
pub const ADD_ALIAS: &str = "dossier.addAlias";
pub const NORMALISE_SPELLING: &str = "dossier.normaliseSpelling";
pub const ADD_NOTE: &str = "dossier.addNote";
pub const MARK_CLAIM: &str = "dossier.markClaim";
pub const SET_SPEAKER: &str = "dossier.setSpeaker";
pub const SET_CLAIM_KIND: &str = "dossier.setClaimKind";
pub const SAVE_ANNOTATIONS: &str = "dossier.saveAnnotations";

pub const ANNOTATION_COMMANDS: &[&str] = &[
    CONFIRM,
    REJECT,
    SET_TYPE,
    MARK_ENTITY,
    LINK,
    CREATE_KB_ENTRY,
    ADD_ALIAS,
    NORMALISE_SPELLING,
    ADD_NOTE,
    MARK_CLAIM,
    SET_SPEAKER,
    SET_CLAIM_KIND,
    SAVE_ANNOTATIONS,
];

/// Every command the server executes, as advertised in `executeCommandProvider`.
pub fn all_commands() -> impl Iterator<Item = &'static str> {
    std::iter::once(REINDEX).chain(ANNOTATION_COMMANDS.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_annotation_command_is_advertised_once() {
        let all: Vec<&str> = all_commands().collect();
        for name in ANNOTATION_COMMANDS {
            assert_eq!(all.iter().filter(|c| *c == name).count(), 1, "{name}");
        }
        assert_eq!(all.len(), ANNOTATION_COMMANDS.len() + 1);
        assert!(all.contains(&REINDEX));
    }
}
