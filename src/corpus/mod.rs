//! All articles of a workspace: the cross-article entity index, spelling variants and the
//! knowledge base.

pub mod index;
pub mod knowledge_base;
pub mod variants;
