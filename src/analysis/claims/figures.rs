//! Figures: numbers with their qualifier and unit, normalised into (comparison, value, unit).
//! "über 40 Prozent" → (> 40 %), "etwa 30 Ländern" → (~ 30 Land), "15 Millionen Euro" →
//! (= 15000000 EUR), "am 5. August 1930" → (= 19300805 date).

use super::words::{Classes, Word, WordKind, WordView};
use crate::analysis::model::{Comparison, Figure};
use crate::text::tokens::{Sentence, Token};

/// Every figure in `text`, in text order.
pub fn find_figures(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Figure> {
    let view = WordView::new(text, tokens, sentences);
    view.sentences
        .iter()
        .flat_map(|s| figures_in(&view, s.words.clone()))
        .collect()
}

/// The figures among the words `range` of `view`.
pub(crate) fn figures_in(view: &WordView<'_>, range: std::ops::Range<usize>) -> Vec<Figure> {
    let words = &view.words[range.clone()];
    let mut figures = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Most words are no number: look for a qualifier only in front of one.
        if !is_numberish(words, i) {
            i += 1;
            continue;
        }
        let qualified = (1..=3)
            .rev()
            .find(|&n| i >= n && qualifier_at(words, i - n).is_some_and(|(_, at)| at == i));
        let from = qualified.map_or(i, |n| i - n);
        // A qualifier already inside the previous figure is not this one's.
        let from = if figures
            .last()
            .is_some_and(|f: &Figure| f.range.end > words[from].range.start)
        {
            i
        } else {
            from
        };
        match figure_at(words, from) {
            Some((figure, next)) => {
                figures.push(figure);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    figures
}

/// Qualifiers before a number, longest first.
const QUALIFIERS: &[(&[&str], Comparison)] = &[
    (&["mehr", "als"], Comparison::MoreThan),
    (&["weniger", "als"], Comparison::LessThan),
    (&["bis", "zu"], Comparison::AtMost),
    (&["nicht", "mehr", "als"], Comparison::AtMost),
    (&["über"], Comparison::MoreThan),
    (&["unter"], Comparison::LessThan),
    (&["rund"], Comparison::About),
    (&["etwa"], Comparison::About),
    (&["ca"], Comparison::About),
    (&["circa"], Comparison::About),
    (&["zirka"], Comparison::About),
    (&["ungefähr"], Comparison::About),
    (&["annähernd"], Comparison::About),
    (&["nahezu"], Comparison::About),
    // "knapp 40" is a little under 40.
    (&["knapp"], Comparison::LessThan),
    (&["fast"], Comparison::LessThan),
    (&["beinahe"], Comparison::LessThan),
    (&["mindestens"], Comparison::AtLeast),
    (&["wenigstens"], Comparison::AtLeast),
    (&["höchstens"], Comparison::AtMost),
    (&["maximal"], Comparison::AtMost),
];

/// The words qualifiers start with, for the word classes set while the text is prepared.
pub(crate) fn qualifier_starts() -> impl Iterator<Item = &'static str> {
    QUALIFIERS.iter().map(|(phrase, _)| phrase[0])
}

/// Whether word `i` can start a number: digits, a number word, a vague plural, or "ein"
/// before a multiplier.
fn is_numberish(words: &[Word<'_>], i: usize) -> bool {
    match words[i].kind {
        WordKind::Number => true,
        WordKind::Word => number_at_index(words, i, Comparison::Exactly).is_some(),
        _ => false,
    }
}

fn qualifier_at(words: &[Word<'_>], i: usize) -> Option<(Comparison, usize)> {
    // Every qualifier starts with a word: the punctuation and numbers often found in front of
    // a number are turned away before the list is read.
    let first = words.get(i)?;
    if first.kind != WordKind::Word || !first.is_in(Classes::QUALIFIER_START) {
        return None;
    }
    let first = first.lower.as_str();
    for (phrase, comparison) in QUALIFIERS {
        let fits = phrase[0] == first
            && words
                .get(i + 1..i + phrase.len())
                .is_some_and(|rest| rest.iter().zip(&phrase[1..]).all(|(w, p)| w.is(p)));
        if fits {
            let mut next = i + phrase.len();
            // "ca." carries its period.
            if words.get(next).is_some_and(|w| w.is_punct(".")) && *phrase == ["ca"] {
                next += 1;
            }
            return Some((*comparison, next));
        }
    }
    None
}

fn figure_at(words: &[Word<'_>], i: usize) -> Option<(Figure, usize)> {
    let (comparison, number_at) = qualifier_at(words, i).unwrap_or((Comparison::Exactly, i));
    let start = words[i].range.start;
    let (mut value, mut comparison, mut next) = number_at_index(words, number_at, comparison)?;
    let number_word = &words[number_at];

    // Dates: "5. August 1930", "5. August".
    if number_word.kind == WordKind::Number
        && words
            .get(next)
            .is_some_and(|w| w.is_punct(".") && w.range.start == number_word.range.end)
    {
        if let Some(month) = words.get(next + 1).and_then(|w| month_number(&w.lower)) {
            let day = value;
            let mut end = words[next + 1].range.end;
            let mut after = next + 2;
            let mut date = month as f64 * 100.0 + day;
            if let Some(year) = words.get(after).filter(|w| is_year(w)) {
                date += year_value(year) * 10_000.0;
                end = year.range.end;
                after += 1;
            }
            if (1.0..=31.0).contains(&day) {
                return Some((figure(start..end, date, "date", Comparison::Exactly), after));
            }
        }
        // Any other "20." is an ordinal ("20. Weltcupsieg"), unless it is a year ending a sentence.
        if !is_year(number_word) || words.get(next + 1).is_some_and(|w| w.is_lowercase_word()) {
            return None;
        }
        return Some((
            figure(start..number_word.range.end, value, "year", comparison),
            next,
        ));
    }
    // "August 2005" after a month name is handled by the month: skip the bare year here when
    // the month precedes it.
    if number_at > 0 && month_number(&words[number_at - 1].lower).is_some() && is_year(number_word)
    {
        return None;
    }

    // Multipliers: "15 Millionen", "3,5 Mrd.".
    if let Some(multiplier) = words.get(next).and_then(|w| multiplier(&w.lower)) {
        value *= multiplier;
        next += 1;
        if words.get(next).is_some_and(|w| w.is_punct(".")) && words[next - 1].lower.len() <= 3 {
            next += 1;
        }
    }

    let mut end = words[next - 1].range.end;
    // Currency symbols before the number: "€ 5", "$5".
    if number_at > 0 && comparison == Comparison::Exactly {
        if let Some(unit) = symbol_unit(words[number_at - 1].text) {
            return Some((
                figure(
                    words[number_at - 1].range.start..end,
                    value,
                    unit,
                    comparison,
                ),
                next,
            ));
        }
    }

    // The unit: a unit word, or the counted noun after adjectives ("zwei weiteren hochrangigen Ministern").
    let mut k = next;
    while k < words.len() && k < next + 3 && is_attributive(&words[k]) {
        k += 1;
    }
    let unit = match words.get(next) {
        Some(w) if unit_word(w).is_some() => {
            end = w.range.end;
            next += 1;
            unit_word(w).map(str::to_string)
        }
        _ => match words.get(k) {
            Some(w) if w.is_capitalised() && !is_stop_noun(w) => {
                end = w.range.end;
                next = k + 1;
                Some(unit_word(w).map_or_else(|| lemma(w.text), str::to_string))
            }
            _ => None,
        },
    };
    let unit = match unit {
        Some(unit) => unit,
        // A bare four-digit number in a plausible range is a year ("seit 1962").
        None if number_word.kind == WordKind::Number && is_year(number_word) => "year".to_string(),
        None => return None,
    };
    // Counts implied by plural words keep their "at least" reading.
    if comparison == Comparison::Exactly {
        comparison = implied_comparison(&number_word.lower).unwrap_or(comparison);
    }
    Some((figure(start..end, value, &unit, comparison), next))
}

fn figure(
    range: crate::analysis::model::ByteRange,
    value: f64,
    unit: &str,
    comparison: Comparison,
) -> Figure {
    Figure {
        range,
        value,
        unit: unit.to_string(),
        comparison,
    }
}

/// The number at `i`: digits, a number word, "ein(e)" before a multiplier, or a vague plural
/// ("Dutzende"). Returns (value, comparison, index after the number).
fn number_at_index(
    words: &[Word<'_>],
    i: usize,
    comparison: Comparison,
) -> Option<(f64, Comparison, usize)> {
    match words.get(i)?.number {
        NumberReading::Value(value) => Some((value, comparison, i + 1)),
        NumberReading::Article => words
            .get(i + 1)
            .and_then(|w| multiplier(&w.lower))
            .map(|_| (1.0, comparison, i + 1)),
        NumberReading::NotANumber => None,
    }
}

/// What a word's form alone says about it as a number. The figure rules ask at every word,
/// so the word view reads it once per distinct form and keeps it on the word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumberReading {
    NotANumber,
    /// "ein", "eine", …: a number only before a multiplier ("eine Million").
    Article,
    /// Digits, a number word or a vague plural ("Dutzende"), with its value.
    Value(f64),
}

/// The number reading of a word of kind `kind`, text `text` and lowercase form `lower`.
pub(crate) fn number_reading(kind: WordKind, text: &str, lower: &str) -> NumberReading {
    let value = match kind {
        WordKind::Number => parse_digits(text),
        // Each reading below starts like a number word: most words are turned away here.
        WordKind::Word if !may_be_number_word(lower) => None,
        WordKind::Word => {
            if ["ein", "eine", "einer", "einem", "einen"].contains(&lower) {
                return NumberReading::Article;
            }
            // `parse_number_word` without its own checks: the word may be one, and is not "ein".
            vague_plural(lower).or_else(|| parse_compound(lower))
        }
        WordKind::Quote | WordKind::Punct => None,
    };
    value.map_or(NumberReading::NotANumber, NumberReading::Value)
}

/// "1.000" → 1000, "3,5" → 3.5, "1.000,5" → 1000.5, "2.5" → 2.5.
pub(crate) fn parse_digits(text: &str) -> Option<f64> {
    // Plain digits, as most numbers are, need no separators read.
    if !text.contains(['.', ',']) {
        return text.parse().ok();
    }
    let groups: Vec<&str> = text.split('.').collect();
    let thousands = groups.len() > 1
        && groups[1..]
            .iter()
            .all(|g| g.split(',').next().is_some_and(|d| d.len() == 3));
    let normalised = if thousands {
        text.replace('.', "").replace(',', ".")
    } else {
        text.replace(',', ".")
    };
    normalised.parse().ok()
}

const ONES: &[(&str, f64)] = &[
    ("null", 0.0),
    ("eins", 1.0),
    ("ein", 1.0),
    ("zwei", 2.0),
    ("drei", 3.0),
    ("vier", 4.0),
    ("fünf", 5.0),
    ("sechs", 6.0),
    ("sieben", 7.0),
    ("acht", 8.0),
    ("neun", 9.0),
];

const TEENS_AND_TENS: &[(&str, f64)] = &[
    ("zehn", 10.0),
    ("elf", 11.0),
    ("zwölf", 12.0),
    ("dreizehn", 13.0),
    ("vierzehn", 14.0),
    ("fünfzehn", 15.0),
    ("sechzehn", 16.0),
    ("siebzehn", 17.0),
    ("achtzehn", 18.0),
    ("neunzehn", 19.0),
    ("zwanzig", 20.0),
    ("dreißig", 30.0),
    ("vierzig", 40.0),
    ("fünfzig", 50.0),
    ("sechzig", 60.0),
    ("siebzig", 70.0),
    ("achtzig", 80.0),
    ("neunzig", 90.0),
];

/// How every German number word begins ("zwölf", "hundert", "eine"); "dut" for "Dutzende".
const NUMBER_WORD_STARTS: [&str; 16] = [
    "nul", "ein", "zwe", "dre", "vie", "fün", "sec", "sie", "ach", "neu", "zeh", "elf", "zwö",
    "hun", "tau", "dut",
];

/// Which bytes start an entry of [`NUMBER_WORD_STARTS`], as a table built at compile time.
const NUMBER_WORD_FIRST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < NUMBER_WORD_STARTS.len() {
        table[NUMBER_WORD_STARTS[k].as_bytes()[0] as usize] = true;
        k += 1;
    }
    table
};

/// Whether a lowercase word may be a number word, a vague plural or "ein(e)": most words are
/// none, and this tells so before the word lists are read. It runs at every word, so most
/// words are turned away by their first byte alone.
fn may_be_number_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    if !bytes
        .first()
        .is_some_and(|&first| NUMBER_WORD_FIRST_BYTES[usize::from(first)])
    {
        return false;
    }
    // The word's first four bytes as one number, compared with each start's bytes at once.
    let prefix = bytes
        .iter()
        .take(4)
        .enumerate()
        .fold(0u32, |prefix, (k, &b)| prefix | u32::from(b) << (8 * k));
    NUMBER_WORD_PREFIXES
        .iter()
        .any(|&(start, mask)| prefix & mask == start)
}

/// Each entry of [`NUMBER_WORD_STARTS`] (three or four bytes, none zero) as its bytes in one
/// little-endian number and the mask of those bytes.
const NUMBER_WORD_PREFIXES: [(u32, u32); NUMBER_WORD_STARTS.len()] = {
    let mut prefixes = [(0, 0); NUMBER_WORD_STARTS.len()];
    let mut k = 0;
    while k < NUMBER_WORD_STARTS.len() {
        let bytes = NUMBER_WORD_STARTS[k].as_bytes();
        assert!(bytes.len() <= 4);
        let mut i = 0;
        while i < bytes.len() {
            prefixes[k].0 |= (bytes[i] as u32) << (8 * i);
            prefixes[k].1 |= 0xff << (8 * i);
            i += 1;
        }
        k += 1;
    }
    prefixes
};

/// German number words up to the millions, written as one word: "zwölf", "dreißig",
/// "einundzwanzig", "zweihundert", "dreitausendfünfhundert". "ein" alone is the article.
pub(crate) fn parse_number_word(word: &str) -> Option<f64> {
    if word == "ein" || !may_be_number_word(word) {
        return None;
    }
    parse_compound(word)
}

fn parse_compound(word: &str) -> Option<f64> {
    if let Some(position) = word.find("tausend") {
        let (left, right) = (&word[..position], &word[position + "tausend".len()..]);
        let factor = if left.is_empty() {
            1.0
        } else {
            parse_below_thousand(left)?
        };
        let rest = if right.is_empty() {
            0.0
        } else {
            parse_below_thousand(right)?
        };
        return Some(factor * 1000.0 + rest);
    }
    parse_below_thousand(word)
}

fn parse_below_thousand(word: &str) -> Option<f64> {
    if let Some(position) = word.find("hundert") {
        let (left, right) = (&word[..position], &word[position + "hundert".len()..]);
        let factor = if left.is_empty() { 1.0 } else { ones(left)? };
        let rest = if right.is_empty() {
            0.0
        } else {
            parse_below_hundred(right.strip_prefix("und").unwrap_or(right))?
        };
        return Some(factor * 100.0 + rest);
    }
    parse_below_hundred(word)
}

fn parse_below_hundred(word: &str) -> Option<f64> {
    if let Some(value) = ones(word).or_else(|| {
        TEENS_AND_TENS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, v)| *v)
    }) {
        return Some(value);
    }
    let (unit, tens) = word.split_once("und")?;
    let tens = TEENS_AND_TENS
        .iter()
        .find(|(w, v)| *w == tens && *v >= 20.0)?
        .1;
    Some(tens + ones(unit)?)
}

fn ones(word: &str) -> Option<f64> {
    ONES.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// "Dutzende" is at least two dozen; "Hunderte", "Tausende" likewise.
fn vague_plural(word: &str) -> Option<f64> {
    match word {
        "dutzende" | "dutzenden" => Some(24.0),
        "hunderte" | "hunderten" => Some(200.0),
        "tausende" | "tausenden" => Some(2000.0),
        "zehntausende" | "zehntausenden" => Some(20_000.0),
        "hunderttausende" | "hunderttausenden" => Some(200_000.0),
        "dutzend" => Some(12.0),
        _ => None,
    }
}

fn implied_comparison(word: &str) -> Option<Comparison> {
    (vague_plural(word).is_some() && word != "dutzend").then_some(Comparison::AtLeast)
}

fn multiplier(word: &str) -> Option<f64> {
    match word {
        "tausend" => Some(1e3),
        "million" | "millionen" | "mio" => Some(1e6),
        "milliarde" | "milliarden" | "mrd" => Some(1e9),
        "billion" | "billionen" => Some(1e12),
        _ => None,
    }
}

fn symbol_unit(text: &str) -> Option<&'static str> {
    match text {
        "€" => Some("EUR"),
        "$" => Some("USD"),
        "£" => Some("GBP"),
        _ => None,
    }
}

/// A unit word's normalised unit.
fn unit_word(word: &Word<'_>) -> Option<&'static str> {
    let unit = match word.lower.as_ref() {
        "%" | "prozent" => "%",
        "prozentpunkte" | "prozentpunkten" | "prozentpunkt" => "pp",
        "‰" | "promille" => "‰",
        "euro" | "€" | "eur" => "EUR",
        "us-dollar" | "dollar" | "$" | "usd" => "USD",
        "pfund" => "GBP",
        "franken" => "CHF",
        "yen" => "JPY",
        "rubel" => "RUB",
        "km" | "kilometer" | "kilometern" => "km",
        "m" | "meter" | "metern" => "m",
        "cm" | "zentimeter" => "cm",
        "t" | "tonne" | "tonnen" => "t",
        "kg" | "kilogramm" | "kilo" => "kg",
        "l" | "liter" => "l",
        "grad" => "°",
        "km/h" => "km/h",
        "jahr" | "jahre" | "jahren" | "jahres" => "year",
        "monat" | "monate" | "monaten" => "month",
        "woche" | "wochen" => "week",
        "tag" | "tage" | "tagen" => "day",
        "stunde" | "stunden" => "hour",
        "minute" | "minuten" => "minute",
        "sekunde" | "sekunden" => "second",
        _ => return None,
    };
    Some(unit)
}

/// Words that may stand between a number and its counted noun: lowercase adjectives
/// ("weitere", "hochrangigen", "ukrainischen").
fn is_attributive(word: &Word<'_>) -> bool {
    word.is_lowercase_word()
        && ["e", "en", "er", "es", "em"]
            .iter()
            .any(|ending| word.lower.ends_with(ending))
        && !word.is_any(&[
            "gegen", "unter", "wegen", "oder", "aber", "jeder", "seiner", "ihrer", "sowie", "der",
            "den", "dem", "des", "die", "es",
        ])
}

/// Capitalised words after a number that are not what it counts.
fn is_stop_noun(word: &Word<'_>) -> bool {
    month_number(&word.lower).is_some()
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ];
    MONTHS
        .iter()
        .position(|m| *m == word || (word == "jänner" && *m == "januar"))
        .map(|p| p as u32 + 1)
}

fn is_year(word: &Word<'_>) -> bool {
    word.kind == WordKind::Number
        && word.text.len() == 4
        && (1000.0..=2100.0).contains(&year_value(word))
}

fn year_value(word: &Word<'_>) -> f64 {
    word.text.parse().unwrap_or(0.0)
}

/// The singular of a counted German noun, by the plural patterns news text uses most; the
/// irregular ones are listed.
pub(crate) fn lemma(noun: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("menschen", "Mensch"),
        ("personen", "Person"),
        ("frauen", "Frau"),
        ("kinder", "Kind"),
        ("kindern", "Kind"),
        ("leute", "Leute"),
        ("leuten", "Leute"),
        ("häuser", "Haus"),
        ("häusern", "Haus"),
        ("staaten", "Staat"),
        ("euro", "Euro"),
    ];
    let lower = super::words::lowercase(noun);
    if let Some((_, lemma)) = IRREGULAR
        .iter()
        .find(|(plural, _)| *plural == lower.as_str())
    {
        return (*lemma).to_string();
    }
    let has_umlaut = noun.contains(['ä', 'ö', 'ü']);
    // "Ländern", "Länder" → "Land"; "Männer" → "Mann".
    if has_umlaut {
        for suffix in ["ern", "er"] {
            if let Some(stem) = noun.strip_suffix(suffix) {
                if stem.chars().count() >= 2 {
                    return stem.replace('ä', "a").replace('ö', "o").replace('ü', "u");
                }
            }
        }
    }
    // "Soldaten", "Studenten", "Polizisten" → weak masculine nouns lose "-en".
    for ending in ["aten", "enten", "anten", "isten", "oten"] {
        if lower.ends_with(ending) {
            return noun[..noun.len() - 2].to_string();
        }
    }
    // "Mitarbeiterinnen" → "Mitarbeiterin".
    if let Some(stem) = noun.strip_suffix("innen") {
        return format!("{stem}in");
    }
    // Dative plural "-n" after "-e" or "-er": "Toten" → "Tote", "Ministern" → "Minister".
    if lower.ends_with("ern") || (lower.ends_with("ten") && lower.len() > 5) {
        return noun[..noun.len() - 1].to_string();
    }
    // "Autos" → "Auto".
    if lower.ends_with('s')
        && !lower.ends_with("ss")
        && lower.len() > 4
        && noun
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aiou".contains(c))
    {
        return noun[..noun.len() - 1].to_string();
    }
    noun.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::{split_sentences, tokenize};

    fn figures(text: &str) -> Vec<(String, &str, f64, String)> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        find_figures(text, &tokens, &sentences)
            .into_iter()
            .map(|f| {
                (
                    format!("{:?}", f.comparison),
                    &text[f.range],
                    f.value,
                    f.unit,
                )
            })
            .collect()
    }

    #[test]
    fn percentages_with_qualifier() {
        assert_eq!(
            figures("fertigt mittlerweile über 40 Prozent ihrer Waffen selbst."),
            [(
                "MoreThan".to_string(),
                "über 40 Prozent",
                40.0,
                "%".to_string()
            )]
        );
    }

    #[test]
    fn counted_noun_takes_its_lemma() {
        assert_eq!(
            figures("Vertreter von etwa 30 Ländern versammelten sich."),
            [(
                "About".to_string(),
                "etwa 30 Ländern",
                30.0,
                "Land".to_string()
            )]
        );
    }

    #[test]
    fn number_words_count_after_adjectives() {
        assert_eq!(
            figures("ist mit zwei weiteren hochrangigen ukrainischen Ministern eingetroffen"),
            [(
                "Exactly".to_string(),
                "zwei weiteren hochrangigen ukrainischen Ministern",
                2.0,
                "Minister".to_string()
            )]
        );
        assert_eq!(figures("Es kamen dreißig Soldaten.")[0].2, 30.0);
        assert_eq!(figures("Es kamen dreißig Soldaten.")[0].3, "Soldat");
    }

    #[test]
    fn money_with_multipliers_and_currencies() {
        assert_eq!(
            figures(
                "gegen 15 Millionen Euro Kaution und für 350.000 US-Dollar und bis zu 3,5 Mrd. Dollar"
            ),
            [
                (
                    "Exactly".to_string(),
                    "15 Millionen Euro",
                    15e6,
                    "EUR".to_string()
                ),
                (
                    "Exactly".to_string(),
                    "350.000 US-Dollar",
                    350_000.0,
                    "USD".to_string()
                ),
                (
                    "AtMost".to_string(),
                    "bis zu 3,5 Mrd. Dollar",
                    3.5e9,
                    "USD".to_string()
                ),
            ]
        );
    }

    #[test]
    fn dates_years_and_spans() {
        assert_eq!(
            figures(
                "der am 5. August 1930 geborene Astronaut wurde 75 Jahre alt, seit 1962 im Dienst."
            ),
            [
                (
                    "Exactly".to_string(),
                    "5. August 1930",
                    19300805.0,
                    "date".to_string()
                ),
                ("Exactly".to_string(), "75 Jahre", 75.0, "year".to_string()),
                ("Exactly".to_string(), "1962", 1962.0, "year".to_string()),
            ]
        );
    }

    #[test]
    fn ordinals_and_bare_numbers_are_not_figures() {
        assert!(
            figures("Hilde Gerg schafft den 20. Weltcupsieg mit Apollo 11 zusammen").is_empty()
        );
        assert!(figures("Über Putins Unwilligkeit und eine Konferenz").is_empty());
    }

    #[test]
    fn vague_plurals_and_other_qualifiers() {
        assert_eq!(
            figures(
                "Dutzende Tote, mindestens sechs Verletzte, knapp 40 Prozent, mehr als 1.000 Menschen"
            ),
            [
                (
                    "AtLeast".to_string(),
                    "Dutzende Tote",
                    24.0,
                    "Tote".to_string()
                ),
                (
                    "AtLeast".to_string(),
                    "mindestens sechs Verletzte",
                    6.0,
                    "Verletzte".to_string()
                ),
                (
                    "LessThan".to_string(),
                    "knapp 40 Prozent",
                    40.0,
                    "%".to_string()
                ),
                (
                    "MoreThan".to_string(),
                    "mehr als 1.000 Menschen",
                    1000.0,
                    "Mensch".to_string()
                ),
            ]
        );
    }

    #[test]
    fn number_readings_depend_on_the_form_alone() {
        use NumberReading::{Article, NotANumber, Value};
        assert_eq!(
            number_reading(WordKind::Number, "1.000", "1.000"),
            Value(1000.0)
        );
        assert_eq!(number_reading(WordKind::Word, "Eine", "eine"), Article);
        assert_eq!(
            number_reading(WordKind::Word, "Dutzende", "dutzende"),
            Value(24.0)
        );
        assert_eq!(
            number_reading(WordKind::Word, "zwölf", "zwölf"),
            Value(12.0)
        );
        assert_eq!(number_reading(WordKind::Word, "neue", "neue"), NotANumber);
        assert_eq!(number_reading(WordKind::Punct, ".", "."), NotANumber);
    }

    #[test]
    fn number_words_compose() {
        assert_eq!(parse_number_word("einundzwanzig"), Some(21.0));
        assert_eq!(parse_number_word("zweihundertfünf"), Some(205.0));
        assert_eq!(parse_number_word("dreitausendfünfhundert"), Some(3500.0));
        assert_eq!(parse_number_word("hundert"), Some(100.0));
        assert_eq!(parse_number_word("ein"), None);
        assert_eq!(parse_number_word("zweitägigen"), None);
        assert_eq!(parse_digits("1.000"), Some(1000.0));
        assert_eq!(parse_digits("1.000,5"), Some(1000.5));
    }

    #[test]
    fn lemmas_of_plural_nouns() {
        assert_eq!(lemma("Ländern"), "Land");
        assert_eq!(lemma("Soldaten"), "Soldat");
        assert_eq!(lemma("Ministern"), "Minister");
        assert_eq!(lemma("Menschen"), "Mensch");
        assert_eq!(lemma("Mitarbeiterinnen"), "Mitarbeiterin");
        assert_eq!(lemma("Autos"), "Auto");
    }
}
