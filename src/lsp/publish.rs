//! Core diagnostics → LSP diagnostics.

use super::convert::{PositionMapper, severity};
use super::state::uri_of;
use crate::corpus::workspace::Corpus;
use crate::diagnostics::Diagnostic;
use crate::text::lines::Encoding;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, Location, NumberOrString,
};

pub fn to_lsp(
    corpus: &Corpus,
    article_id: &str,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> Option<lsp::Diagnostic> {
    let article = corpus.get(article_id)?;
    let mapper = PositionMapper {
        text: &article.text,
        lines: &article.lines,
        encoding,
    };
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let other = corpus.get(&related.article)?;
            let other_mapper = PositionMapper {
                text: &other.text,
                lines: &other.lines,
                encoding,
            };
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri_of(&related.article)?,
                    range: other_mapper.range(&related.range),
                },
                message: related.message.clone(),
            })
        })
        .collect();
    Some(lsp::Diagnostic {
        range: mapper.range(&diagnostic.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.to_string())),
        source: Some("dossier".to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    })
}
