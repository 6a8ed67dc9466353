//! One article in, plain data out. Knows nothing of LSP or of the file system.

pub mod claims;
pub mod gazetteer;
pub mod model;
pub mod ner;
