//! Hover: the entity card of the name under the cursor.

use super::server::Snapshot;
use super::state::article_id;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, TextDocumentPositionParams};

pub fn hover(snapshot: &Snapshot, params: &TextDocumentPositionParams) -> Option<Hover> {
    let id = article_id(&params.text_document.uri);
    let article = snapshot.corpus.get(&id)?;
    let mapper = snapshot.mapper(article);
    let offset = mapper.offset(params.position);
    let (_, mention) = article.analysis.mention_at(offset)?;
    let entity = article.analysis.entities.get(mention.entity)?;
    let markdown = format!("### {}\n\n*{}*", entity.name, entity.kind.describe());
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(mapper.range(&mention.range)),
    })
}
