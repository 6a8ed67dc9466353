//! The commands the server executes (`workspace/executeCommand`); editors list them from
//! the server's capabilities, so none needs client-side code.

/// Drop everything and read the workspace again.
pub const REINDEX: &str = "dossier.reindex";

pub const COMMANDS: &[&str] = &[REINDEX];
