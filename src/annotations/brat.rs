//! The brat standoff format (`.ann`), read and written exactly.
//!
//! Every line of a file becomes one [`BratLine`] in file order; lines Dossier does not interpret
//! (blank lines, unknown prefixes) are kept as [`BratLine::Verbatim`] and written back in their
//! place, so `write(&parse(file)?) == file` for the files brat and INCEpTION write, and
//! `parse(&write(doc)) == doc` for every document this module builds.
//!
//! The parser follows the layout brat writes — tab between id, body and the optional trailing
//! field, single spaces inside the body — and rejects anything else with the 1-based line number
//! rather than guessing, so a malformed file is never half-used. Offsets are Unicode code points,
//! end exclusive, as brat defines them; this module does not know the article text.

use super::AnnError;
use std::fmt::Write as _;

/// A whole `.ann` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BratDocument {
    pub lines: Vec<BratLine>,
    pub line_ending: LineEnding,
    /// Whether the last line ends with a line break (brat writes one, hand-made files may not).
    pub final_newline: bool,
    /// A UTF-8 byte-order mark before the first line (some Windows editors add one).
    pub byte_order_mark: bool,
}

impl Default for BratDocument {
    fn default() -> Self {
        BratDocument {
            lines: Vec::new(),
            line_ending: LineEnding::Lf,
            final_newline: true,
            byte_order_mark: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BratLine {
    /// `T1\tPER 0 5;10 15\ttext`
    TextBound(TextBound),
    /// `R1\tSource Arg1:T1 Arg2:T2`
    Relation(Relation),
    /// `A1\tClaimKind T3 quote` or `M1\tNegated E1` (binary attribute, no value)
    Attribute(Attribute),
    /// `N1\tReference T1 Wikidata:Q123\tname`
    Normalization(Normalization),
    /// `#1\tAnnotatorNotes T1\tnote text`
    Note(Note),
    /// `E1\tAttack:T2 Attacker:T1 Target:T3`
    Event(Event),
    /// `*\tEquiv T1 T2`
    Equivalence(Equivalence),
    /// A line Dossier does not interpret, kept byte for byte (without its line break).
    Verbatim(String),
}

impl BratLine {
    /// The annotation id this line defines (`T1`, `R2`, `#3`, `*`), if it defines one.
    pub fn id(&self) -> Option<&str> {
        match self {
            BratLine::TextBound(t) => Some(&t.id),
            BratLine::Relation(r) => Some(&r.id),
            BratLine::Attribute(a) => Some(&a.id),
            BratLine::Normalization(n) => Some(&n.id),
            BratLine::Note(n) => Some(&n.id),
            BratLine::Event(e) => Some(&e.id),
            BratLine::Equivalence(e) => Some(&e.id),
            BratLine::Verbatim(_) => None,
        }
    }

    /// Every annotation id this line points at (for checking references).
    pub fn references(&self) -> Vec<&str> {
        match self {
            BratLine::TextBound(_) | BratLine::Verbatim(_) => Vec::new(),
            BratLine::Relation(r) => r.args.iter().map(|a| a.target.as_str()).collect(),
            BratLine::Attribute(a) => vec![a.target.as_str()],
            BratLine::Normalization(n) => vec![n.target.as_str()],
            BratLine::Note(n) => vec![n.target.as_str()],
            BratLine::Event(e) => std::iter::once(e.trigger.as_str())
                .chain(e.args.iter().map(|a| a.target.as_str()))
                .collect(),
            BratLine::Equivalence(e) => e.members.iter().map(String::as_str).collect(),
        }
    }
}

/// A span in code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub id: String,
    pub label: String,
    /// One fragment for an ordinary span, several for a discontinuous one.
    pub fragments: Vec<CharSpan>,
    /// The covered text as written in the file (fragments joined by one space); `None` when
    /// the line has no third field.
    pub text: Option<String>,
}

/// `Role:Target` inside relations and events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    pub role: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub id: String,
    pub label: String,
    pub args: Vec<Argument>,
    /// Text after a second tab; brat writes an empty one on some versions.
    pub tail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub id: String,
    pub name: String,
    pub target: String,
    /// `None` for a binary attribute.
    pub value: Option<String>,
    pub tail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalization {
    pub id: String,
    /// Normally `Reference`.
    pub kind: String,
    pub target: String,
    /// `Wikidata:Q123` or `dossier:<id>`: database and key separated by the first colon.
    pub reference: String,
    /// The referenced entry's name, when the file gives one.
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: String,
    /// Normally `AnnotatorNotes`.
    pub kind: String,
    pub target: String,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub label: String,
    pub trigger: String,
    pub args: Vec<Argument>,
    pub tail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equivalence {
    /// brat writes `*` alone; some tools number them.
    pub id: String,
    pub label: String,
    pub members: Vec<String>,
    pub tail: Option<String>,
}

/// Replaces the characters that would break the line format (line breaks, tabs) by spaces,
/// as brat does for span texts that cross a line break.
pub fn sanitize_field(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Parses a whole `.ann` file.
pub fn parse(content: &str) -> Result<BratDocument, AnnError> {
    let (byte_order_mark, content) = match content.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest),
        None => (false, content),
    };
    let line_ending = match content.find('\n') {
        Some(i) if i > 0 && content.as_bytes()[i - 1] == b'\r' => LineEnding::CrLf,
        _ => LineEnding::Lf,
    };
    let (body, final_newline) = match content.strip_suffix(line_ending.as_str()) {
        Some(body) => (body, true),
        None => (content, false),
    };
    let mut lines = Vec::new();
    if !body.is_empty() || final_newline {
        for (index, raw) in body.split(line_ending.as_str()).enumerate() {
            let number = index + 1;
            if raw.contains('\n') || raw.contains('\r') {
                return Err(AnnError::at(
                    number,
                    "mixed line endings: this file uses one kind of line break elsewhere",
                ));
            }
            lines.push(parse_line(raw).map_err(|message| AnnError::at(number, message))?);
        }
    }
    Ok(BratDocument {
        lines,
        line_ending,
        final_newline,
        byte_order_mark,
    })
}

/// Writes a document back to text. `parse(&write(doc)) == doc` holds for every document whose
/// fields fit the format (no line breaks inside a line; types, ids and values one word each), with
/// two unavoidable exceptions: the line ending is only seen when a line break is written, and a
/// last line that is empty and has no line break writes the same as no such line with one.
pub fn write(doc: &BratDocument) -> String {
    let mut out = String::new();
    if doc.byte_order_mark {
        out.push('\u{feff}');
    }
    let ending = doc.line_ending.as_str();
    for (index, line) in doc.lines.iter().enumerate() {
        if index > 0 {
            out.push_str(ending);
        }
        write_line(&mut out, line);
    }
    if doc.final_newline && !doc.lines.is_empty() {
        out.push_str(ending);
    }
    out
}

fn parse_line(raw: &str) -> Result<BratLine, String> {
    let Some(prefix) = raw.chars().next() else {
        return Ok(BratLine::Verbatim(String::new()));
    };
    if !matches!(prefix, 'T' | 'R' | 'A' | 'M' | 'N' | '#' | 'E' | '*') {
        return Ok(BratLine::Verbatim(raw.to_string()));
    }
    let mut fields = raw.splitn(3, '\t');
    let id = fields.next().unwrap_or_default();
    let Some(body) = fields.next() else {
        return Err(format!(
            "annotation `{id}` has no tab after its id (expected `{id}<TAB>…`)"
        ));
    };
    let third = fields.next().map(str::to_string);
    if id.contains(' ') {
        return Err(format!("the id `{id}` contains a space"));
    }
    let id = id.to_string();
    let words = body_words(body)?;
    match prefix {
        'T' => parse_text_bound(id, &words, third).map(BratLine::TextBound),
        'R' => parse_relation(id, &words, third).map(BratLine::Relation),
        'A' | 'M' => parse_attribute(id, &words, third).map(BratLine::Attribute),
        'N' => parse_normalization(id, &words, third).map(BratLine::Normalization),
        '#' => parse_note(id, &words, third).map(BratLine::Note),
        'E' => parse_event(id, &words, third).map(BratLine::Event),
        _ => parse_equivalence(id, &words, third).map(BratLine::Equivalence),
    }
}

/// Splits the middle field at single spaces; a doubled or leading space would not survive a
/// round trip, so it is an error.
fn body_words(body: &str) -> Result<Vec<&str>, String> {
    let words: Vec<&str> = body.split(' ').collect();
    if words.iter().any(|w| w.is_empty()) {
        return Err(format!(
            "`{body}`: fields must be separated by exactly one space"
        ));
    }
    Ok(words)
}

fn parse_offset(word: &str) -> Result<usize, String> {
    let valid = !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_digit())
        && (word == "0" || !word.starts_with('0'));
    if !valid {
        return Err(format!("`{word}` is not an offset (a whole number)"));
    }
    word.parse()
        .map_err(|_| format!("the offset `{word}` is too large"))
}

fn parse_text_bound(id: String, words: &[&str], text: Option<String>) -> Result<TextBound, String> {
    let (label, offsets) = words
        .split_first()
        .filter(|(_, rest)| !rest.is_empty())
        .ok_or_else(|| format!("`{id}` needs a type and offsets, e.g. `{id}\tPER 0 5`"))?;
    // Rejoin: fragments are `start end` pairs separated by `;` ("0 5;10 15" was split at spaces
    // into "0", "5;10", "15").
    let offsets = offsets.join(" ");
    let mut fragments = Vec::new();
    for fragment in offsets.split(';') {
        let (start, end) = fragment.split_once(' ').ok_or_else(|| {
            format!("`{fragment}` in `{id}` is not a `start end` pair of offsets")
        })?;
        let (start, end) = (parse_offset(start)?, parse_offset(end)?);
        if start > end {
            return Err(format!(
                "`{id}` has a fragment that ends ({end}) before it starts ({start})"
            ));
        }
        fragments.push(CharSpan { start, end });
    }
    Ok(TextBound {
        id,
        label: label.to_string(),
        fragments,
        text,
    })
}

fn parse_argument(word: &str) -> Result<Argument, String> {
    match word.split_once(':') {
        Some((role, target)) if !role.is_empty() && !target.is_empty() => Ok(Argument {
            role: role.to_string(),
            target: target.to_string(),
        }),
        _ => Err(format!("`{word}` is not an argument of the form `Role:Id`")),
    }
}

fn parse_relation(id: String, words: &[&str], tail: Option<String>) -> Result<Relation, String> {
    match words {
        [label, arg1, arg2] => Ok(Relation {
            id,
            label: label.to_string(),
            args: vec![parse_argument(arg1)?, parse_argument(arg2)?],
            tail,
        }),
        _ => Err(format!(
            "relation `{id}` needs a type and two arguments, e.g. `{id}\tSource Arg1:T1 Arg2:T2`"
        )),
    }
}

fn parse_attribute(id: String, words: &[&str], tail: Option<String>) -> Result<Attribute, String> {
    let (name, target, value) = match words {
        [name, target] => (name, target, None),
        [name, target, value] => (name, target, Some(value.to_string())),
        _ => {
            return Err(format!(
                "attribute `{id}` needs a name, a target and at most one value, e.g. `{id}\tClaimKind T3 quote`"
            ));
        }
    };
    Ok(Attribute {
        id,
        name: name.to_string(),
        target: target.to_string(),
        value,
        tail,
    })
}

fn parse_normalization(
    id: String,
    words: &[&str],
    name: Option<String>,
) -> Result<Normalization, String> {
    match words {
        [kind, target, reference] if reference.contains(':') => Ok(Normalization {
            id,
            kind: kind.to_string(),
            target: target.to_string(),
            reference: reference.to_string(),
            name,
        }),
        _ => Err(format!(
            "normalisation `{id}` needs a type, a target and `Database:Key`, e.g. `{id}\tReference T1 Wikidata:Q123`"
        )),
    }
}

fn parse_note(id: String, words: &[&str], text: Option<String>) -> Result<Note, String> {
    match words {
        [kind, target] => Ok(Note {
            id,
            kind: kind.to_string(),
            target: target.to_string(),
            text,
        }),
        _ => Err(format!(
            "note `{id}` needs a type and a target, e.g. `{id}\tAnnotatorNotes T1\ttext`"
        )),
    }
}

fn parse_event(id: String, words: &[&str], tail: Option<String>) -> Result<Event, String> {
    let (first, rest) = words
        .split_first()
        .ok_or_else(|| format!("event `{id}` needs `Type:Trigger`"))?;
    let trigger = parse_argument(first)
        .map_err(|_| format!("event `{id}` must start with `Type:Trigger`, found `{first}`"))?;
    Ok(Event {
        id,
        label: trigger.role,
        trigger: trigger.target,
        args: rest
            .iter()
            .map(|w| parse_argument(w))
            .collect::<Result<_, _>>()?,
        tail,
    })
}

fn parse_equivalence(
    id: String,
    words: &[&str],
    tail: Option<String>,
) -> Result<Equivalence, String> {
    match words {
        [label, members @ ..] if members.len() >= 2 => Ok(Equivalence {
            id,
            label: label.to_string(),
            members: members.iter().map(|m| m.to_string()).collect(),
            tail,
        }),
        _ => Err(format!(
            "equivalence `{id}` needs a type and at least two members, e.g. `*\tEquiv T1 T2`"
        )),
    }
}

fn push_optional_field(out: &mut String, field: &Option<String>) {
    if let Some(field) = field {
        out.push('\t');
        out.push_str(field);
    }
}

fn push_arguments(out: &mut String, args: &[Argument]) {
    for arg in args {
        let _ = write!(out, " {}:{}", arg.role, arg.target);
    }
}

fn write_line(out: &mut String, line: &BratLine) {
    match line {
        BratLine::TextBound(t) => {
            let _ = write!(out, "{}\t{}", t.id, t.label);
            for (index, f) in t.fragments.iter().enumerate() {
                let separator = if index == 0 { ' ' } else { ';' };
                let _ = write!(out, "{separator}{} {}", f.start, f.end);
            }
            push_optional_field(out, &t.text);
        }
        BratLine::Relation(r) => {
            let _ = write!(out, "{}\t{}", r.id, r.label);
            push_arguments(out, &r.args);
            push_optional_field(out, &r.tail);
        }
        BratLine::Attribute(a) => {
            let _ = write!(out, "{}\t{} {}", a.id, a.name, a.target);
            if let Some(value) = &a.value {
                let _ = write!(out, " {value}");
            }
            push_optional_field(out, &a.tail);
        }
        BratLine::Normalization(n) => {
            let _ = write!(out, "{}\t{} {} {}", n.id, n.kind, n.target, n.reference);
            push_optional_field(out, &n.name);
        }
        BratLine::Note(n) => {
            let _ = write!(out, "{}\t{} {}", n.id, n.kind, n.target);
            push_optional_field(out, &n.text);
        }
        BratLine::Event(e) => {
            let _ = write!(out, "{}\t{}:{}", e.id, e.label, e.trigger);
            push_arguments(out, &e.args);
            push_optional_field(out, &e.tail);
        }
        BratLine::Equivalence(e) => {
            let _ = write!(out, "{}\t{}", e.id, e.label);
            for member in &e.members {
                let _ = write!(out, " {member}");
            }
            push_optional_field(out, &e.tail);
        }
        BratLine::Verbatim(raw) => out.push_str(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What brat's own example documents look like, plus Dossier's lines.
    const BRAT_SAMPLE: &str = "T1\tPER 0 13\tAndrij Jermak\n\
T2\tORG 18 38\tPräsidialverwaltung\n\
T3\tClaim 40 52;60 71\tWir kämpfen weiter bis zum Ende\n\
T4\tCue 53 59\tsagte\n\
R1\tSource Arg1:T3 Arg2:T1\t\n\
R2\tCue Arg1:T3 Arg2:T4\n\
A1\tClaimKind T3 quote\n\
M2\tNegated T4\n\
A3\tStatus T2 Rejected\n\
N1\tReference T1 Wikidata:Q60497290\tAndrij Jermak\n\
N2\tReference T2 dossier:praesidialverwaltung\n\
#1\tAnnotatorNotes T1\tLeiter der Präsidialverwaltung 👍\n\
E1\tStatement:T4 Speaker:T1 Message:T3\n\
*\tEquiv T1 T2\n";

    #[test]
    fn parses_every_line_kind() {
        let doc = parse(BRAT_SAMPLE).unwrap();
        assert_eq!(doc.lines.len(), 14);
        assert_eq!(
            doc.lines[2],
            BratLine::TextBound(TextBound {
                id: "T3".into(),
                label: "Claim".into(),
                fragments: vec![
                    CharSpan { start: 40, end: 52 },
                    CharSpan { start: 60, end: 71 }
                ],
                text: Some("Wir kämpfen weiter bis zum Ende".into()),
            })
        );
        assert_eq!(
            doc.lines[4],
            BratLine::Relation(Relation {
                id: "R1".into(),
                label: "Source".into(),
                args: vec![
                    Argument {
                        role: "Arg1".into(),
                        target: "T3".into()
                    },
                    Argument {
                        role: "Arg2".into(),
                        target: "T1".into()
                    },
                ],
                tail: Some(String::new()),
            })
        );
        assert_eq!(
            doc.lines[7],
            BratLine::Attribute(Attribute {
                id: "M2".into(),
                name: "Negated".into(),
                target: "T4".into(),
                value: None,
                tail: None,
            })
        );
        let BratLine::Normalization(n) = &doc.lines[9] else {
            panic!("not an N line")
        };
        assert_eq!(n.reference, "Wikidata:Q60497290");
        assert_eq!(n.name.as_deref(), Some("Andrij Jermak"));
        let BratLine::Note(note) = &doc.lines[11] else {
            panic!("not a note")
        };
        assert_eq!(
            note.text.as_deref(),
            Some("Leiter der Präsidialverwaltung 👍")
        );
        let BratLine::Event(e) = &doc.lines[12] else {
            panic!("not an event")
        };
        assert_eq!(
            (e.label.as_str(), e.trigger.as_str(), e.args.len()),
            ("Statement", "T4", 2)
        );
        let BratLine::Equivalence(eq) = &doc.lines[13] else {
            panic!("not an equivalence")
        };
        assert_eq!(eq.members, vec!["T1".to_string(), "T2".to_string()]);
        assert_eq!(doc.lines[12].references(), vec!["T4", "T1", "T3"]);
    }

    #[test]
    fn writes_back_byte_for_byte() {
        let samples = [
            BRAT_SAMPLE.to_string(),
            BRAT_SAMPLE.trim_end().to_string(),
            BRAT_SAMPLE.replace('\n', "\r\n"),
            format!("\u{feff}{BRAT_SAMPLE}"),
            "T1\tLOC 0 4\tKiew\n\nunknown line kept\n% brat comment\n".to_string(),
            "T1\tPER 0 2\n".to_string(),
            "#1\tAnnotatorNotes T1\t\n".to_string(),
            String::new(),
            "\n".to_string(),
        ];
        for sample in samples {
            let doc = parse(&sample).unwrap();
            assert_eq!(write(&doc), sample);
            assert_eq!(parse(&write(&doc)).unwrap(), doc);
        }
    }

    #[test]
    fn remembers_line_endings_and_final_newline() {
        let crlf = parse("T1\tPER 0 5\tMerkel\r\nT2\tLOC 7 11\tKiew").unwrap();
        assert_eq!(crlf.line_ending, LineEnding::CrLf);
        assert!(!crlf.final_newline);
        let BratLine::TextBound(t) = &crlf.lines[0] else {
            panic!()
        };
        assert_eq!(t.text.as_deref(), Some("Merkel"));
    }

    #[test]
    fn reports_the_line_of_a_malformed_annotation() {
        let cases = [
            ("T1\tPER 0 5\tHallo\nT2\tPER 7\tx\n", 2, "start end"),
            ("T1 PER 0 5\n", 1, "no tab"),
            ("T1\tPER 5 2\tx\n", 1, "ends (2) before it starts (5)"),
            ("T1\tPER 0  5\tx\n", 1, "exactly one space"),
            ("T1\tPER a 5\tx\n", 1, "not an offset"),
            ("\n\nR1\tSource Arg1:T1\n", 3, "two arguments"),
            ("A1\tStatus\n", 1, "a target"),
            ("N1\tReference T1 Q123\n", 1, "Database:Key"),
            ("*\tEquiv T1\n", 1, "two members"),
            ("E1\tT2 Arg:T1\n", 1, "Type:Trigger"),
            (
                "T1\tPER 0 5\tx\r\nT2\tPER 0 5\tx\nT3\tPER 0 1\tx\r\n",
                2,
                "mixed line endings",
            ),
        ];
        for (content, line, needle) in cases {
            let error = parse(content).unwrap_err();
            assert_eq!(error.line, Some(line), "{content:?}: {error}");
            assert!(error.message.contains(needle), "{content:?}: {error}");
        }
    }

    #[test]
    fn sanitizes_fields_that_would_break_lines() {
        assert_eq!(sanitize_field("Neue\nZeile\tTab"), "Neue Zeile Tab");
    }

    mod round_trip {
        use super::super::*;
        use proptest::prelude::*;

        fn word() -> impl Strategy<Value = String> {
            "[A-Za-z][A-Za-z0-9_-]{0,6}"
        }

        fn id(prefix: &'static str) -> impl Strategy<Value = String> {
            "[1-9][0-9]{0,2}".prop_map(move |n| format!("{prefix}{n}"))
        }

        /// A free-text field: spaces, umlauts, emoji, no line breaks.
        fn field() -> impl Strategy<Value = String> {
            "[a-zA-Zäöüß👍 .,:;0-9]{0,12}"
        }

        fn argument() -> impl Strategy<Value = Argument> {
            (word(), id("T")).prop_map(|(role, target)| Argument { role, target })
        }

        fn line() -> impl Strategy<Value = BratLine> {
            let fragment = (0usize..500, 0usize..40).prop_map(|(start, len)| CharSpan {
                start,
                end: start + len,
            });
            prop_oneof![
                (
                    id("T"),
                    word(),
                    prop::collection::vec(fragment, 1..4),
                    prop::option::of(field())
                )
                    .prop_map(|(id, label, fragments, text)| BratLine::TextBound(
                        TextBound {
                            id,
                            label,
                            fragments,
                            text
                        }
                    )),
                (
                    id("R"),
                    word(),
                    argument(),
                    argument(),
                    prop::option::of(field())
                )
                    .prop_map(|(id, label, a, b, tail)| BratLine::Relation(
                        Relation {
                            id,
                            label,
                            args: vec![a, b],
                            tail
                        }
                    )),
                (
                    prop::sample::select(vec!["A", "M"]).prop_flat_map(id),
                    word(),
                    id("T"),
                    prop::option::of(word()),
                    prop::option::of(field())
                )
                    .prop_map(|(id, name, target, value, tail)| {
                        BratLine::Attribute(Attribute {
                            id,
                            name,
                            target,
                            value,
                            tail,
                        })
                    }),
                (
                    id("N"),
                    word(),
                    id("T"),
                    "Wikidata:Q[0-9]{1,6}|dossier:[a-z-]{1,12}",
                    prop::option::of(field())
                )
                    .prop_map(|(id, kind, target, reference, name)| {
                        BratLine::Normalization(Normalization {
                            id,
                            kind,
                            target,
                            reference,
                            name,
                        })
                    }),
                (id("#"), word(), id("T"), prop::option::of(field())).prop_map(
                    |(id, kind, target, text)| BratLine::Note(Note {
                        id,
                        kind,
                        target,
                        text
                    })
                ),
                (
                    id("E"),
                    word(),
                    id("T"),
                    prop::collection::vec(argument(), 0..3),
                    prop::option::of(field())
                )
                    .prop_map(|(id, label, trigger, args, tail)| BratLine::Event(
                        Event {
                            id,
                            label,
                            trigger,
                            args,
                            tail
                        }
                    )),
                (
                    "\\*[0-9]{0,2}",
                    word(),
                    prop::collection::vec(id("T"), 2..4),
                    prop::option::of(field())
                )
                    .prop_map(|(id, label, members, tail)| BratLine::Equivalence(
                        Equivalence {
                            id,
                            label,
                            members,
                            tail
                        }
                    )),
                "([a-z%!][a-z %\t]{0,8})?".prop_map(BratLine::Verbatim),
            ]
        }

        fn document() -> impl Strategy<Value = BratDocument> {
            (
                prop::collection::vec(line(), 0..8),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(|(lines, crlf, final_newline, byte_order_mark)| {
                    // Documents `write` cannot tell apart (see its comment) are made one way.
                    let ends_empty = lines.last() == Some(&BratLine::Verbatim(String::new()));
                    let final_newline = !lines.is_empty() && (final_newline || ends_empty);
                    let breaks = lines.len() > 1 || final_newline;
                    BratDocument {
                        lines,
                        line_ending: if crlf && breaks {
                            LineEnding::CrLf
                        } else {
                            LineEnding::Lf
                        },
                        final_newline,
                        byte_order_mark,
                    }
                })
        }

        proptest! {
            #[test]
            fn parse_reads_back_what_write_wrote(doc in document()) {
                let written = write(&doc);
                let parsed = parse(&written);
                prop_assert!(parsed.is_ok(), "{:?}: {:?}", written, parsed.err());
                let parsed = parsed.unwrap();
                prop_assert_eq!(&parsed, &doc);
                prop_assert_eq!(write(&parsed), written);
            }
        }
    }
}
