//! All articles of a workspace (or of a `dossier check` run) and what joins them.

pub mod conflicts;
pub mod discover;
pub mod queries;
pub mod workspace;
