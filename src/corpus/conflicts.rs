//! Where articles contradict each other: roles that cannot both hold at once, the same
//! quantity about the same subject with different values, and the same statement given
//! to different speakers. Each conflict names both places, so each article's diagnostic
//! can point at the other.

use super::queries::Place;
use super::workspace::Corpus;
use crate::analysis::model::{ByteRange, ClaimKind, Comparison, Figure};

#[derive(Debug, Clone, PartialEq)]
pub enum ConflictKind {
    /// "ehemaligen Präsidenten" here, "US-Präsident" there.
    Role {
        entity: String,
        office: String,
    },
    Figure {
        subject: String,
        unit: String,
    },
    Speaker {
        statement: String,
    },
}

/// Two places that contradict each other, with what each says.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub places: [Place; 2],
    pub says: [String; 2],
}

/// Words that make an office a past one.
const FORMER_MARKERS: &[&str] = &[
    "ehemalig", "früher", "frühere", "vormalig", "einstig", "ex-", "alt-", "damalig",
];

/// A role as (office, former?): "ehemaligen Präsidenten" → ("präsident", true),
/// "US-Präsident" → ("präsident", false), "Frankreichs Staatspräsident" → ("präsident", false).
pub fn office_of(role: &str) -> Option<(String, bool)> {
    let lower = role.to_lowercase();
    let former = FORMER_MARKERS.iter().any(|m| lower.contains(m));
    // The head noun is the last word; compounds keep their last part ("Staatspräsident").
    let head = lower
        .split_whitespace()
        .rfind(|w| w.chars().next().is_some_and(char::is_alphabetic))?;
    let head = head.rsplit('-').next().unwrap_or(head);
    let head = head.trim_matches(|c: char| !c.is_alphabetic());
    for office in OFFICES {
        if let Some(at) = head.rfind(office) {
            let ending = &head[at + office.len()..];
            if matches!(ending, "" | "en" | "n" | "s" | "in" | "innen") {
                return Some((office.to_string(), former));
            }
        }
    }
    None
}

/// Offices a person holds one at a time; the last word of a role is matched against them.
const OFFICES: &[&str] = &[
    "präsident",
    "kanzler",
    "minister",
    "ministerpräsident",
    "bürgermeister",
    "premierminister",
    "regierungschef",
    "staatschef",
    "gouverneur",
    "senator",
    "abgeordnete",
    "vorsitzende",
    "chef",
    "sprecher",
    "botschafter",
    "gesandte",
    "generalsekretär",
    "könig",
    "papst",
    "leiter",
    "direktor",
    "trainer",
];

impl Corpus {
    /// Every conflict in the corpus, in a stable order.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut found = self.role_conflicts();
        found.extend(self.figure_conflicts());
        found.extend(self.speaker_conflicts());
        found
    }

    fn role_conflicts(&self) -> Vec<Conflict> {
        // (entity key, office) → places where it is current / former.
        type Seen = Vec<(Place, String)>;
        let mut offices: std::collections::BTreeMap<(String, String), (Seen, Seen)> =
            Default::default();
        for (id, article) in self.articles() {
            for entity in &article.analysis.entities {
                for role in &entity.roles {
                    let Some((office, former)) = office_of(&role.role) else {
                        continue;
                    };
                    let entry = offices.entry((entity.key.clone(), office)).or_default();
                    let place = (
                        Place {
                            article: id.to_string(),
                            range: role.range.clone(),
                        },
                        role.role.clone(),
                    );
                    if former {
                        entry.1.push(place)
                    } else {
                        entry.0.push(place)
                    }
                }
            }
        }
        let mut found = Vec::new();
        for ((entity, office), (current, former)) in offices {
            for (now, now_text) in &current {
                // Within one article "der ehemalige Präsident" next to "Präsident" is usually
                // narration of the past; across articles it is a contradiction to check.
                for (then, then_text) in former.iter().filter(|(p, _)| p.article != now.article) {
                    found.push(Conflict {
                        kind: ConflictKind::Role {
                            entity: entity.clone(),
                            office: office.clone(),
                        },
                        places: [now.clone(), then.clone()],
                        says: [now_text.clone(), then_text.clone()],
                    });
                }
            }
        }
        found
    }

    fn figure_conflicts(&self) -> Vec<Conflict> {
        // (subject key, unit) → (place, figure) from every numeric claim that names a subject.
        let mut figures: std::collections::BTreeMap<(String, String), Vec<(Place, Figure)>> =
            Default::default();
        for (id, article) in self.articles() {
            let analysis = &article.analysis;
            for claim in &analysis.claims {
                let subjects: Vec<&str> = analysis
                    .mentions
                    .iter()
                    .filter(|m| !m.derived && contains(&claim.range, &m.range))
                    .filter(|m| Some(m.entity) != claim.speaker_entity)
                    .filter_map(|m| analysis.entities.get(m.entity).map(|e| e.key.as_str()))
                    .collect();
                for figure in &claim.figures {
                    if figure.unit == "date" || figure.unit == "year" {
                        continue;
                    }
                    for subject in &subjects {
                        let place = Place {
                            article: id.to_string(),
                            range: figure.range.clone(),
                        };
                        let entry = figures
                            .entry((subject.to_string(), figure.unit.clone()))
                            .or_default();
                        if !entry.iter().any(|(p, _)| p == &place) {
                            entry.push((place, figure.clone()));
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        for ((subject, unit), seen) in figures {
            for (i, (a, fa)) in seen.iter().enumerate() {
                for (b, fb) in &seen[i + 1..] {
                    if a.article != b.article && !compatible(fa, fb) {
                        found.push(Conflict {
                            kind: ConflictKind::Figure {
                                subject: subject.clone(),
                                unit: unit.clone(),
                            },
                            places: [a.clone(), b.clone()],
                            says: [describe(fa), describe(fb)],
                        });
                    }
                }
            }
        }
        found
    }

    fn speaker_conflicts(&self) -> Vec<Conflict> {
        let mut statements: std::collections::BTreeMap<String, Vec<(Place, String)>> =
            Default::default();
        for (id, article) in self.articles() {
            let analysis = &article.analysis;
            for claim in analysis
                .claims
                .iter()
                .filter(|c| matches!(c.kind, ClaimKind::Quote | ClaimKind::Indirect))
            {
                let Some(speaker) = claim.speaker_entity.and_then(|i| analysis.entities.get(i))
                else {
                    continue;
                };
                let statement = normalise_statement(&article.text[claim.range.clone()]);
                if statement.split_whitespace().count() < 4 {
                    continue;
                }
                statements.entry(statement).or_default().push((
                    Place {
                        article: id.to_string(),
                        range: claim.range.clone(),
                    },
                    speaker.key.clone(),
                ));
            }
        }
        let mut found = Vec::new();
        for (statement, seen) in statements {
            for (i, (a, sa)) in seen.iter().enumerate() {
                for (b, sb) in &seen[i + 1..] {
                    if sa != sb {
                        found.push(Conflict {
                            kind: ConflictKind::Speaker {
                                statement: statement.clone(),
                            },
                            places: [a.clone(), b.clone()],
                            says: [sa.clone(), sb.clone()],
                        });
                    }
                }
            }
        }
        found
    }
}

fn contains(outer: &ByteRange, inner: &ByteRange) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether two figures can both be true: equal values, or ranges ("über 40", "rund 45")
/// that overlap.
fn compatible(a: &Figure, b: &Figure) -> bool {
    let (a_low, a_high) = bounds(a);
    let (b_low, b_high) = bounds(b);
    a_low <= b_high && b_low <= a_high
}

fn bounds(figure: &Figure) -> (f64, f64) {
    let v = figure.value;
    match figure.comparison {
        Comparison::Exactly => (v, v),
        // "rund", "etwa": within a tenth either way.
        Comparison::About => (v * 0.9, v * 1.1),
        Comparison::MoreThan | Comparison::AtLeast => (v, f64::INFINITY),
        Comparison::LessThan | Comparison::AtMost => (f64::NEG_INFINITY, v),
    }
}

pub fn describe(figure: &Figure) -> String {
    let comparison = match figure.comparison {
        Comparison::Exactly => "",
        Comparison::About => "~ ",
        Comparison::MoreThan => "> ",
        Comparison::LessThan => "< ",
        Comparison::AtMost => "≤ ",
        Comparison::AtLeast => "≥ ",
    };
    let value = if figure.value.fract() == 0.0 {
        format!("{}", figure.value as i64)
    } else {
        figure.value.to_string()
    };
    format!("{comparison}{value} {}", figure.unit)
}

fn normalise_statement(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_and_former_markers() {
        assert_eq!(
            office_of("ehemaligen Präsidenten"),
            Some(("präsident".into(), true))
        );
        assert_eq!(office_of("US-Präsident"), Some(("präsident".into(), false)));
        assert_eq!(
            office_of("Staatspräsident"),
            Some(("präsident".into(), false))
        );
        assert_eq!(
            office_of("deutscher Verteidigungsminister"),
            Some(("minister".into(), false))
        );
        assert_eq!(office_of("Ex-Kanzler"), Some(("kanzler".into(), true)));
        assert_eq!(office_of("Grünen-Politiker"), None);
    }

    #[test]
    fn figures_conflict_only_when_they_cannot_both_hold() {
        let figure = |value, comparison| Figure {
            range: 0..1,
            value,
            unit: "%".into(),
            comparison,
        };
        assert!(compatible(
            &figure(40.0, Comparison::MoreThan),
            &figure(45.0, Comparison::About)
        ));
        assert!(!compatible(
            &figure(40.0, Comparison::MoreThan),
            &figure(30.0, Comparison::Exactly)
        ));
        assert!(!compatible(
            &figure(30.0, Comparison::Exactly),
            &figure(35.0, Comparison::Exactly)
        ));
        assert_eq!(describe(&figure(40.0, Comparison::MoreThan)), "> 40 %");
    }
}
