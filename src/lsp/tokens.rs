//! Semantic tokens: names coloured by entity type, claim cues marked, so any editor with
//! semantic highlighting shows the analysis without a plugin.

use super::server::Snapshot;
use super::state::article_id;
use crate::analysis::model::{ByteRange, EntityKind};
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    Uri,
};

/// Token types, in legend order. Editors' themes can style them by these names.
pub const TOKEN_TYPES: [&str; 8] = [
    "person",
    "organization",
    "location",
    "role",
    "misc",
    "claim",
    "cue",
    "quote",
];
/// Token modifiers, in legend order (bit i = modifier i).
pub const TOKEN_MODIFIERS: [&str; 3] = ["confirmed", "derived", "declaration"];

const CONFIRMED: u32 = 1;
const DERIVED: u32 = 1 << 1;
const DECLARATION: u32 = 1 << 2;
const CUE: u32 = 6;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES
            .iter()
            .map(|t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

fn type_index(kind: EntityKind) -> u32 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Location => 2,
        EntityKind::Role => 3,
        EntityKind::Misc => 4,
    }
}

/// One token before encoding: byte range, type index, modifier bits.
type RawToken = (ByteRange, u32, u32);

pub fn semantic_tokens(snapshot: &Snapshot, uri: &Uri) -> Option<SemanticTokens> {
    let id = article_id(uri);
    let article = snapshot.corpus.get(&id)?;
    let analysis = &article.analysis;
    let mut raw: Vec<RawToken> = Vec::new();
    for entity in &analysis.entities {
        let introduction = snapshot
            .corpus
            .introduction_in(&id, &snapshot.corpus.workspace_key(&entity.key));
        for mention in entity
            .mentions
            .iter()
            .filter_map(|&i| analysis.mentions.get(i))
        {
            let mut modifiers = 0;
            if mention.derived {
                modifiers |= DERIVED;
            }
            if super::annotate::is_confirmed(snapshot, &id, &mention.range) {
                modifiers |= CONFIRMED;
            }
            if introduction
                .as_ref()
                .is_some_and(|p| p.range == mention.range)
            {
                modifiers |= DECLARATION;
            }
            raw.push((mention.range.clone(), type_index(mention.kind), modifiers));
        }
    }
    for claim in &analysis.claims {
        if let Some(cue) = &claim.cue {
            raw.push((cue.clone(), CUE, 0));
        }
    }
    // Clients cannot show overlapping tokens: keep the earliest, then the longest.
    raw.sort_by_key(|(range, _, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<RawToken> = Vec::new();
    for token in raw {
        if kept.last().is_none_or(|last| last.0.end <= token.0.start) {
            kept.push(token);
        }
    }
    let mapper = snapshot.mapper(article);
    let mut data = Vec::with_capacity(kept.len());
    let (mut previous_line, mut previous_start) = (0, 0);
    for (range, token_type, modifiers) in kept {
        // A token may not cross a line end: split it at each line.
        let first_line = article.lines.line_of(range.start);
        let last_line = article.lines.line_of(range.end);
        for line in first_line..=last_line {
            let line_range = article.lines.line_range(&article.text, line);
            let piece = range.start.max(line_range.start)..range.end.min(line_range.end);
            if piece.is_empty() {
                continue;
            }
            let start = mapper.position(piece.start);
            let end = mapper.position(piece.end);
            let delta_line = start.line - previous_line;
            let delta_start = if delta_line == 0 {
                start.character - previous_start
            } else {
                start.character
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: end.character - start.character,
                token_type,
                token_modifiers_bitset: modifiers,
            });
            previous_line = start.line;
            previous_start = start.character;
        }
    }
    Some(SemanticTokens {
        result_id: None,
        data,
    })
}
