//! Document symbols (entities grouped by type, each with its mentions) and workspace
//! symbols (fuzzy search over every entity by any of its names).

use super::server::Snapshot;
use super::state::article_id;
use crate::analysis::model::EntityKind;
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolInformation, SymbolKind, Uri};

fn symbol_kind(kind: EntityKind) -> SymbolKind {
    match kind {
        EntityKind::Person => SymbolKind::CONSTANT,
        EntityKind::Organisation => SymbolKind::STRUCT,
        EntityKind::Location => SymbolKind::MODULE,
        EntityKind::Misc => SymbolKind::EVENT,
        EntityKind::Role => SymbolKind::PROPERTY,
    }
}

fn group_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organisation => "Organisations",
        EntityKind::Location => "Places",
        EntityKind::Misc => "Other names",
        EntityKind::Role => "Roles",
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be filled in.
pub fn document_symbols(snapshot: &Snapshot, uri: &Uri) -> Vec<DocumentSymbol> {
    let id = article_id(uri);
    let Some(article) = snapshot.corpus.get(&id) else {
        return Vec::new();
    };
    let mapper = snapshot.mapper(article);
    let analysis = &article.analysis;
    let mut groups = Vec::new();
    for kind in EntityKind::ALL {
        let mut children = Vec::new();
        for entity in analysis.entities.iter().filter(|e| e.kind == kind) {
            let mentions: Vec<_> = entity
                .mentions
                .iter()
                .filter_map(|&i| analysis.mentions.get(i))
                .collect();
            let Some(first) = mentions.iter().find(|m| !m.derived).or(mentions.first()) else {
                continue;
            };
            let entity_index = analysis
                .entities
                .iter()
                .position(|e| std::ptr::eq(e, entity));
            let claims: Vec<_> = analysis
                .claims
                .iter()
                .filter(|c| c.speaker_entity.is_some() && c.speaker_entity == entity_index)
                .collect();
            let starts = mentions
                .iter()
                .map(|m| m.range.start)
                .chain(claims.iter().map(|c| c.range.start));
            let ends = mentions
                .iter()
                .map(|m| m.range.end)
                .chain(claims.iter().map(|c| c.range.end));
            let span =
                starts.min().unwrap_or(first.range.start)..ends.max().unwrap_or(first.range.end);
            let mut mention_symbols: Vec<DocumentSymbol> = mentions
                .iter()
                .map(|m| DocumentSymbol {
                    name: article.text[m.range.clone()].to_string(),
                    detail: Some(if m.derived {
                        "derived word".into()
                    } else {
                        "mention".into()
                    }),
                    kind: SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    range: mapper.range(&m.range),
                    selection_range: mapper.range(&m.range),
                    children: None,
                })
                .collect();
            mention_symbols.extend(
                claims
                    .iter()
                    .map(|c| claim_symbol(&article.text, c, &mapper)),
            );
            children.push(DocumentSymbol {
                name: entity.name.clone(),
                detail: Some(format!(
                    "{} · {} mentions",
                    entity.kind.describe(),
                    mentions.len()
                )),
                kind: symbol_kind(kind),
                tags: None,
                deprecated: None,
                range: mapper.range(&span),
                selection_range: mapper.range(&first.range),
                children: Some(mention_symbols),
            });
        }
        if children.is_empty() {
            continue;
        }
        let start = children.iter().map(|c| c.range.start).min().unwrap();
        let end = children.iter().map(|c| c.range.end).max().unwrap();
        groups.push(DocumentSymbol {
            name: group_name(kind).to_string(),
            detail: Some(format!("{} entities", children.len())),
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range: tower_lsp_server::ls_types::Range::new(start, end),
            selection_range: children[0].selection_range,
            children: Some(children),
        });
    }
    let unattributed: Vec<DocumentSymbol> = analysis
        .claims
        .iter()
        .filter(|c| c.speaker_entity.is_none())
        .map(|c| claim_symbol(&article.text, c, &mapper))
        .collect();
    if let (Some(first), Some(last)) = (unattributed.first(), unattributed.last()) {
        groups.push(DocumentSymbol {
            name: "Claims without a named source".to_string(),
            detail: Some(format!("{} claims", unattributed.len())),
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range: tower_lsp_server::ls_types::Range::new(first.range.start, last.range.end),
            selection_range: first.selection_range,
            children: Some(unattributed),
        });
    }
    groups
}

/// A claim as a symbol: its kind and the start of its text.
#[allow(deprecated)]
fn claim_symbol(
    text: &str,
    claim: &crate::analysis::model::Claim,
    mapper: &super::convert::PositionMapper,
) -> DocumentSymbol {
    let content: String = text[claim.range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = if content.chars().count() > 60 {
        format!("{}…", content.chars().take(59).collect::<String>())
    } else {
        content
    };
    DocumentSymbol {
        name,
        detail: Some(format!("claim · {}", claim.kind.label())),
        kind: SymbolKind::EVENT,
        tags: None,
        deprecated: None,
        range: mapper.range(&claim.range),
        // The cue is the claim's handle when it lies inside the claim ("betonte" often does not).
        selection_range: mapper.range(
            claim
                .cue
                .as_ref()
                .filter(|c| claim.range.start <= c.start && c.end <= claim.range.end)
                .unwrap_or(&claim.range),
        ),
        children: None,
    }
}

/// Every entity whose name matches `query` (the workspace index's fuzzy search, which
/// knows knowledge-base aliases too), at its first introduction in the workspace.
#[allow(deprecated)]
pub fn workspace_symbols(snapshot: &Snapshot, query: &str) -> Vec<SymbolInformation> {
    snapshot
        .corpus
        .index()
        .search(query, 200)
        .into_iter()
        .filter_map(|found| {
            let place = snapshot.corpus.first_introduction(&found.key)?;
            Some(SymbolInformation {
                name: snapshot.corpus.entity_name(&found.key),
                kind: symbol_kind(found.kind),
                tags: None,
                deprecated: None,
                location: snapshot.location(&place)?,
                container_name: Some(found.kind.describe().to_string()),
            })
        })
        .collect()
}
