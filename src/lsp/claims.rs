//! Claim features: the claim card on hover, definition and references on claims, inlay
//! hints for resolved speakers and normalised figures, and code lenses counting claims.

use super::hover::{article_name, render_card};
use super::server::Snapshot;
use super::state::article_id;
use crate::analysis::model::{ClaimKind, EntityKind};
use crate::corpus::claims::ClaimRef;
use crate::corpus::conflicts::describe;
use crate::corpus::queries::Place;
use std::fmt::Write;
use tower_lsp_server::ls_types::{
    CodeLens, Command, Hover, HoverContents, InlayHint, InlayHintKind, InlayHintLabel, Location,
    MarkupContent, MarkupKind, Position, Range, Uri,
};

fn kind_title(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Quote => "Quote",
        ClaimKind::Indirect => "Indirect speech",
        ClaimKind::Reported => "Reported statement",
        ClaimKind::Numeric => "Unattributed figure",
        ClaimKind::Vague => "Vaguely sourced claim",
    }
}

/// One line describing a claim, as cards and lists show it.
fn excerpt(snapshot: &Snapshot, claim: &ClaimRef<'_>) -> String {
    let text = snapshot
        .corpus
        .get(claim.article)
        .map(|a| a.text[claim.claim.range.clone()].to_string());
    let text = text
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > 90 {
        format!("{}…", text.chars().take(88).collect::<String>())
    } else {
        text
    }
}

pub fn hover(snapshot: &Snapshot, uri: &Uri, position: Position) -> Option<Hover> {
    let (id, offset) = snapshot.offset_of(uri, position)?;
    let claim = snapshot.corpus.claim_at(&id, offset)?;
    let article = snapshot.corpus.get(&id)?;
    let text = &article.text;
    let mut md = String::new();
    let _ = writeln!(md, "### {}\n", kind_title(claim.claim.kind));
    let _ = writeln!(md, "> {}\n", excerpt(snapshot, &claim));
    if let Some(speaker) = &claim.claim.speaker {
        let _ = writeln!(md, "**Speaker:** {}", &text[speaker.clone()]);
    } else if claim.claim.kind != ClaimKind::Numeric {
        md.push_str("**Speaker:** none identifiable\n");
    }
    if let Some(cue) = &claim.claim.cue {
        let _ = writeln!(md, "\n**Cue:** “{}”", &text[cue.clone()]);
    }
    if !claim.claim.figures.is_empty() {
        let figures: Vec<String> = claim.claim.figures.iter().map(describe).collect();
        let _ = writeln!(md, "\n**Figures:** {}", figures.join(", "));
    }
    let _ = writeln!(md, "\n`{}`", claim.claim.id);
    if let Some(key) = &claim.speaker_key {
        if let Some(card) = snapshot.corpus.entity_card(&id, key) {
            md.push_str("\n---\n\n");
            md.push_str(&render_card(&card, &id));
            md.push('\n');
        }
        let others: Vec<ClaimRef> = snapshot
            .corpus
            .claims_of(key)
            .into_iter()
            .filter(|c| c.claim.range != claim.claim.range)
            .collect();
        if !others.is_empty() {
            md.push_str("\n**Other claims by this speaker**\n");
            for other in others.iter().take(8) {
                let _ = writeln!(
                    md,
                    "- {} ({}): {}",
                    other.claim.kind.label(),
                    article_name(other.article),
                    excerpt(snapshot, other)
                );
            }
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md.trim_end().to_string(),
        }),
        range: Some(snapshot.mapper(article).range(&claim.claim.range)),
    })
}

/// From a claim or its cue: the speaker's introducing mention in this article.
pub fn definition(snapshot: &Snapshot, uri: &Uri, position: Position) -> Option<Location> {
    let (id, offset) = snapshot.offset_of(uri, position)?;
    let claim = snapshot.corpus.claim_at(&id, offset)?;
    let key = claim.speaker_key.as_ref()?;
    let place = snapshot
        .corpus
        .introduction_in(&id, key)
        .or_else(|| snapshot.corpus.first_introduction(key))?;
    snapshot.location(&place)
}

/// The matching claims (same speaker and subject) in other articles.
pub fn references(snapshot: &Snapshot, uri: &Uri, position: Position) -> Vec<Location> {
    let Some((id, offset)) = snapshot.offset_of(uri, position) else {
        return Vec::new();
    };
    let Some(claim) = snapshot.corpus.claim_at(&id, offset) else {
        return Vec::new();
    };
    snapshot
        .corpus
        .matching_claims(&claim)
        .iter()
        .filter_map(|p| snapshot.location(p))
        .collect()
}

/// Speakers resolved through a pronoun or role noun are named after the claim; figures get
/// their normalised form.
pub fn inlay_hints(snapshot: &Snapshot, uri: &Uri, range: Range) -> Vec<InlayHint> {
    let id = article_id(uri);
    let Some(article) = snapshot.corpus.get(&id) else {
        return Vec::new();
    };
    let mapper = snapshot.mapper(article);
    let wanted = mapper.byte_range(range);
    let analysis = &article.analysis;
    let mut hints = Vec::new();
    for claim in analysis
        .claims
        .iter()
        .filter(|c| c.range.start <= wanted.end && wanted.start <= c.range.end)
    {
        if let (Some(speaker), Some(entity)) = (
            &claim.speaker,
            claim.speaker_entity.and_then(|i| analysis.entities.get(i)),
        ) {
            let names_the_entity = analysis.mentions.iter().any(|m| {
                m.entity == claim.speaker_entity.unwrap_or(usize::MAX)
                    && m.kind != EntityKind::Role
                    && !m.derived
                    && m.range.start >= speaker.start
                    && m.range.end <= speaker.end
            });
            if !names_the_entity {
                hints.push(hint(
                    mapper.position(claim.range.end),
                    format!("← {}", entity.name),
                    "speaker",
                ));
            }
        }
        for figure in &claim.figures {
            hints.push(hint(
                mapper.position(figure.range.end),
                format!("= {}", describe(figure)),
                "figure",
            ));
        }
    }
    hints
}

fn hint(position: Position, label: String, what: &str) -> InlayHint {
    InlayHint {
        position,
        label: InlayHintLabel::String(label),
        kind: Some(if what == "speaker" {
            InlayHintKind::PARAMETER
        } else {
            InlayHintKind::TYPE
        }),
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// "N claims in M articles" on each speaker's introducing mention.
pub fn code_lenses(snapshot: &Snapshot, uri: &Uri) -> Vec<CodeLens> {
    let id = article_id(uri);
    let Some(article) = snapshot.corpus.get(&id) else {
        return Vec::new();
    };
    let mapper = snapshot.mapper(article);
    let mut keys: Vec<String> = article
        .analysis
        .entities
        .iter()
        .map(|e| snapshot.corpus.workspace_key(&e.key))
        .collect();
    keys.sort();
    keys.dedup();
    let mut lenses = Vec::new();
    for key in keys {
        let (claims, articles) = snapshot.corpus.claim_count(&key);
        if claims == 0 {
            continue;
        }
        let Some(Place { range, .. }) = snapshot.corpus.introduction_in(&id, &key) else {
            continue;
        };
        let title = format!(
            "{claims} claim{} in {articles} article{}",
            if claims == 1 { "" } else { "s" },
            if articles == 1 { "" } else { "s" }
        );
        lenses.push(CodeLens {
            range: mapper.range(&range),
            // No client-side command: the count is information, the hover lists the claims.
            command: Some(Command {
                title,
                command: String::new(),
                arguments: None,
            }),
            data: None,
        });
    }
    lenses.sort_by_key(|l| (l.range.start.line, l.range.start.character));
    lenses
}
