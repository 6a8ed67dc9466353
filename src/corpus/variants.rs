//! Spelling variants of one person's name within or across articles ("Selenskyj" / "Selensky" /
//! "Zelensky"), and persons introduced by surname alone. Plain data: the caller turns them into
//! diagnostics and quick fixes.
//!
//! Two surnames are variants when they are equal after folding transliteration differences
//! (z/s, w/v, j/y/i, doubled letters, umlauts and accents: "Zelenskyy" ≡ "Selenskyj") and the
//! first names, where both are known, agree. Surnames that still differ after folding by one
//! edit ("Müller" / "Möller") are variants only with the same first name on both sides: many
//! German surnames are one letter apart and name different people.

use crate::analysis::linking::Linked;
use crate::analysis::model::{ByteRange, EntityKind};
use crate::corpus::index::WorkspaceIndex;
use crate::corpus::knowledge_base::{KbEntity, KnowledgeBase};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// One mention whose spelling differs from the suggested one.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantMention {
    pub uri: String,
    pub range: ByteRange,
    /// The text as written ("Selenskys").
    pub written: String,
    /// The text with the suggested spelling, inflection kept ("Selenskyjs").
    pub replacement: String,
}

/// Spellings that name one person.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantGroup {
    /// The spelling to use: the knowledge base's, else the most frequent (the earliest on a tie).
    pub suggested: String,
    pub from_knowledge_base: bool,
    /// Every spelling seen, with its number of mentions, most frequent first.
    pub spellings: Vec<(String, usize)>,
    /// The workspace entity keys involved.
    pub keys: Vec<String>,
    /// The mentions to change.
    pub mentions: Vec<VariantMention>,
}

/// A person whose first mention in an article is a bare surname with no first name or role.
#[derive(Debug, Clone, PartialEq)]
pub struct SurnameOnlyIntroduction {
    pub range: ByteRange,
    pub entity_index: usize,
    pub surname: String,
}

/// Folds the spelling differences transliteration produces: "Zelenskyy", "Selenskyj", "Selensky"
/// and "Selenski" all become "selenski".
pub fn fold_transliteration(name: &str) -> String {
    let mut s = crate::analysis::linking::slug(name);
    s.retain(|c| c != '-');
    for (from, to) in [
        ("tsch", "ch"),
        ("sch", "sh"),
        ("zh", "sh"),
        ("kh", "h"),
        ("ch", "h"),
        ("ae", "a"),
        ("oe", "o"),
        ("ue", "u"),
        ("yj", "y"),
        ("ij", "y"),
        ("iy", "y"),
        ("j", "y"),
        ("y", "i"),
        ("z", "s"),
        ("w", "v"),
        ("ck", "k"),
        ("c", "k"),
    ] {
        // Most names hold few of these: looking first spares a copy per absent pattern.
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// A mention as written with one spelling of the name replaced by another, inflection kept:
/// ("Selenskys", "Selensky", "Selenskyj") → "Selenskyjs", ("Wolodymyr Selensky", "Selensky",
/// "Selenskyj") → "Wolodymyr Selenskyj". `None` when `old` is not in `written` at a word start.
/// For renames and quick fixes.
pub fn respell(written: &str, old: &str, new: &str) -> Option<String> {
    let at = written.rmatch_indices(old).map(|(i, _)| i).find(|&i| {
        written[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })?;
    Some(format!(
        "{}{}{}",
        &written[..at],
        new,
        &written[at + old.len()..]
    ))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

/// A person's surname as written: the last word of the name.
fn surname(name: &str) -> &str {
    name.rsplit_once(' ').map_or(name, |(_, surname)| surname)
}

/// Whether two people, as (folded first name, folded surname), are one name spelled two ways.
fn are_variants(a: (&Option<String>, &str), b: (&Option<String>, &str)) -> bool {
    let same_first = matches!((a.0, b.0), (Some(x), Some(y)) if x == y);
    let first_compatible = same_first || a.0.is_none() || b.0.is_none();
    let (fa, fb) = (a.1, b.1);
    if fa == fb {
        return first_compatible;
    }
    let longest = fa.chars().count().max(fb.chars().count());
    same_first && longest >= 5 && edit_distance(fa, fb) <= (longest / 6).max(1)
}

/// A person of the workspace: key, (folded first name, surname as written), knowledge-base id.
type Person = (String, (Option<String>, String), Option<String>);

/// A person's mention, borrowed from the workspace index.
struct Spelled<'a> {
    uri: &'a str,
    range: ByteRange,
    written: &'a str,
    /// The surname as spelled in this mention, inflection removed.
    spelling: &'a str,
    /// Index into the people of the workspace.
    person: usize,
}

/// Every word folded so far in this process, with its fold. The variant pass runs over the
/// whole workspace after each edit, and a workspace's names hardly change between edits: each
/// way of writing a name is folded once, not once per pass.
static FOLDS: LazyLock<Mutex<FxHashMap<String, Arc<str>>>> = LazyLock::new(Default::default);

/// Beyond this many words the cache starts again, so a long session cannot grow it without end.
const MAX_FOLDS: usize = 100_000;

/// Finds groups of spellings that name one person across the workspace.
pub fn spelling_variants(index: &WorkspaceIndex, kb: &KnowledgeBase) -> Vec<VariantGroup> {
    let mut people: Vec<Person> = Vec::new();
    let mut spelled: Vec<Spelled> = Vec::new();
    let mut folds = FOLDS.lock().unwrap_or_else(PoisonError::into_inner);
    if folds.len() > MAX_FOLDS {
        folds.clear();
    }
    let mut folded = |word: &str| -> Arc<str> {
        if let Some(f) = folds.get(word) {
            return f.clone();
        }
        let f: Arc<str> = fold_transliteration(word).into();
        folds.insert(word.to_string(), f.clone());
        f
    };
    for key in index.keys() {
        if !index.is_ever(&key, EntityKind::Person) {
            continue;
        }
        let Some(entity) = index.entity(&key) else {
            continue;
        };
        if entity.kind != EntityKind::Person {
            continue;
        }
        let (first, surname) = match entity.name.rsplit_once(' ') {
            Some((first, surname)) => (Some(folded(first).to_string()), surname),
            None => (None, entity.name.as_str()),
        };
        let folded_surname = folded(surname);
        let person = people.len();
        people.push((
            key.clone(),
            (first, surname.to_string()),
            entity.kb_id.clone(),
        ));
        for occurrence in &entity.occurrences {
            let (uri, text): (&str, &str) = (occurrence.uri, occurrence.text);
            for m in occurrence
                .mentions
                .iter()
                .filter(|m| !m.derived && m.kind == EntityKind::Person)
            {
                let written = &text[m.range.clone()];
                let last = written.rsplit(' ').next().unwrap_or(written);
                // "Selenskys": the genitive of "Selensky" when the stem folds like the surname.
                let spelling = ["’s", "'s", "’", "'", "s"]
                    .iter()
                    .find_map(|suffix| {
                        last.strip_suffix(suffix).filter(|stem| {
                            folded(stem) == folded_surname && folded(last) != folded_surname
                        })
                    })
                    .unwrap_or(last);
                spelled.push(Spelled {
                    uri,
                    range: m.range.clone(),
                    written,
                    spelling,
                    person,
                });
            }
        }
    }

    spelled.sort_by(|a, b| a.uri.cmp(b.uri).then(a.range.start.cmp(&b.range.start)));

    // Group people whose names are variants (union-find over `people`).
    let mut parent: Vec<usize> = (0..people.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Two people can only be variants when their folded surnames are equal or their folded
    // first names are (see `are_variants`): only pairs within those buckets are compared,
    // not every pair of the workspace's people.
    let folded_surnames: Vec<Arc<str>> = people.iter().map(|p| folded(&p.1.1)).collect();
    let mut buckets: FxHashMap<(bool, &str), Vec<usize>> = FxHashMap::default();
    for (i, person) in people.iter().enumerate() {
        buckets
            .entry((true, &folded_surnames[i]))
            .or_default()
            .push(i);
        if let Some(first) = &person.1.0 {
            buckets.entry((false, first)).or_default().push(i);
        }
    }
    for bucket in buckets.values() {
        for (n, &i) in bucket.iter().enumerate() {
            for &j in &bucket[n + 1..] {
                if are_variants(
                    (&people[i].1.0, &folded_surnames[i]),
                    (&people[j].1.0, &folded_surnames[j]),
                ) {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    parent[rj] = ri;
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..people.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }

    let mut spelled_by_person: Vec<Vec<usize>> = vec![Vec::new(); people.len()];
    for (i, s) in spelled.iter().enumerate() {
        spelled_by_person[s.person].push(i);
    }
    // Groups in the order of their first person (the union order would otherwise decide).
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by_key(|members| members[0]);
    let mut result = Vec::new();
    // Folded once, on the first group that needs it, instead of once per group.
    let mut kb_people = None;
    for members in &groups {
        let keys: Vec<String> = members.iter().map(|&i| people[i].0.clone()).collect();
        let mut mentions: Vec<&Spelled> = members
            .iter()
            .flat_map(|&person| &spelled_by_person[person])
            .map(|&i| &spelled[i])
            .collect();
        mentions.sort_by(|a, b| a.uri.cmp(b.uri).then(a.range.start.cmp(&b.range.start)));
        // Spellings by count, in first-seen (workspace) order for ties.
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in &mentions {
            match counts.iter_mut().find(|(sp, _)| *sp == s.spelling) {
                Some((_, n)) => *n += 1,
                None => counts.push((s.spelling.to_string(), 1)),
            }
        }
        if counts.is_empty() {
            continue;
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let kb_surname = members
            .iter()
            .find_map(|&i| people[i].2.as_deref().and_then(|id| kb.get(id)))
            .or_else(|| {
                let by_surname =
                    kb_people.get_or_insert_with(|| people_by_folded_surname(kb, &mut folded));
                by_surname.get(&*folded(&counts[0].0)).copied()
            })
            .map(|e| surname(&e.name).to_string());
        // One spelling throughout is no variant, unless the knowledge base spells it otherwise.
        if counts.len() < 2 && kb_surname.as_ref().is_none_or(|k| *k == counts[0].0) {
            continue;
        }
        let from_knowledge_base = kb_surname.is_some();
        let suggested = kb_surname.unwrap_or_else(|| counts[0].0.clone());
        let to_fix = mentions
            .iter()
            .filter(|s| s.spelling != suggested)
            .map(|s| {
                let replacement = respell(s.written, s.spelling, &suggested)
                    .unwrap_or_else(|| s.written.to_string());
                VariantMention {
                    uri: s.uri.to_string(),
                    range: s.range.clone(),
                    written: s.written.to_string(),
                    replacement,
                }
            })
            .collect();
        result.push(VariantGroup {
            suggested,
            from_knowledge_base,
            spellings: counts,
            keys,
            mentions: to_fix,
        });
    }
    result
}

/// The knowledge base's people by folded surname, the first of them where several share one.
fn people_by_folded_surname<'k>(
    kb: &'k KnowledgeBase,
    folded: &mut impl FnMut(&str) -> Arc<str>,
) -> FxHashMap<Arc<str>, &'k KbEntity> {
    let mut people = FxHashMap::default();
    for entity in kb.entities() {
        if entity.kind == EntityKind::Person {
            people
                .entry(folded(surname(&entity.name)))
                .or_insert(entity);
        }
    }
    people
}

/// Persons whose first mention in the article is a bare surname with no role next to it.
pub fn surname_only_introductions(text: &str, linked: &Linked) -> Vec<SurnameOnlyIntroduction> {
    let mut found = Vec::new();
    let mut roles_by_entity: FxHashMap<usize, Vec<&ByteRange>> = FxHashMap::default();
    for m in linked
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Role)
    {
        roles_by_entity.entry(m.entity).or_default().push(&m.range);
    }
    for (index, entity) in linked.entities.iter().enumerate() {
        if entity.kind != EntityKind::Person {
            continue;
        }
        let Some(first) = entity
            .mentions
            .iter()
            .map(|&m| &linked.mentions[m])
            .find(|m| !m.derived && m.kind == EntityKind::Person)
        else {
            continue;
        };
        let written = &text[first.range.clone()];
        if written.contains(char::is_whitespace) {
            continue;
        }
        // "Außenminister Rubio" or "Rubio, Außenminister der USA": the role introduces him.
        let near = |gap: &str| gap.chars().all(|c| c.is_whitespace() || c == ',');
        let has_role = roles_by_entity.get(&index).is_some_and(|roles| {
            roles.iter().any(|r| {
                (r.end <= first.range.start && near(&text[r.end..first.range.start]))
                    || (r.start >= first.range.end && near(&text[first.range.end..r.start]))
            })
        });
        if !has_role {
            found.push(SurnameOnlyIntroduction {
                range: first.range.clone(),
                entity_index: index,
                surname: written.to_string(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::linking::link_with;
    use crate::analysis::linking::test_support::{WordLexicon, find, sentences, word_tokens};
    use crate::analysis::model::{Candidate, MentionOrigin};

    fn analyse(text: &str, persons: &[&str], kb: &KnowledgeBase) -> Linked {
        let tokens = word_tokens(text);
        let sentences = sentences(text, &tokens);
        let candidates: Vec<Candidate> = persons
            .iter()
            .map(|p| Candidate {
                range: find(text, p),
                kind: EntityKind::Person,
                derived: false,
                origin: MentionOrigin::Tagger,
                score: 0.9,
            })
            .collect();
        link_with(
            text,
            &tokens,
            &sentences,
            &candidates,
            kb,
            &WordLexicon::news(),
        )
    }

    #[test]
    fn respelling_keeps_inflection() {
        assert_eq!(
            respell("Selenskys", "Selensky", "Selenskyj").as_deref(),
            Some("Selenskyjs")
        );
        assert_eq!(
            respell("Wolodymyr Selensky", "Selensky", "Selenskyj").as_deref(),
            Some("Wolodymyr Selenskyj")
        );
        assert_eq!(
            respell("Selensky’s", "Selensky", "Selenskyj").as_deref(),
            Some("Selenskyj’s")
        );
        assert_eq!(respell("Macron", "Selensky", "Selenskyj"), None);
    }

    #[test]
    fn folds_transliterations() {
        for name in [
            "Selenskyj",
            "Selensky",
            "Zelensky",
            "Zelenskyy",
            "Selenski",
            "Zelenskiy",
        ] {
            assert_eq!(fold_transliteration(name), "selenski", "{name}");
        }
        assert_eq!(
            fold_transliteration("Jermak"),
            fold_transliteration("Yermak")
        );
        assert_ne!(
            fold_transliteration("Müller"),
            fold_transliteration("Möller")
        );
    }

    #[test]
    fn variants_across_articles_suggest_the_majority_spelling() {
        let mut index = WorkspaceIndex::new();
        let kb = KnowledgeBase::empty();
        let a = "Präsident Wolodymyr Selenskyj sprach. Selenskyj sagte, es gehe voran.";
        index.upsert("a.txt", a.into(), analyse(a, &["Wolodymyr Selenskyj"], &kb));
        let b = "Selensky reiste nach Paris. Zelensky traf dort Gerhard Müller und Gerhard Möller, nicht Anna Möller.";
        index.upsert(
            "b.txt",
            b.into(),
            analyse(
                b,
                &[
                    "Selensky",
                    "Zelensky",
                    "Gerhard Müller",
                    "Gerhard Möller",
                    "Anna Möller",
                ],
                &kb,
            ),
        );

        let groups = spelling_variants(&index, &kb);
        type Summary = (String, Vec<(String, usize)>, Vec<(String, String)>);
        let summary: Vec<Summary> = groups
            .iter()
            .map(|g| {
                (
                    g.suggested.clone(),
                    g.spellings.clone(),
                    g.mentions
                        .iter()
                        .map(|m| (m.written.clone(), m.replacement.clone()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "Müller".to_string(),
                    vec![("Müller".to_string(), 1), ("Möller".to_string(), 1)],
                    vec![("Gerhard Möller".to_string(), "Gerhard Müller".to_string())]
                ),
                (
                    "Selenskyj".to_string(),
                    vec![
                        ("Selenskyj".to_string(), 2),
                        ("Selensky".to_string(), 1),
                        ("Zelensky".to_string(), 1)
                    ],
                    vec![
                        ("Selensky".to_string(), "Selenskyj".to_string()),
                        ("Zelensky".to_string(), "Selenskyj".to_string())
                    ]
                ),
            ]
        );
    }

    #[test]
    fn knowledge_base_spelling_wins_and_inflection_is_kept() {
        let (kb, _) = KnowledgeBase::from_sources(&[(
            "kb.toml".into(),
            "[[entity]]\nid = \"selenskyj\"\ntype = \"PER\"\nname = \"Wolodymyr Selenskyj\"\n"
                .into(),
        )]);
        let mut index = WorkspaceIndex::new();
        let a = "Selensky sprach. Selenskys Berater und Selensky selbst.";
        index.upsert("a.txt", a.into(), analyse(a, &["Selensky"], &kb));
        let groups = spelling_variants(&index, &kb);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].suggested, "Selenskyj");
        assert!(groups[0].from_knowledge_base);
        let fixes: Vec<(&str, &str)> = groups[0]
            .mentions
            .iter()
            .map(|m| (m.written.as_str(), m.replacement.as_str()))
            .collect();
        assert_eq!(
            fixes,
            vec![
                ("Selensky", "Selenskyj"),
                ("Selenskys", "Selenskyjs"),
                ("Selensky", "Selenskyj")
            ]
        );
    }

    #[test]
    fn surname_only_first_mentions_are_found() {
        let kb = KnowledgeBase::empty();
        let text = "Jermak erklärte es. Außenminister Rubio reiste ab. Andrij Jermak lachte. Steve Witkoff auch.";
        let linked = analyse(
            text,
            &["Jermak", "Rubio", "Andrij Jermak", "Steve Witkoff"],
            &kb,
        );
        let found: Vec<String> = surname_only_introductions(text, &linked)
            .into_iter()
            .map(|f| f.surname)
            .collect();
        assert_eq!(found, vec!["Jermak"]);
    }
}
