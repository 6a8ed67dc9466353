//! `dossier check`: print every diagnostic of the articles named.

use super::load::load_paths;
use super::{CheckArgs, OutputFormat, exit};
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::text::lines::{Encoding, char_offset};
use serde_json::json;
use std::io::Write;

/// One printed line's worth of facts, in the units the CLI promises: 1-based line, column
/// in characters, code-point offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub path: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

impl Finding {
    pub fn text_line(&self) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            self.path,
            self.line,
            self.column,
            self.severity.label(),
            self.code,
            self.message
        )
    }

    pub fn json_line(&self) -> String {
        json!({
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.label(),
            "code": self.code,
            "message": self.message,
        })
        .to_string()
    }
}

pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = load_paths(&args.paths);
    let mut findings = Vec::new();
    let setup_errors = loaded.config_error.iter().chain(&loaded.kb_errors);
    for (path, error) in setup_errors {
        let Some(severity) = loaded.corpus.config.severity_of(diagnostics::CONFIG_ERROR) else {
            continue;
        };
        findings.push(Finding {
            path: path.to_string_lossy().into_owned(),
            start: 0,
            end: 0,
            line: error.line.unwrap_or(1),
            column: 1,
            severity,
            code: diagnostics::CONFIG_ERROR.code,
            message: format!("{} (defaults are used)", error.message),
        });
    }
    for (id, article) in loaded.corpus.articles() {
        for diagnostic in loaded.corpus.diagnostics(id) {
            findings.push(finding(id, &article.text, &article.lines, &diagnostic));
        }
    }
    for finding in &findings {
        let line = match args.format {
            OutputFormat::Text => finding.text_line(),
            OutputFormat::Json => finding.json_line(),
        };
        if writeln!(out, "{line}").is_err() {
            return exit::FAILURE;
        }
    }
    for (path, error) in &loaded.io_errors {
        let _ = writeln!(err, "dossier: cannot read {}: {error}", path.display());
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        err,
        "checked {} articles: {} errors, {} warnings, {} notes",
        loaded.corpus.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Information) + count(Severity::Hint)
    );
    if !loaded.io_errors.is_empty() {
        exit::FAILURE
    } else if count(Severity::Error) > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

pub fn finding(
    path: &str,
    text: &str,
    lines: &crate::text::lines::LineIndex,
    d: &Diagnostic,
) -> Finding {
    let position = lines.position(text, d.range.start, Encoding::Utf32);
    Finding {
        path: path.to_string(),
        start: char_offset(text, d.range.start),
        end: char_offset(text, d.range.end),
        line: position.line as usize + 1,
        column: position.col as usize + 1,
        severity: d.severity,
        code: d.code,
        message: d.message.clone(),
    }
}
