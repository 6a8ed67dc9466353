//! All articles of a workspace (or of a `dossier check` run) and what joins them: the
//! cross-article entity index, conflicts, spelling variants and the knowledge base.

pub mod annotations;
pub mod claims;
pub mod conflicts;
pub mod discover;
pub mod evaluation;
pub mod index;
pub mod kb_edit;
pub mod knowledge_base;
pub mod queries;
pub mod variants;
pub mod workspace;
