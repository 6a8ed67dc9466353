//! Go to definition / declaration, references and document highlights for entity mentions.

use super::convert::PositionMapper;
use super::server::Snapshot;
use super::state::{article_id, uri_of};
use crate::corpus::queries::Place;
use crate::text::lines::LineIndex;
use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, Location, Position, Uri,
};

impl Snapshot {
    pub fn location(&self, place: &Place) -> Option<Location> {
        let article = self.corpus.get(&place.article)?;
        Some(Location {
            uri: uri_of(&place.article)?,
            range: self.mapper(article).range(&place.range),
        })
    }

    /// The article id and byte offset of a client position.
    pub fn offset_of(&self, uri: &Uri, position: Position) -> Option<(String, usize)> {
        let id = article_id(uri);
        let article = self.corpus.get(&id)?;
        let offset = self.mapper(article).offset(position);
        Some((id, offset))
    }
}

/// The knowledge-base entry when there is one, else the introducing mention in this
/// article; from a later article the entity's first mention in the workspace is offered too.
pub fn definition(snapshot: &Snapshot, uri: &Uri, position: Position) -> Vec<Location> {
    let Some((id, offset)) = snapshot.offset_of(uri, position) else {
        return Vec::new();
    };
    let Some(found) = snapshot.corpus.mention_at(&id, offset) else {
        return Vec::new();
    };
    let key = found.key.clone();
    if let Some(entry) = knowledge_base_location(snapshot, &key) {
        return vec![entry];
    }
    let mut places = Vec::new();
    places.extend(snapshot.corpus.introduction_in(&id, &key));
    if let Some(first) = snapshot.corpus.first_introduction(&key)
        && !places.contains(&first)
    {
        places.push(first);
    }
    places.iter().filter_map(|p| snapshot.location(p)).collect()
}

/// Where a knowledge-base entity is defined: its `[[entity]]` table in the TOML file.
fn knowledge_base_location(snapshot: &Snapshot, key: &str) -> Option<Location> {
    let entry = snapshot.corpus.knowledge_base.get(key)?;
    let text = std::fs::read_to_string(&entry.source).ok()?;
    let lines = LineIndex::new(&text);
    let mapper = PositionMapper {
        text: &text,
        lines: &lines,
        encoding: snapshot.encoding,
    };
    Some(Location {
        uri: Uri::from_file_path(&entry.source)?,
        range: mapper.range(&entry.source_range),
    })
}

pub fn declaration(snapshot: &Snapshot, uri: &Uri, position: Position) -> Option<Location> {
    let (id, offset) = snapshot.offset_of(uri, position)?;
    let found = snapshot.corpus.mention_at(&id, offset)?;
    let place = snapshot.corpus.introduction_in(&id, &found.key)?;
    snapshot.location(&place)
}

pub fn references(
    snapshot: &Snapshot,
    uri: &Uri,
    position: Position,
    include_declaration: bool,
) -> Vec<Location> {
    let Some((id, offset)) = snapshot.offset_of(uri, position) else {
        return Vec::new();
    };
    let Some(found) = snapshot.corpus.mention_at(&id, offset) else {
        return Vec::new();
    };
    let key = found.key.clone();
    let declarations: Vec<Place> = snapshot
        .corpus
        .ids()
        .filter_map(|article| snapshot.corpus.introduction_in(article, &key))
        .collect();
    snapshot
        .corpus
        .mentions_of(&key)
        .into_iter()
        .map(|m| Place {
            article: m.article.to_string(),
            range: m.mention.range.clone(),
        })
        .filter(|place| include_declaration || !declarations.contains(place))
        .filter_map(|place| snapshot.location(&place))
        .collect()
}

pub fn highlights(snapshot: &Snapshot, uri: &Uri, position: Position) -> Vec<DocumentHighlight> {
    let Some((id, offset)) = snapshot.offset_of(uri, position) else {
        return Vec::new();
    };
    let Some(found) = snapshot.corpus.mention_at(&id, offset) else {
        return Vec::new();
    };
    let Some(article) = snapshot.corpus.get(&id) else {
        return Vec::new();
    };
    let mapper = snapshot.mapper(article);
    let introduction = snapshot.corpus.introduction_in(&id, &found.key);
    snapshot
        .corpus
        .mentions_of(&found.key)
        .into_iter()
        .filter(|m| m.article == id)
        .map(|m| DocumentHighlight {
            range: mapper.range(&m.mention.range),
            kind: Some(
                if introduction
                    .as_ref()
                    .is_some_and(|p| p.range == m.mention.range)
                {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                },
            ),
        })
        .collect()
}
