//! One article in, plain data out. Knows nothing of LSP or of the file system.

pub mod gazetteer;
pub mod model;
pub mod ner;
