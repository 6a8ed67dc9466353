//! Dossier: entities, claims and sources in news articles.
//!
//! Data flows one way: text → [`analysis`] (one article, plain data with byte ranges) →
//! [`corpus`] (joins articles) → [`lsp`] or [`cli`] (presentation). Only [`lsp`] knows the
//! Language Server Protocol.

pub mod analysis;
pub mod annotations;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostics;
pub mod lsp;
pub mod text;
