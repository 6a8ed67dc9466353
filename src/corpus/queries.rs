//! Questions about entities across the corpus: which entity is under a position, where it
//! is mentioned, where it is introduced, and the facts a hover card shows.

use super::workspace::Corpus;
use crate::analysis::model::{ByteRange, Claim, Entity, EntityKind, Mention};

/// A place in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub article: String,
    pub range: ByteRange,
}

/// One mention of an entity somewhere in the corpus.
#[derive(Debug, Clone)]
pub struct MentionRef<'a> {
    pub article: &'a str,
    pub mention: &'a Mention,
    pub entity: &'a Entity,
    /// The entity's workspace key (see [`Corpus::workspace_key`]).
    pub key: String,
}

/// Everything a hover card says about an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityCard {
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// (role, article) pairs in corpus order, without repeats.
    pub roles: Vec<(String, String)>,
    pub mentions_here: usize,
    /// Other articles that mention the entity, with their mention counts.
    pub elsewhere: Vec<(String, usize)>,
    /// The sentence that introduces the entity in this article.
    pub introduction: Option<String>,
    /// Other spellings seen for the entity.
    pub spellings: Vec<String>,
    /// Claims the entity made, with their articles.
    pub claims: Vec<(String, Claim)>,
    /// From the knowledge base, when it defines the entity.
    pub description: Option<String>,
    pub wikidata: Option<String>,
}

impl Corpus {
    /// The mention at a byte offset of an article.
    pub fn mention_at(&self, article: &str, offset: usize) -> Option<MentionRef<'_>> {
        let (id, found) = self.articles().find(|(id, _)| *id == article)?;
        let (_, mention) = found.analysis.mention_at(offset)?;
        let entity = found.analysis.entities.get(mention.entity)?;
        let key = self.workspace_key(&entity.key);
        Some(MentionRef {
            article: id,
            mention,
            entity,
            key,
        })
    }

    /// Every mention of the entity with workspace key `key`, in corpus order.
    pub fn mentions_of(&self, key: &str) -> Vec<MentionRef<'_>> {
        self.ids()
            .flat_map(|id| self.mentions_in(id, key))
            .collect()
    }

    /// The mentions of one entity in one article, in text order.
    fn mentions_in<'a>(&'a self, id: &'a str, key: &str) -> Vec<MentionRef<'a>> {
        let Some(article) = self.get(id) else {
            return Vec::new();
        };
        let analysis = &article.analysis;
        let mut found = Vec::new();
        for entity in analysis
            .entities
            .iter()
            .filter(|e| self.workspace_key(&e.key) == key)
        {
            for mention in entity
                .mentions
                .iter()
                .filter_map(|&i| analysis.mentions.get(i))
            {
                found.push(MentionRef {
                    article: id,
                    mention,
                    entity,
                    key: key.to_string(),
                });
            }
        }
        found.sort_by_key(|m| m.mention.range.start);
        found
    }

    /// The mention that introduces an entity in one article: its first mention by name (not
    /// a role or a derived word), else its first mention of any kind. Looks at that article
    /// only: every semantic-token request asks this for each of the article's entities.
    pub fn introduction_in(&self, article: &str, key: &str) -> Option<Place> {
        let mentions = self.mentions_in(article, key);
        let names = |m: &&MentionRef| !m.mention.derived && m.mention.kind != EntityKind::Role;
        let first = mentions.iter().find(names).or(mentions.first())?;
        Some(Place {
            article: article.to_string(),
            range: first.mention.range.clone(),
        })
    }

    /// The entity's introducing mention in the first article (in corpus order) naming it.
    pub fn first_introduction(&self, key: &str) -> Option<Place> {
        let first_article = self.mentions_of(key).first()?.article.to_string();
        self.introduction_in(&first_article, key)
    }

    pub fn entity_card(&self, article: &str, key: &str) -> Option<EntityCard> {
        let mentions = self.mentions_of(key);
        let here = mentions.iter().find(|m| m.article == article)?;
        let entity = here.entity;
        let mut roles: Vec<(String, String)> = Vec::new();
        for role in self
            .knowledge_base
            .get(key)
            .map(|e| e.roles.as_slice())
            .unwrap_or_default()
        {
            let dates = match (&role.from, &role.to) {
                (Some(from), Some(to)) => format!(" ({from} – {to})"),
                (Some(from), None) => format!(" (since {from})"),
                (None, Some(to)) => format!(" (until {to})"),
                (None, None) => String::new(),
            };
            roles.push((
                format!("{}{dates}", role.title),
                "knowledge base".to_string(),
            ));
        }
        let mut elsewhere: Vec<(String, usize)> = Vec::new();
        let mut spellings: Vec<String> = Vec::new();
        for m in &mentions {
            for role in &m.entity.roles {
                let pair = (role.role.clone(), m.article.to_string());
                if !roles.contains(&pair) {
                    roles.push(pair);
                }
            }
            if m.article != article {
                match elsewhere.last_mut() {
                    Some((id, count)) if id == m.article => *count += 1,
                    _ => elsewhere.push((m.article.to_string(), 1)),
                }
            }
            if let Some(text) = self.get(m.article).map(|a| a.text.clone())
                && !m.mention.derived
                && m.mention.kind != EntityKind::Role
            {
                let spelling = text[m.mention.range.clone()].to_string();
                if !spellings.contains(&spelling) {
                    spellings.push(spelling);
                }
            }
        }
        let introduction = self.introduction_in(article, key).and_then(|place| {
            let found = self.get(article)?;
            let sentence = found.analysis.sentence_at(place.range.start)?;
            Some(found.text[sentence.range.clone()].trim().to_string())
        });
        let claims = self
            .articles()
            .flat_map(|(id, a)| {
                a.analysis
                    .claims
                    .iter()
                    .filter(|c| {
                        c.speaker_entity
                            .and_then(|i| a.analysis.entities.get(i))
                            .is_some_and(|e| self.workspace_key(&e.key) == key)
                    })
                    .map(move |c| (id.to_string(), c.clone()))
            })
            .collect();
        Some(EntityCard {
            key: key.to_string(),
            name: entity.name.clone(),
            kind: entity.kind,
            roles,
            mentions_here: mentions.iter().filter(|m| m.article == article).count(),
            elsewhere,
            introduction,
            spellings,
            claims,
            description: self
                .knowledge_base
                .get(key)
                .and_then(|e| e.description.clone()),
            wikidata: self.wikidata_of(key),
        })
    }

    /// The Wikidata id of an entity, when the knowledge base knows it.
    pub fn wikidata_of(&self, key: &str) -> Option<String> {
        self.knowledge_base.get(key)?.wikidata.clone()
    }

    /// All entities of the corpus, one per key: (key, fullest name, kind, every name seen).
    pub fn all_entities(&self) -> Vec<(String, String, EntityKind, Vec<String>)> {
        let mut by_key: std::collections::BTreeMap<String, (String, EntityKind, Vec<String>)> =
            Default::default();
        for (_, article) in self.articles() {
            for entity in &article.analysis.entities {
                let entry = by_key
                    .entry(self.workspace_key(&entity.key))
                    .or_insert_with(|| (entity.name.clone(), entity.kind, Vec::new()));
                if entity.name.len() > entry.0.len() {
                    entry.0 = entity.name.clone();
                }
                for &index in &entity.mentions {
                    let Some(mention) = article.analysis.mentions.get(index) else {
                        continue;
                    };
                    let spelling = &article.text[mention.range.clone()];
                    if !mention.derived
                        && mention.kind != EntityKind::Role
                        && !entry.2.iter().any(|s| s == spelling)
                    {
                        entry.2.push(spelling.to_string());
                    }
                }
            }
        }
        by_key
            .into_iter()
            .map(|(key, (name, kind, names))| (key, name, kind, names))
            .collect()
    }
}
