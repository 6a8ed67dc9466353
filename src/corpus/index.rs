//! The entity index over every article of a workspace: which articles mention an entity, where,
//! with which roles; what is under the cursor; fuzzy search over all names.
//!
//! Articles are ordered by their identifier (path or URI), so "the first mention in the
//! workspace" is stable. Entities share a key across articles (the slug of the full name, or the
//! knowledge-base id). A person named only by surname in one article ("Jermak", key `jermak`)
//! joins the full-name entity of another article ("Andrij Jermak", `andrij-jermak`) when exactly
//! one full-name person in the workspace has that surname; a lone genitive ("Putins") joins the
//! same way through its stem.

use crate::analysis::linking::{Linked, slug};
use crate::analysis::model::{ByteRange, Entity, EntityKind, Mention, RoleMention};
use crate::corpus::knowledge_base::KnowledgeBase;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One analysed article.
#[derive(Debug, Clone)]
pub struct Article {
    pub text: String,
    pub linked: Linked,
}

/// One entity as the whole workspace knows it.
#[derive(Debug, Clone)]
pub struct WorkspaceEntity<'a> {
    pub key: String,
    /// The knowledge base's name, else the fullest name any article uses.
    pub name: String,
    pub kind: EntityKind,
    pub kb_id: Option<String>,
    /// Per article, in article order.
    pub occurrences: Vec<Occurrence<'a>>,
}

/// An entity's presence in one article (one article may hold it twice when a surname-only entity
/// of that article joined it).
#[derive(Debug, Clone)]
pub struct Occurrence<'a> {
    pub uri: &'a str,
    pub text: &'a str,
    /// Index into the article's `Linked::entities`.
    pub entity_index: usize,
    pub entity: &'a Entity,
    /// In text order.
    pub mentions: Vec<&'a Mention>,
}

impl<'a> WorkspaceEntity<'a> {
    pub fn mention_count(&self) -> usize {
        self.occurrences.iter().map(|o| o.mentions.len()).sum()
    }

    /// The first mention that names the entity (not a role or derived word) in the first article
    /// that has one; the introduction go-to-definition offers.
    pub fn first_mention(&self) -> Option<(&'a str, &'a Mention)> {
        self.occurrences.iter().find_map(|o| {
            o.mentions
                .iter()
                .find(|m| !m.derived && m.kind != EntityKind::Role)
                .map(|m| (o.uri, *m))
        })
    }

    /// Every role with the article it comes from.
    pub fn roles(&self) -> Vec<(&'a str, &'a RoleMention)> {
        self.occurrences
            .iter()
            .flat_map(|o| o.entity.roles.iter().map(move |r| (o.uri, r)))
            .collect()
    }

    /// Every mention across the workspace: article order, then text order.
    pub fn references(&self) -> Vec<(&'a str, ByteRange)> {
        let mut refs: Vec<(&str, ByteRange)> = self
            .occurrences
            .iter()
            .flat_map(|o| o.mentions.iter().map(move |m| (o.uri, m.range.clone())))
            .collect();
        refs.sort_by(|a, b| a.0.cmp(b.0).then(a.1.start.cmp(&b.1.start)));
        refs
    }
}

/// The entity under a cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityHit {
    /// The workspace key (after cross-article joining).
    pub key: String,
    /// Index into the article's `Linked::entities` and `Linked::mentions`.
    pub entity_index: usize,
    pub mention_index: usize,
}

/// A workspace-symbol search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolMatch {
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Higher is better.
    pub score: u32,
}

#[derive(Debug, Clone, Default)]
pub struct WorkspaceIndex {
    articles: BTreeMap<String, Article>,
    /// Article key → (uri → entity index).
    by_key: FxHashMap<String, BTreeMap<String, usize>>,
    /// Surname slug → full-name person keys with that surname (with how many articles hold them).
    full_names_by_surname: FxHashMap<String, BTreeMap<String, usize>>,
    /// Keys of persons named by one word only, with how many articles hold them.
    surname_only: FxHashMap<String, usize>,
    /// Full-name person key → its surname slug (the reverse of `full_names_by_surname`).
    surname_of_full_name: FxHashMap<String, String>,
    kb: Arc<KnowledgeBase>,
}

fn is_surname_only(entity: &Entity) -> bool {
    entity.kind == EntityKind::Person && entity.kb_id.is_none() && !entity.name.contains(' ')
}

fn surname_slug(entity: &Entity) -> Option<String> {
    (entity.kind == EntityKind::Person && entity.name.contains(' '))
        .then(|| slug(entity.name.rsplit(' ').next().unwrap_or(&entity.name)))
}

fn bump(map: &mut FxHashMap<String, usize>, key: &str, up: bool) {
    if up {
        *map.entry(key.to_string()).or_insert(0) += 1;
    } else if let Some(n) = map.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            map.remove(key);
        }
    }
}

/// Lower-case, umlauts and accents folded, for matching typed text against names.
fn fold(s: &str) -> String {
    slug(s).replace('-', " ")
}

impl WorkspaceIndex {
    pub fn new() -> WorkspaceIndex {
        WorkspaceIndex::default()
    }

    /// Knowledge-base entities take part in search and completion even before an article
    /// mentions them.
    pub fn set_knowledge_base(&mut self, kb: Arc<KnowledgeBase>) {
        self.kb = kb;
    }

    /// Adds or replaces an article; costs time in proportion to its entities only.
    pub fn upsert(&mut self, uri: &str, text: String, linked: Linked) {
        self.remove(uri);
        self.account(uri, &linked, true);
        self.articles
            .insert(uri.to_string(), Article { text, linked });
    }

    pub fn remove(&mut self, uri: &str) {
        if let Some(old) = self.articles.remove(uri) {
            self.account(uri, &old.linked, false);
        }
    }

    fn account(&mut self, uri: &str, linked: &Linked, add: bool) {
        for (i, entity) in linked.entities.iter().enumerate() {
            if add {
                self.by_key
                    .entry(entity.key.clone())
                    .or_default()
                    .insert(uri.to_string(), i);
            } else if let Some(holders) = self.by_key.get_mut(&entity.key) {
                holders.remove(uri);
                if holders.is_empty() {
                    self.by_key.remove(&entity.key);
                }
            }
            if is_surname_only(entity) {
                bump(&mut self.surname_only, &entity.key, add);
            }
            if let Some(surname) = surname_slug(entity) {
                let keys = self
                    .full_names_by_surname
                    .entry(surname.clone())
                    .or_default();
                let n = keys.entry(entity.key.clone()).or_insert(0);
                if add {
                    *n += 1;
                    self.surname_of_full_name
                        .insert(entity.key.clone(), surname.clone());
                } else {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        keys.remove(&entity.key);
                        self.surname_of_full_name.remove(&entity.key);
                    }
                    if keys.is_empty() {
                        self.full_names_by_surname.remove(&surname);
                    }
                }
            }
        }
    }

    pub fn article(&self, uri: &str) -> Option<&Article> {
        self.articles.get(uri)
    }

    /// Article identifiers in workspace order.
    pub fn uris(&self) -> impl Iterator<Item = &str> {
        self.articles.keys().map(String::as_str)
    }

    /// The workspace key of an article-level key: a surname-only person joins the one full-name
    /// person with that surname, if there is exactly one.
    pub fn workspace_key(&self, key: &str) -> String {
        if !self.surname_only.contains_key(key) {
            return key.to_string();
        }
        let stems = [Some(key), key.strip_suffix('s')];
        for stem in stems.into_iter().flatten() {
            if let Some(keys) = self.full_names_by_surname.get(stem) {
                if keys.len() == 1 {
                    return keys.keys().next().cloned().unwrap_or_default();
                }
                return key.to_string();
            }
        }
        key.to_string()
    }

    /// Article-level keys that make up one workspace entity.
    fn member_keys(&self, key: &str) -> Vec<&str> {
        let mut members: Vec<&str> = Vec::new();
        if let Some((k, _)) = self.by_key.get_key_value(key) {
            members.push(k);
        }
        // Only a person's surname, or its genitive, can join it (see `workspace_key`).
        let Some(surname) = self.surname_of_full_name.get(key) else {
            return members;
        };
        for candidate in [surname.clone(), format!("{surname}s")] {
            if let Some((surname_key, _)) = self.surname_only.get_key_value(&candidate) {
                if surname_key != key && self.workspace_key(surname_key) == key {
                    members.push(surname_key);
                }
            }
        }
        members
    }

    /// Every workspace key, sorted.
    pub fn keys(&self) -> Vec<String> {
        let keys: BTreeSet<String> = self.by_key.keys().map(|k| self.workspace_key(k)).collect();
        keys.into_iter().collect()
    }

    /// Whether any article names the entity of `key` as a `kind`: a cheap test before
    /// [`Self::entity`] gathers every occurrence.
    pub fn is_ever(&self, key: &str, kind: EntityKind) -> bool {
        let key = &self.workspace_key(key);
        self.member_keys(key).into_iter().any(|member| {
            self.by_key
                .get(member)
                .into_iter()
                .flatten()
                .any(|(uri, &index)| self.articles[uri].linked.entities[index].kind == kind)
        })
    }

    /// The workspace entity for a key; an article-level key that joined another ("jermak")
    /// gives the joined entity ("andrij-jermak").
    pub fn entity(&self, key: &str) -> Option<WorkspaceEntity<'_>> {
        let key = &self.workspace_key(key);
        let mut occurrences = Vec::new();
        for member in self.member_keys(key) {
            for (uri, &index) in &self.by_key[member] {
                let article = &self.articles[uri];
                let entity = &article.linked.entities[index];
                occurrences.push(Occurrence {
                    uri: uri.as_str(),
                    text: article.text.as_str(),
                    entity_index: index,
                    entity,
                    mentions: entity
                        .mentions
                        .iter()
                        .map(|&m| &article.linked.mentions[m])
                        .collect(),
                });
            }
        }
        occurrences.sort_by(|a, b| {
            a.uri.cmp(b.uri).then(
                a.mentions
                    .first()
                    .map(|m| m.range.start)
                    .cmp(&b.mentions.first().map(|m| m.range.start)),
            )
        });
        let first = occurrences.first()?;
        let kb_id = occurrences.iter().find_map(|o| o.entity.kb_id.clone());
        let name = match kb_id.as_deref().and_then(|id| self.kb.get(id)) {
            Some(kb_entity) => kb_entity.name.clone(),
            // The fullest name; the earliest article's on a tie.
            None => occurrences
                .iter()
                .map(|o| &o.entity.name)
                .fold(String::new(), |best, n| {
                    if n.split(' ').count() > best.split(' ').filter(|w| !w.is_empty()).count() {
                        n.clone()
                    } else {
                        best
                    }
                }),
        };
        Some(WorkspaceEntity {
            key: key.to_string(),
            name,
            kind: first.entity.kind,
            kb_id,
            occurrences,
        })
    }

    /// The entity whose mention covers `offset` in the article (the innermost one: a name inside
    /// a role wins).
    pub fn entity_at(&self, uri: &str, offset: usize) -> Option<EntityHit> {
        let linked = &self.articles.get(uri)?.linked;
        let (mention_index, mention) = linked
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.range.start <= offset && offset <= m.range.end)
            .min_by_key(|(_, m)| m.range.len())?;
        let entity = &linked.entities[mention.entity];
        Some(EntityHit {
            key: self.workspace_key(&entity.key),
            entity_index: mention.entity,
            mention_index,
        })
    }

    /// Every name an entity goes by: its names in the articles, their surnames, and
    /// knowledge-base aliases.
    fn names(&self) -> Vec<(String, String, EntityKind)> {
        let mut names: BTreeSet<(String, String, EntityKind)> = BTreeSet::new();
        for (key, holders) in &self.by_key {
            let workspace_key = self.workspace_key(key);
            for (uri, &index) in holders {
                let entity = &self.articles[uri].linked.entities[index];
                if entity.kind == EntityKind::Role {
                    continue;
                }
                names.insert((entity.name.clone(), workspace_key.clone(), entity.kind));
                if let Some(surname) = entity
                    .name
                    .rsplit(' ')
                    .next()
                    .filter(|_| entity.kind == EntityKind::Person)
                {
                    names.insert((surname.to_string(), workspace_key.clone(), entity.kind));
                }
            }
        }
        for entity in self.kb.entities() {
            for name in entity.names() {
                names.insert((name.to_string(), entity.id.clone(), entity.kind));
            }
        }
        names.into_iter().collect()
    }

    /// Fuzzy search over every name: exact, prefix, word prefix, substring, then subsequence
    /// ("slnsk" finds Selenskyj), case-, umlaut- and accent-insensitive. One result per entity,
    /// best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SymbolMatch> {
        let query = fold(query);
        let mut best: FxHashMap<String, SymbolMatch> = FxHashMap::default();
        for (name, key, kind) in self.names() {
            let Some(score) = match_score(&query, &fold(&name)) else {
                continue;
            };
            let better = best.get(&key).is_none_or(|b| score > b.score);
            if better {
                best.insert(
                    key.clone(),
                    SymbolMatch {
                        key,
                        name,
                        kind,
                        score,
                    },
                );
            }
        }
        let mut results: Vec<SymbolMatch> = best.into_values().collect();
        results.sort_by(|a, b| b.score.cmp(&a.score).then(a.name.cmp(&b.name)));
        results.truncate(limit);
        results
    }
}

/// How well a folded query matches a folded name; `None` when it does not.
fn match_score(query: &str, name: &str) -> Option<u32> {
    if query.is_empty() {
        return Some(1);
    }
    let length_penalty = name.len().saturating_sub(query.len()).min(99) as u32;
    if name == query {
        return Some(1000);
    }
    if name.starts_with(query) {
        return Some(800 - length_penalty);
    }
    if name.split(' ').any(|w| w.starts_with(query)) {
        return Some(600 - length_penalty);
    }
    if name.contains(query) {
        return Some(400 - length_penalty);
    }
    // Subsequence: every query letter in order; fewer gaps is better.
    let mut gaps = 0u32;
    let mut name_chars = name.chars();
    for q in query.chars().filter(|c| *c != ' ') {
        loop {
            match name_chars.next() {
                Some(c) if c == q => break,
                Some(_) => gaps += 1,
                None => return None,
            }
        }
    }
    Some(200u32.saturating_sub(gaps * 5).max(10))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::model::MentionOrigin;

    /// A hand-made article: names with their kinds, each mention a whole occurrence of the name.
    fn article(text: &str, entities: &[(&str, &str, EntityKind, &[&str])]) -> Linked {
        let mut linked = Linked::default();
        for (i, (key, name, kind, surfaces)) in entities.iter().enumerate() {
            let mut e = Entity {
                key: key.to_string(),
                name: name.to_string(),
                kind: *kind,
                mentions: vec![],
                roles: vec![],
                kb_id: None,
            };
            for surface in *surfaces {
                for (start, _) in text.match_indices(surface) {
                    e.mentions.push(linked.mentions.len());
                    linked.mentions.push(Mention {
                        range: start..start + surface.len(),
                        kind: *kind,
                        entity: i,
                        derived: false,
                        origin: MentionOrigin::Tagger,
                    });
                }
            }
            linked.entities.push(e);
        }
        linked
    }

    fn workspace() -> WorkspaceIndex {
        use EntityKind::*;
        let mut index = WorkspaceIndex::new();
        let a = "Der Leiter der Kiewer Präsidialverwaltung, Andrij Jermak, ist in Paris.";
        let mut linked_a = article(
            a,
            &[
                ("andrij-jermak", "Andrij Jermak", Person, &["Andrij Jermak"]),
                ("paris", "Paris", Location, &["Paris"]),
            ],
        );
        linked_a.entities[0].roles.push(RoleMention {
            role: "Leiter der Kiewer Präsidialverwaltung".into(),
            range: 4..41,
        });
        index.upsert("a.txt", a.to_string(), linked_a);
        let b = "Jermak erklärte in Paris, Putins Angriff gehe weiter.";
        index.upsert(
            "b.txt",
            b.to_string(),
            article(
                b,
                &[
                    ("jermak", "Jermak", Person, &["Jermak"]),
                    ("paris", "Paris", Location, &["Paris"]),
                    ("putins", "Putins", Person, &["Putins"]),
                ],
            ),
        );
        let c = "Wladimir Putin und Emmanuel Macron in Paris.";
        index.upsert(
            "c.txt",
            c.to_string(),
            article(
                c,
                &[
                    (
                        "wladimir-putin",
                        "Wladimir Putin",
                        Person,
                        &["Wladimir Putin"],
                    ),
                    (
                        "emmanuel-macron",
                        "Emmanuel Macron",
                        Person,
                        &["Emmanuel Macron"],
                    ),
                    ("paris", "Paris", Location, &["Paris"]),
                ],
            ),
        );
        index
    }

    #[test]
    fn is_ever_tells_the_kinds_an_entity_is_named_as() {
        let index = workspace();
        assert!(index.is_ever("andrij-jermak", EntityKind::Person));
        // A surname-only key answers for the full name it joined.
        assert!(index.is_ever("jermak", EntityKind::Person));
        assert!(!index.is_ever("paris", EntityKind::Person));
        assert!(index.is_ever("paris", EntityKind::Location));
        assert!(!index.is_ever("nobody", EntityKind::Person));
    }

    #[test]
    fn joins_surnames_and_genitives_across_articles() {
        let index = workspace();
        assert_eq!(index.workspace_key("jermak"), "andrij-jermak");
        assert_eq!(index.workspace_key("putins"), "wladimir-putin");
        assert_eq!(
            index.keys(),
            vec![
                "andrij-jermak",
                "emmanuel-macron",
                "paris",
                "wladimir-putin"
            ]
        );

        let jermak = index.entity("andrij-jermak").unwrap();
        assert_eq!(jermak.name, "Andrij Jermak");
        assert_eq!(jermak.mention_count(), 2);
        assert_eq!(
            jermak.references(),
            vec![("a.txt", 44..57), ("b.txt", 0..6)]
        );
        assert_eq!(
            jermak
                .first_mention()
                .map(|(uri, m)| (uri, m.range.clone())),
            Some(("a.txt", 44..57))
        );
        assert_eq!(
            jermak
                .roles()
                .iter()
                .map(|(uri, r)| (*uri, r.role.as_str()))
                .collect::<Vec<_>>(),
            vec![("a.txt", "Leiter der Kiewer Präsidialverwaltung")]
        );

        assert_eq!(
            index.entity("jermak").map(|e| e.key),
            Some("andrij-jermak".to_string())
        );
        let hit = index.entity_at("b.txt", 3).unwrap();
        assert_eq!(
            hit,
            EntityHit {
                key: "andrij-jermak".into(),
                entity_index: 0,
                mention_index: 0
            }
        );
        assert_eq!(index.entity_at("b.txt", 8), None);

        let paris = index.entity("paris").unwrap();
        assert_eq!(
            paris.occurrences.iter().map(|o| o.uri).collect::<Vec<_>>(),
            vec!["a.txt", "b.txt", "c.txt"]
        );
    }

    #[test]
    fn two_full_names_with_one_surname_leave_the_surname_alone() {
        let mut index = workspace();
        let d = "Olena Jermak sprach.";
        index.upsert(
            "d.txt",
            d.to_string(),
            article(
                d,
                &[(
                    "olena-jermak",
                    "Olena Jermak",
                    EntityKind::Person,
                    &["Olena Jermak"],
                )],
            ),
        );
        assert_eq!(index.workspace_key("jermak"), "jermak");
        // Removing the article restores the join.
        index.remove("d.txt");
        assert_eq!(index.workspace_key("jermak"), "andrij-jermak");
        // Replacing an article replaces its entities.
        index.upsert("c.txt", "Nichts.".into(), Linked::default());
        assert!(index.entity("emmanuel-macron").is_none());
        assert_eq!(index.workspace_key("putins"), "putins");
    }

    #[test]
    fn fuzzy_search_and_completion() {
        let index = workspace();
        let found: Vec<(String, u32)> = index
            .search("jermak", 10)
            .into_iter()
            .map(|m| (m.key, m.score))
            .collect();
        assert_eq!(found, vec![("andrij-jermak".to_string(), 1000)]);
        let found: Vec<String> = index
            .search("wlput", 10)
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(found, vec!["Wladimir Putin"]);
        let found: Vec<String> = index.search("ma", 10).into_iter().map(|m| m.name).collect();
        assert_eq!(found, vec!["Macron", "Jermak"]);
    }
}
