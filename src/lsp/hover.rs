//! Hover: the entity card of the name under the cursor.

use super::server::Snapshot;
use super::state::article_id;
use crate::corpus::queries::EntityCard;
use std::fmt::Write;
use tower_lsp_server::ls_types::{
    Hover, HoverContents, MarkupContent, MarkupKind, TextDocumentPositionParams,
};

pub fn hover(snapshot: &Snapshot, params: &TextDocumentPositionParams) -> Option<Hover> {
    let id = article_id(&params.text_document.uri);
    let article = snapshot.corpus.get(&id)?;
    let mapper = snapshot.mapper(article);
    let offset = mapper.offset(params.position);
    let found = snapshot.corpus.mention_at(&id, offset)?;
    let card = snapshot.corpus.entity_card(&id, &found.key)?;
    let mut value = render_card(&card, &id);
    for note in super::annotate::notes_at(snapshot, &id, &found.mention.range) {
        let _ = write!(value, "\n\n**Note:** {note}");
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(mapper.range(&found.mention.range)),
    })
}

/// The file name of an article id, which is what a person recognises in a card.
pub fn article_name(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

pub fn render_card(card: &EntityCard, here: &str) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "### {}\n", card.name);
    let _ = writeln!(md, "*{}* · `{}`\n", card.kind.describe(), card.key);
    if let Some(description) = &card.description {
        let _ = writeln!(md, "{description}\n");
    }
    if let Some(q) = &card.wikidata {
        let _ = writeln!(md, "Wikidata: [{q}](https://www.wikidata.org/wiki/{q})\n");
    }
    if !card.roles.is_empty() {
        md.push_str("**Roles**\n");
        for (role, article) in &card.roles {
            let _ = writeln!(md, "- {role} — {}", article_name(article));
        }
        md.push('\n');
    }
    if card.spellings.len() > 1 {
        let _ = writeln!(md, "**Spellings:** {}\n", card.spellings.join(", "));
    }
    let _ = write!(md, "**Mentions:** {} in this article", card.mentions_here);
    for (article, count) in &card.elsewhere {
        let _ = write!(md, ", {count} in {}", article_name(article));
    }
    md.push_str("\n\n");
    if let Some(sentence) = &card.introduction {
        let _ = writeln!(md, "**Introduced:** “{}”\n", sentence);
    }
    if !card.claims.is_empty() {
        md.push_str("**Claims**\n");
        for (article, claim) in card.claims.iter().take(8) {
            let here_or_there = if article == here {
                String::new()
            } else {
                format!(" ({})", article_name(article))
            };
            let _ = writeln!(md, "- {}{}", claim.kind.label(), here_or_there);
        }
    }
    md.trim_end().to_string()
}
