//! Roles and titles attached to persons: "Außenminister Marco Rubio", "Boris Pistorius, deutscher
//! Verteidigungsminister,", "Der Leiter der Kiewer Präsidialverwaltung, Andrij Jermak,".
//!
//! A role span is a role noun (or a compound ending in one: "Staatspräsident", "US-Präsident",
//! "Grünen-Politiker") with the adjectives before it ("ehemaligen Präsidenten") and one genitive
//! complement after it ("Leiter der Kiewer Präsidialverwaltung"). It is attached to the person it
//! describes by apposition before or after the name, or through a genitive chain ("den
//! Sondergesandten des ehemaligen Präsidenten Donald Trump, Steve Witkoff": the envoy is Witkoff).

use crate::analysis::linking::NameLexicon;
use crate::analysis::model::ByteRange;
use crate::text::tokens::{Token, TokenKind};

/// A role found in the text and the person (index into the `persons` slice given to
/// [`find_roles`]) it is attached to, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSpan {
    /// The whole title with its modifiers and complement.
    pub range: ByteRange,
    /// The role noun itself ("Präsidenten" in "ehemaligen Präsidenten").
    pub head: ByteRange,
    pub person: Option<usize>,
}

/// Articles, possessives and quantifiers: they end a title on the left ("ihren Außenminister" is
/// the role "Außenminister").
const NOT_TITLE_WORDS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "sein", "seine", "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren", "ihrem",
    "ihrer", "ihres", "unser", "unsere", "unseren", "unserem", "unserer", "dieser", "diese",
    "diesen", "diesem", "dieses", "jener", "jene", "jenen", "welche", "welcher", "welchen",
    "beide", "beiden", "alle", "allen", "viele", "vielen", "mehrere", "einige", "einigen",
    "andere", "anderen", "anderer", "weitere", "weiteren", "weiterer", "keine", "keinen", "jeder",
    "jede", "jeden", "jedem", "zwei", "drei", "vier", "fünf", "mehr", "sowie", "oder", "aber",
    "sondern", "wie", "wenn", "als", "unter", "über", "hinter", "vor", "nach", "gegen", "ohne",
    "seitens",
];

fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word` names a role. Inflection ("Präsidenten") and compounds ("Staatspräsident",
/// "US-Präsident") are the lexicon's business: it also knows the words that only end like a
/// role ("Lautsprecher"). Role nouns are capitalised; a lower-case word never is one.
pub fn is_role_word(word: &str, lexicon: &dyn NameLexicon) -> bool {
    starts_uppercase(word) && lexicon.is_role_noun(word)
}

fn is_title_modifier(word: &str, lexicon: &dyn NameLexicon) -> bool {
    if NOT_TITLE_WORDS.contains(&word) {
        return false;
    }
    let adjective_ending = ["e", "en", "er", "es", "em"]
        .iter()
        .any(|e| word.ends_with(e));
    if starts_uppercase(word) {
        // "Kiewer Bürgermeister": a capitalised word derived from a place.
        return word.ends_with("er") && lexicon.place_of_derived_word(word).is_some();
    }
    adjective_ending && word.chars().all(char::is_alphabetic)
}

/// Prepositions that may open a noun phrase without an article ("mit ukrainischen Ministern").
const PREPOSITIONS: &[&str] = &[
    "mit", "von", "für", "bei", "zu", "aus", "an", "auf", "in", "durch", "zwischen", "laut",
];

/// Articles and article-fused prepositions that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "sein", "seine", "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren", "ihrem",
    "ihrer", "ihres", "unser", "unsere", "unseren", "unserem", "unserer", "dieser", "diese",
    "diesen", "diesem", "dieses", "vom", "zum", "zur", "beim", "im", "am",
];

/// Whether the lower-case words `first..head` really modify the role noun. A verb before a title
/// ("sagte Außenminister Rubio", "erklärte Präsident …") looks like an adjective by its ending,
/// so a run of modifiers counts only after an article, quantifier or preposition ("dem
/// russischen Präsidenten", "zwei weiteren hochrangigen Ministern"), or as a single word that is
/// no past-tense form after a comma, a name or the sentence start ("Pistorius, deutscher
/// Verteidigungsminister", "Frankreichs ehemaliger Präsident").
fn modifiers_belong_to_title(words: &Words, first: usize, head: usize) -> bool {
    let before = first.checked_sub(1).map(|b| words.word(b));
    let opener = |b: &str| {
        let b = b.to_lowercase();
        DETERMINERS.contains(&b.as_str())
            || NOT_TITLE_WORDS.contains(&b.as_str())
            || PREPOSITIONS.contains(&b.as_str())
    };
    if before.is_some_and(opener) {
        return true;
    }
    let single = head - first == 1;
    let word = words.word(first);
    let past_tense = word.ends_with("te") || word.ends_with("ten");
    let opens = before.is_none_or(|b| b == "," || starts_uppercase(b));
    single && !past_tense && opens
}

struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Words<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].range.clone()]
    }
    fn is(&self, i: usize, s: &str) -> bool {
        i < self.tokens.len() && self.word(i) == s
    }
    fn is_word(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == TokenKind::Word
    }
}

/// Finds role spans and attaches them. `persons` are the article's person mentions and `names`
/// all its other name mentions (organisations, places), both sorted by start and
/// non-overlapping; a title never swallows a person, but may contain a place or organisation
/// ("Präsident der Ukraine"). `role_words` tells for each token whether it is a word
/// [`is_role_word`] accepts.
pub fn find_roles(
    text: &str,
    tokens: &[Token],
    role_words: &[bool],
    persons: &[ByteRange],
    names: &[ByteRange],
    lexicon: &dyn NameLexicon,
) -> Vec<RoleSpan> {
    let words = Words { text, tokens };
    let inside = |ranges: &[ByteRange], r: &ByteRange| {
        ranges.iter().any(|p| p.start < r.end && r.start < p.end)
    };
    let person_starting_at = |i: usize| {
        tokens
            .get(i)
            .and_then(|t| persons.iter().position(|p| p.start == t.range.start))
    };
    let person_ending_at = |i: usize| {
        tokens
            .get(i)
            .and_then(|t| persons.iter().position(|p| p.end == t.range.end))
    };
    let name_starting_at = |i: usize| {
        tokens
            .get(i)
            .and_then(|t| names.iter().find(|n| n.start == t.range.start))
    };

    // Token spans (first, last inclusive, head) of every role.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if !role_words[i] || inside(persons, &t.range) {
            i += 1;
            continue;
        }
        let mut first = i;
        while first > 0
            && words.is_word(first - 1)
            && !inside(persons, &tokens[first - 1].range)
            && is_title_modifier(words.word(first - 1), lexicon)
        {
            first -= 1;
        }
        if first < i && !modifiers_belong_to_title(&words, first, i) {
            first = i;
        }
        let mut last = i;
        if words.is(i + 1, "der") || words.is(i + 1, "des") {
            let mut j = i + 2;
            if let Some(name) = name_starting_at(j) {
                while j + 1 < tokens.len() && tokens[j + 1].range.end <= name.end {
                    j += 1;
                }
                last = j;
            } else {
                // Adjectives, including place adjectives the lexicon may not know yet when a
                // capitalised noun follows ("der Kiewer Präsidialverwaltung").
                let place_adjective = |j: usize| {
                    let w = words.word(j);
                    starts_uppercase(w)
                        && w.ends_with("er")
                        && words.is_word(j + 1)
                        && starts_uppercase(words.word(j + 1))
                        && person_starting_at(j + 1).is_none()
                };
                while words.is_word(j)
                    && (is_title_modifier(words.word(j), lexicon) || place_adjective(j))
                {
                    j += 1;
                }
                if words.is_word(j)
                    && starts_uppercase(words.word(j))
                    && person_starting_at(j).is_none()
                    && !role_words[j]
                {
                    last = j;
                }
            }
        }
        spans.push((first, last, i));
        i = last + 1;
    }

    let mut roles: Vec<RoleSpan> = spans
        .iter()
        .map(|&(first, last, head)| RoleSpan {
            range: tokens[first].range.start..tokens[last].range.end,
            head: tokens[head].range.clone(),
            person: None,
        })
        .collect();

    // Apposition before the name: "Außenminister Marco Rubio", "Der Leiter …, Andrij Jermak,".
    let person_after = |last: usize| {
        person_starting_at(last + 1).or_else(|| {
            if words.is(last + 1, ",") {
                person_starting_at(last + 2)
            } else {
                None
            }
        })
    };
    for (role, &(_, last, _)) in roles.iter_mut().zip(&spans) {
        role.person = person_after(last);
    }
    // Genitive chain: "den Sondergesandten des ehemaligen Präsidenten Donald Trump, Steve Witkoff".
    for k in 0..spans.len() {
        let (_, last, _) = spans[k];
        if roles[k].person.is_some() || !(words.is(last + 1, "des") || words.is(last + 1, "der")) {
            continue;
        }
        let Some(next) = spans.iter().position(|s| s.0 == last + 2) else {
            continue;
        };
        let Some(owner) = roles[next].person else {
            continue;
        };
        let Some(owner_last) = tokens
            .iter()
            .rposition(|t| t.range.end == persons[owner].end)
        else {
            continue;
        };
        if words.is(owner_last + 1, ",") {
            roles[k].person = person_starting_at(owner_last + 2);
        }
    }
    // Apposition after the name: "Boris Pistorius, deutscher Verteidigungsminister, äußerte",
    // also with an article: "Andrij Jermak, der Leiter der Präsidialverwaltung, sagte".
    for (role, &(first, last, _)) in roles.iter_mut().zip(&spans) {
        let article = first > 0 && ["der", "die", "das"].iter().any(|a| words.is(first - 1, a));
        let first = if article { first - 1 } else { first };
        if role.person.is_some() || first < 2 || !words.is(first - 1, ",") {
            continue;
        }
        let closes = last + 1 >= tokens.len()
            || matches!(
                words.word(last + 1),
                "," | "." | ";" | ")" | "–" | "-" | ":" | "!" | "?"
            );
        if closes {
            role.person = person_ending_at(first - 2);
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::linking::test_support::{WordLexicon, find, word_tokens};

    fn roles_in(text: &str, persons: &[&str]) -> Vec<(String, Option<String>)> {
        let tokens = word_tokens(text);
        let persons: Vec<ByteRange> = persons.iter().map(|p| find(text, p)).collect();
        let lexicon = WordLexicon::news();
        let role_words: Vec<bool> = tokens
            .iter()
            .map(|t| t.kind == TokenKind::Word && is_role_word(&text[t.range.clone()], &lexicon))
            .collect();
        find_roles(text, &tokens, &role_words, &persons, &[], &lexicon)
            .into_iter()
            .map(|r| {
                (
                    text[r.range].to_string(),
                    r.person.map(|p| text[persons[p].clone()].to_string()),
                )
            })
            .collect()
    }

    fn pair(role: &str, person: Option<&str>) -> (String, Option<String>) {
        (role.to_string(), person.map(str::to_string))
    }

    #[test]
    fn recognises_role_words_and_compounds() {
        let lexicon = WordLexicon::news();
        for word in [
            "Außenminister",
            "Sondergesandten",
            "US-Präsident",
            "Staatspräsident",
            "Verteidigungsministers",
            "Grünen-Politiker",
            "Präsidenten",
        ] {
            assert!(is_role_word(word, &lexicon), "{word}");
        }
        for word in [
            "Präsidialverwaltung",
            "Minister-",
            "ministerium",
            "Ministerium",
            "Paris",
        ] {
            assert!(!is_role_word(word, &lexicon), "{word}");
        }
    }

    #[test]
    fn apposition_before_the_name_and_genitive_chain() {
        let text = "Die USA entsenden ihren Außenminister Marco Rubio und den Sondergesandten des ehemaligen Präsidenten Donald Trump, Steve Witkoff.";
        assert_eq!(
            roles_in(text, &["Marco Rubio", "Donald Trump", "Steve Witkoff"]),
            vec![
                pair("Außenminister", Some("Marco Rubio")),
                pair("Sondergesandten", Some("Steve Witkoff")),
                pair("ehemaligen Präsidenten", Some("Donald Trump")),
            ]
        );
    }

    #[test]
    fn title_with_genitive_complement_before_a_comma_apposition() {
        let text = "Der Leiter der Kiewer Präsidialverwaltung, Andrij Jermak, ist mit zwei weiteren hochrangigen ukrainischen Ministern eingetroffen.";
        assert_eq!(
            roles_in(text, &["Andrij Jermak"]),
            vec![
                pair(
                    "Leiter der Kiewer Präsidialverwaltung",
                    Some("Andrij Jermak")
                ),
                pair("hochrangigen ukrainischen Ministern", None)
            ]
        );
    }

    #[test]
    fn verbs_before_a_title_are_not_part_of_it() {
        let text = "Dazu sagte Außenminister Marco Rubio nichts. Es erklärte Präsident Emmanuel Macron, er sei bereit.";
        assert_eq!(
            roles_in(text, &["Marco Rubio", "Emmanuel Macron"]),
            vec![
                pair("Außenminister", Some("Marco Rubio")),
                pair("Präsident", Some("Emmanuel Macron"))
            ]
        );
    }

    #[test]
    fn apposition_after_the_name_with_an_article() {
        let text = "Andrij Jermak, der Leiter der Kiewer Präsidialverwaltung, sagte nichts.";
        assert_eq!(
            roles_in(text, &["Andrij Jermak"]),
            vec![pair(
                "Leiter der Kiewer Präsidialverwaltung",
                Some("Andrij Jermak")
            )]
        );
    }

    #[test]
    fn apposition_after_the_name() {
        let text = "Boris Pistorius, deutscher Verteidigungsminister, äußerte Zweifel.";
        assert_eq!(
            roles_in(text, &["Boris Pistorius"]),
            vec![pair(
                "deutscher Verteidigungsminister",
                Some("Boris Pistorius")
            )]
        );
    }

    #[test]
    fn compounds_and_genitive_place_names() {
        let text = "Frankreichs Staatspräsident Emmanuel Macron führte Gespräche mit US-Präsident Donald Trump, wo Grünen-Politiker Daniel Cohn-Bendit forderte.";
        assert_eq!(
            roles_in(
                text,
                &["Emmanuel Macron", "Donald Trump", "Daniel Cohn-Bendit"]
            ),
            vec![
                pair("Staatspräsident", Some("Emmanuel Macron")),
                pair("US-Präsident", Some("Donald Trump")),
                pair("Grünen-Politiker", Some("Daniel Cohn-Bendit")),
            ]
        );
    }
}
