//! All articles of a workspace (or of a `dossier check` run) and what joins them.

pub mod discover;
pub mod workspace;
