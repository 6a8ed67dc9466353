//! Completion of entity names, rename across articles, and quick fixes.

use super::server::Snapshot;
use super::state::{article_id, uri_of};
use crate::diagnostics::FixEdit;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind,
    CompletionTextEdit, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

/// The word (letters, digits, hyphens, apostrophes) around a byte offset.
pub fn word_at(text: &str, offset: usize) -> std::ops::Range<usize> {
    let offset = crate::text::lines::floor_char_boundary(text, offset);
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    start..end
}

/// Known entity names starting with the capitalised word being typed.
pub fn completions(snapshot: &Snapshot, uri: &Uri, position: Position) -> Vec<CompletionItem> {
    let Some((id, offset)) = snapshot.offset_of(uri, position) else {
        return Vec::new();
    };
    let Some(article) = snapshot.corpus.get(&id) else {
        return Vec::new();
    };
    let word = word_at(&article.text, offset);
    let prefix = &article.text[word.start..offset];
    if !prefix.chars().next().is_some_and(char::is_uppercase) {
        return Vec::new();
    }
    let replace = snapshot.mapper(article).range(&(word.start..offset));
    let mut items: Vec<CompletionItem> = Vec::new();
    for (_, name, kind, names) in snapshot.corpus.all_entities() {
        // A name is offered when it, or one of its words, starts with what is typed: "Selen"
        // offers "Selenskyj" and "Wolodymyr Selenskyj". Words inside a name are offered
        // from the matching word on, which is how names are usually shortened.
        let mut offered: Vec<String> = Vec::new();
        for spelling in std::iter::once(&name).chain(&names) {
            let word_starts = spelling.match_indices(' ').map(|(i, _)| i + 1);
            for start in std::iter::once(0).chain(word_starts) {
                let tail = &spelling[start..];
                for candidate in [tail, spelling.as_str()] {
                    let matches = tail.starts_with(prefix) && candidate != prefix;
                    if matches && !offered.iter().any(|o| o == candidate) {
                        offered.push(candidate.to_string());
                    }
                }
            }
        }
        for candidate in offered {
            let detail = if candidate == name {
                kind.describe().to_string()
            } else {
                format!("{} · {}", kind.describe(), name)
            };
            items.push(CompletionItem {
                label: candidate.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(detail),
                // Editors filter by this text against what is typed.
                filter_text: Some(format!("{prefix}{candidate}")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replace,
                    new_text: candidate,
                })),
                ..Default::default()
            });
        }
    }
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items
}

/// The spelling being renamed: the word under the cursor inside an entity mention, with a
/// genitive `s` removed when the bare form is spelled elsewhere.
fn old_spelling(
    snapshot: &Snapshot,
    id: &str,
    offset: usize,
) -> Option<(std::ops::Range<usize>, String, String)> {
    let found = snapshot.corpus.mention_at(id, offset)?;
    let key = found.key.clone();
    let article = snapshot.corpus.get(id)?;
    let word = word_at(
        &article.text,
        offset
            .max(found.mention.range.start)
            .min(found.mention.range.end),
    );
    let word = word.start.max(found.mention.range.start)..word.end.min(found.mention.range.end);
    let mut spelling = article.text[word.clone()].to_string();
    if let Some(stem) = spelling.strip_suffix('s') {
        let stem_is_used = snapshot.corpus.mentions_of(&key).iter().any(|m| {
            snapshot
                .corpus
                .get(m.article)
                .is_some_and(|a| contains_word(&a.text[m.mention.range.clone()], stem))
        });
        if stem_is_used {
            spelling = stem.to_string();
        }
    }
    Some((word, spelling, key))
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| w == word)
}

pub fn prepare_rename(
    snapshot: &Snapshot,
    uri: &Uri,
    position: Position,
) -> Option<(Range, String)> {
    let (id, offset) = snapshot.offset_of(uri, position)?;
    let (word, spelling, _) = old_spelling(snapshot, &id, offset)?;
    let article = snapshot.corpus.get(&id)?;
    let range = word.start..word.start + spelling.len();
    Some((snapshot.mapper(article).range(&range), spelling))
}

/// Renames an entity's spelling at every mention in every article, keeping inflection
/// endings: "Selensky" → "Selenskyj" also turns "Selenskys" into "Selenskyjs".
pub fn rename(
    snapshot: &Snapshot,
    uri: &Uri,
    position: Position,
    new_name: &str,
) -> Option<WorkspaceEdit> {
    let (id, offset) = snapshot.offset_of(uri, position)?;
    let (_, old, key) = old_spelling(snapshot, &id, offset)?;
    let mut edits: Vec<FixEdit> = Vec::new();
    for m in snapshot.corpus.mentions_of(&key) {
        if m.mention.derived {
            continue;
        }
        let Some(article) = snapshot.corpus.get(m.article) else {
            continue;
        };
        let text = &article.text[m.mention.range.clone()];
        let mut search = 0;
        while let Some(found) = text[search..].find(&old) {
            let start = search + found;
            let end = start + old.len();
            let at_word_start = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if at_word_start {
                let absolute = m.mention.range.start + start;
                edits.push(FixEdit {
                    article: m.article.to_string(),
                    range: absolute..absolute + old.len(),
                    new_text: new_name.to_string(),
                });
            }
            search = end;
        }
    }
    workspace_edit(snapshot, &edits)
}

pub fn workspace_edit(snapshot: &Snapshot, edits: &[FixEdit]) -> Option<WorkspaceEdit> {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        let article = snapshot.corpus.get(&edit.article)?;
        let uri = uri_of(&edit.article)?;
        changes.entry(uri).or_default().push(TextEdit {
            range: snapshot.mapper(article).range(&edit.range),
            new_text: edit.new_text.clone(),
        });
    }
    (!changes.is_empty()).then(|| WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    })
}

/// Quick fixes of the diagnostics in the requested range.
pub fn quick_fixes(snapshot: &Snapshot, uri: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
    let id = article_id(uri);
    let Some(article) = snapshot.corpus.get(&id) else {
        return Vec::new();
    };
    let wanted = snapshot.mapper(article).byte_range(range);
    let mut actions = Vec::new();
    for diagnostic in snapshot.corpus.diagnostics(&id) {
        let touches = diagnostic.range.start <= wanted.end && wanted.start <= diagnostic.range.end;
        if !touches {
            continue;
        }
        for fix in &diagnostic.fixes {
            let Some(edit) = workspace_edit(snapshot, &fix.edits) else {
                continue;
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: super::publish::to_lsp(
                    &snapshot.corpus,
                    &id,
                    &diagnostic,
                    snapshot.encoding,
                )
                .map(|d| vec![d]),
                edit: Some(edit),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::word_at;

    #[test]
    fn words_include_hyphens_and_umlauts() {
        let text = "Grünen-Politiker Daniel Cohn-Bendit forderte";
        assert_eq!(&text[word_at(text, 3)], "Grünen-Politiker");
        let at = text.find("Bendit").unwrap();
        assert_eq!(&text[word_at(text, at)], "Cohn-Bendit");
        assert_eq!(&text[word_at(text, text.len())], "forderte");
    }
}
