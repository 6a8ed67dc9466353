//! Annotating in the editor, all on the server: code actions on mentions, claims and
//! selections, each a `Command` this server executes (`workspace/executeCommand`). Annotation
//! data is written to the article's `.ann` (and the knowledge-base TOML) directly; changes to
//! the article text go through `workspace/applyEdit`. Also the hooks that keep each article's
//! annotations loaded and anchored while the editor changes its text.
//!
//! Every command takes one JSON object argument: `uri`, `start` and `end` (byte offsets of
//! the span in the text the action was offered on) and what the command needs (`label`,
//! `type`, `kb`, `note`, `speaker`, `claimKind`, `name`). Notes: editors without an input box
//! run "Add note" with its default text; edit the note afterwards in the `.ann` file
//! (`#1\tAnnotatorNotes T1\tyour text`), which is reloaded when it changes.

use super::server::Snapshot;
use super::state::{State, article_id, uri_of};
use crate::analysis::model::{ClaimKind, EntityKind};
use crate::annotations::{self, AnnotationSet, Status};
use crate::corpus::annotations::{ArticleAnnotations, ann_path_for, load_for};
use crate::corpus::kb_edit;
use crate::corpus::workspace::Article;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command, TextEdit, Uri,
    WorkspaceEdit,
};

use super::commands::*;

const DEFAULT_NOTE: &str = "to check";
const CLAIM_LABEL: &str = "Claim";
const CLAIM_KINDS: [ClaimKind; 5] = [
    ClaimKind::Quote,
    ClaimKind::Indirect,
    ClaimKind::Reported,
    ClaimKind::Numeric,
    ClaimKind::Vague,
];

pub fn is_command(name: &str) -> bool {
    ANNOTATION_COMMANDS.contains(&name)
}

// ---------------------------------------------------------------------------------------------
// Keeping annotations loaded and anchored

/// The file path of an article id (a `file:` URI).
fn path_of(id: &str) -> Option<PathBuf> {
    uri_of(id)?.to_file_path().map(|p| p.into_owned())
}

/// When a document opens: its annotations, made on the editor's text.
pub fn on_open(state: &mut State, id: &str, text: &str) {
    let in_step = state
        .corpus
        .annotations(id)
        .and_then(|a| a.set())
        .is_some_and(|s| s.text() == text);
    if in_step {
        return;
    }
    if let Some(path) = path_of(id) {
        let changed = state.corpus.set_annotations(id, load_for(&path, text));
        mark_stale(state, &changed);
    }
}

/// After a `didChange`: every change, in order, in bytes of the text before it.
pub fn on_change(state: &mut State, id: &str, edits: &[(Range<usize>, String)], text: &str) {
    let Some(current) = state.corpus.annotations(id) else {
        return;
    };
    let mut annotations = (**current).clone();
    let Some(set) = annotations.set_mut() else {
        return;
    };
    let followed = edits
        .iter()
        .all(|(range, new_text)| annotations::apply_edit(set, range.clone(), new_text).is_ok());
    if !followed || set.text() != text {
        annotations::reanchor(set, text);
    }
    let changed = state.corpus.set_annotations(id, annotations);
    mark_stale(state, &changed);
}

/// When the article is saved: its annotations too (never an unreadable file).
pub fn on_save(state: &mut State, id: &str) -> Result<(), String> {
    let Some(current) = state.corpus.annotations(id) else {
        return Ok(());
    };
    let mut annotations = (**current).clone();
    let Some(set) = annotations.set_mut() else {
        return Ok(());
    };
    // An empty set with no file stays without one.
    if set.is_empty() && set.path().is_none_or(|p| !p.exists()) {
        return Ok(());
    }
    set.save().map_err(|e| e.to_string())?;
    state.corpus.set_annotations(id, annotations);
    Ok(())
}

/// A file changed on disk: an `.ann` is read again; an article's annotations are re-anchored
/// on its new text (or loaded, the first time). Returns the article id affected.
pub fn on_disk_change(
    state: &mut State,
    path: &Path,
    article_text: Option<&str>,
) -> Option<String> {
    if path.extension().is_some_and(|e| e == "ann") {
        let id = state
            .corpus
            .ids()
            .find(|id| path_of(id).is_some_and(|p| ann_path_for(&p) == path))?
            .to_string();
        let text = match state.open.get_mut(&id) {
            Some(doc) => doc.text(),
            None => state.corpus.get(&id)?.text.clone(),
        };
        let reloaded = load_for(&path_of(&id)?, &text);
        let changed = state.corpus.set_annotations(&id, reloaded);
        mark_stale(state, &changed);
        reanalyze(state, &id);
        return Some(id);
    }
    let id = super::state::id_for_path(path)?;
    let text = article_text?;
    let mut annotations = match state.corpus.annotations(&id) {
        Some(current) => (**current).clone(),
        None => load_for(path, text),
    };
    if let Some(set) = annotations.set_mut()
        && set.text() != text
    {
        annotations::reanchor(set, text);
    }
    let changed = state.corpus.set_annotations(&id, annotations);
    mark_stale(state, &changed);
    Some(id)
}

/// Loads the annotations of articles read from disk (`texts`: id → decoded text), before they
/// are analysed. Open documents keep theirs.
pub fn load_for_index(state: &mut State, texts: &[(String, PathBuf, String)]) {
    let loaded: Vec<_> = texts
        .iter()
        .map(|(id, path, text)| {
            let text = match state.open.get_mut(id) {
                Some(doc) => doc.text().to_string(),
                None => text.clone(),
            };
            (id.clone(), load_for(path, &text))
        })
        .collect();
    state.corpus.set_all_annotations(loaded);
}

/// The names the workspace learned or forgot changed: articles containing one of them are
/// analysed again (open ones at the next request, closed ones now).
fn mark_stale(state: &mut State, changed: &[crate::analysis::decisions::TaughtName]) {
    if changed.is_empty() {
        return;
    }
    let affected: Vec<String> = state
        .corpus
        .articles()
        .filter(|(_, article)| changed.iter().any(|n| article.text.contains(&n.name)))
        .map(|(id, _)| id.to_string())
        .collect();
    for id in affected {
        reanalyze(state, &id);
    }
}

/// Analyses an article again with its current decisions: an open one at the next request, a
/// closed one now.
fn reanalyze(state: &mut State, id: &str) {
    if state.open.contains_key(id) {
        state.analyzed_version.remove(id);
        return;
    }
    let Some(article) = state.corpus.get(id) else {
        return;
    };
    if article.problem.is_some() {
        return;
    }
    let text = article.text.clone();
    let context = state.corpus.analysis_context_for(id, &text);
    let article = Article::from_text(text, &state.corpus.config, &context);
    state.corpus.insert(id.to_string(), article);
}

// ---------------------------------------------------------------------------------------------
// Code actions

/// Annotation actions for the range a person asks about.
pub fn code_actions(snapshot: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let id = article_id(uri);
    let Some(article) = snapshot.corpus.get(&id) else {
        return Vec::new();
    };
    if article.problem.is_some() {
        return Vec::new();
    }
    let wanted = snapshot.mapper(article).byte_range(params.range);
    let analysis = &article.analysis;
    let set = snapshot.corpus.annotations(&id).and_then(|a| a.set());
    let mut actions = Vec::new();
    let target =
        |range: &Range<usize>| json!({"uri": uri.as_str(), "start": range.start, "end": range.end});
    let with = |mut base: Value, extra: Value| {
        if let (Some(base), Some(extra)) = (base.as_object_mut(), extra.as_object()) {
            base.extend(extra.clone());
        }
        base
    };

    // On a mention.
    let mention = if wanted.is_empty() {
        analysis.mention_at(wanted.start).map(|(_, m)| m)
    } else {
        analysis.mentions.iter().find(|m| m.range == wanted)
    };
    // A word derived from a name ("Grünen" in "Grünen-Politiker") is no name of its own: a
    // selection of it may be marked.
    let mention = mention.filter(|m| !m.derived);
    if let Some(mention) = mention {
        let range = &mention.range;
        let written = &article.text[range.clone()];
        let label = mention.kind.label();
        let base = with(target(range), json!({"label": label}));
        let decided = set.and_then(|s| s.at_range(range));
        if decided
            .as_ref()
            .is_none_or(|a| a.status == Status::Rejected)
        {
            actions.push(action(
                format!("Confirm {label} “{written}”"),
                CodeActionKind::REFACTOR_REWRITE,
                CONFIRM,
                base.clone(),
            ));
        }
        actions.push(action(
            format!("Not an entity: reject “{written}”"),
            CodeActionKind::QUICKFIX,
            REJECT,
            base.clone(),
        ));
        for kind in EntityKind::ALL.into_iter().filter(|k| *k != mention.kind) {
            actions.push(action(
                format!("Change type of “{written}” to {}", kind.label()),
                CodeActionKind::REFACTOR_REWRITE,
                SET_TYPE,
                with(base.clone(), json!({"type": kind.label()})),
            ));
        }
        let entity = &analysis.entities[mention.entity];
        let kb = &snapshot.corpus.knowledge_base;
        let linked_kb = entity.kb_id.as_deref().and_then(|id| kb.get(id));
        if linked_kb.is_none() {
            for candidate in plausible_kb_entities(kb, written, &entity.name, mention.kind) {
                actions.push(action(
                    format!("Link “{written}” to {} ({})", candidate.name, candidate.id),
                    CodeActionKind::REFACTOR_REWRITE,
                    LINK,
                    with(base.clone(), json!({"kb": candidate.id})),
                ));
            }
            actions.push(action(
                format!("Create knowledge-base entry “{}”", entity.name),
                CodeActionKind::REFACTOR_REWRITE,
                CREATE_KB_ENTRY,
                with(base.clone(), json!({"name": entity.name})),
            ));
        }
        if let Some(kb_entity) = linked_kb {
            if !kb_entity.names().any(|n| n == written) {
                actions.push(action(
                    format!("Add “{written}” as an alias of {}", kb_entity.name),
                    CodeActionKind::REFACTOR_REWRITE,
                    ADD_ALIAS,
                    with(base.clone(), json!({"kb": kb_entity.id})),
                ));
            }
        }
        if entity.name != written && !entity.name.is_empty() {
            actions.push(action(
                format!("Normalise spelling to “{}”", entity.name),
                CodeActionKind::REFACTOR_REWRITE,
                NORMALISE_SPELLING,
                with(base.clone(), json!({"name": entity.name})),
            ));
        }
        actions.push(action(
            format!("Add note to “{written}”"),
            CodeActionKind::REFACTOR_REWRITE,
            ADD_NOTE,
            with(base.clone(), json!({"note": DEFAULT_NOTE})),
        ));
    }

    // On a claim (the cursor inside its message).
    for claim in analysis
        .claims
        .iter()
        .filter(|c| c.range.start <= wanted.start && wanted.end <= c.range.end)
    {
        let base = with(target(&claim.range), json!({"label": CLAIM_LABEL}));
        let what = format!("{} claim", claim.kind.label());
        actions.push(action(
            format!("Confirm {what}"),
            CodeActionKind::REFACTOR_REWRITE,
            CONFIRM,
            with(base.clone(), json!({"claimKind": claim.kind.label()})),
        ));
        actions.push(action(
            format!("Not a claim: reject {what}"),
            CodeActionKind::QUICKFIX,
            REJECT,
            base.clone(),
        ));
        for (speaker, name) in people_nearest(article, claim.range.start) {
            if claim.speaker.as_ref() == Some(&speaker) {
                continue;
            }
            actions.push(action(
                format!("Set speaker of {what} to {name}"),
                CodeActionKind::REFACTOR_REWRITE,
                SET_SPEAKER,
                with(
                    base.clone(),
                    json!({"speaker": [speaker.start, speaker.end]}),
                ),
            ));
        }
        for kind in CLAIM_KINDS.into_iter().filter(|k| *k != claim.kind) {
            actions.push(action(
                format!("Set claim kind to {}", kind.label()),
                CodeActionKind::REFACTOR_REWRITE,
                SET_CLAIM_KIND,
                with(base.clone(), json!({"claimKind": kind.label()})),
            ));
        }
    }

    // On a selection that is no mention yet.
    if !wanted.is_empty()
        && mention.is_none()
        && article
            .text
            .get(wanted.clone())
            .is_some_and(|s| !s.trim().is_empty())
    {
        let selected = trim_range(&article.text, wanted);
        let shown = excerpt(&article.text[selected.clone()]);
        for kind in EntityKind::ALL {
            actions.push(action(
                format!("Mark “{shown}” as {}", kind.label()),
                CodeActionKind::REFACTOR_REWRITE,
                MARK_ENTITY,
                with(target(&selected), json!({"type": kind.label()})),
            ));
        }
        for (speaker, name) in people_nearest(article, selected.start) {
            actions.push(action(
                format!("Mark as claim by {name}"),
                CodeActionKind::REFACTOR_REWRITE,
                MARK_CLAIM,
                with(
                    target(&selected),
                    json!({"speaker": [speaker.start, speaker.end]}),
                ),
            ));
        }
    }
    actions
}

/// Keeps the actions of the kinds the client asked for (`context.only`; `refactor` covers
/// `refactor.rewrite`).
pub fn keep_requested_kinds(
    actions: &mut Vec<CodeActionOrCommand>,
    only: Option<&[CodeActionKind]>,
) {
    let Some(only) = only else { return };
    actions.retain(|action| match action {
        CodeActionOrCommand::CodeAction(CodeAction {
            kind: Some(kind), ..
        }) => only.iter().any(|wanted| {
            kind.as_str() == wanted.as_str()
                || kind.as_str().starts_with(&format!("{}.", wanted.as_str()))
        }),
        _ => false,
    });
}

fn action(
    title: String,
    kind: CodeActionKind,
    command: &str,
    argument: Value,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.clone(),
        kind: Some(kind),
        command: Some(Command {
            title,
            command: command.to_string(),
            arguments: Some(vec![argument]),
        }),
        ..Default::default()
    })
}

fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 40 {
        format!("{}…", flat.chars().take(39).collect::<String>())
    } else {
        flat
    }
}

/// A selection without the white space at its ends.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let inner = &text[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    let end = range.end - (inner.len() - inner.trim_end().len());
    start..end.max(start)
}

/// One mention per person entity of the article, the nearest to `offset` first.
fn people_nearest(article: &Article, offset: usize) -> Vec<(Range<usize>, String)> {
    let analysis = &article.analysis;
    let mut found: Vec<(usize, Range<usize>, String)> = analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .filter_map(|e| {
            e.mentions
                .iter()
                .filter_map(|&i| analysis.mentions.get(i))
                .filter(|m| !m.derived)
                .map(|m| {
                    (
                        m.range.start.abs_diff(offset),
                        m.range.clone(),
                        e.name.clone(),
                    )
                })
                .min_by_key(|(d, _, _)| *d)
        })
        .collect();
    found.sort_by_key(|(d, r, _)| (*d, r.start));
    found.into_iter().map(|(_, r, n)| (r, n)).take(8).collect()
}

/// Knowledge-base entities of the same type whose name or an alias is like the mention.
fn plausible_kb_entities<'kb>(
    kb: &'kb crate::corpus::knowledge_base::KnowledgeBase,
    written: &str,
    name: &str,
    kind: EntityKind,
) -> Vec<&'kb crate::corpus::knowledge_base::KbEntity> {
    let fold = |s: &str| s.to_lowercase();
    let (written, name) = (fold(written), fold(name));
    let mut scored: Vec<(f64, &crate::corpus::knowledge_base::KbEntity)> = kb
        .entities()
        .iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| {
            let best = e
                .names()
                .map(fold)
                .map(|n| {
                    let shares_word = n.split_whitespace().any(|w| {
                        written.split_whitespace().any(|x| x == w)
                            || name.split_whitespace().any(|x| x == w)
                    });
                    let similar =
                        strsim::jaro_winkler(&n, &written).max(strsim::jaro_winkler(&n, &name));
                    if shares_word {
                        similar.max(0.9)
                    } else {
                        similar
                    }
                })
                .fold(0.0, f64::max);
            (best >= 0.85).then_some((best, e))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    scored.into_iter().map(|(_, e)| e).take(5).collect()
}

// ---------------------------------------------------------------------------------------------
// Executing commands

/// What the server must do after a command.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The knowledge base or settings changed: read the workspace again.
    pub reindex: bool,
}

struct Args {
    id: String,
    uri: Uri,
    range: Range<usize>,
    value: Value,
}

fn parse_args(arguments: &[Value]) -> Result<Args, String> {
    let value = arguments.first().cloned().unwrap_or(Value::Null);
    let value = match value {
        // `dossier.saveAnnotations` may be given just the URI.
        Value::String(uri) => json!({"uri": uri}),
        other => other,
    };
    let uri: Uri = value["uri"]
        .as_str()
        .and_then(|u| u.parse().ok())
        .ok_or("the command needs a `uri` argument")?;
    let start = value["start"].as_u64().unwrap_or(0) as usize;
    let end = value["end"].as_u64().unwrap_or(start as u64) as usize;
    Ok(Args {
        id: article_id(&uri),
        uri,
        range: start..end,
        value,
    })
}

fn text_of(state: &mut State, id: &str) -> Option<std::sync::Arc<str>> {
    match state.open.get_mut(id) {
        Some(doc) => Some(doc.text()),
        None => state.corpus.get(id).map(|a| a.text.clone()),
    }
}

/// Runs an annotation command. Text changes are sent to the client with `workspace/applyEdit`.
pub async fn execute(
    state: &Mutex<State>,
    client: &Client,
    command: &str,
    arguments: &[Value],
) -> Result<Outcome, String> {
    let args = parse_args(arguments)?;
    if command == NORMALISE_SPELLING {
        let name = args.value["name"].as_str().ok_or("`name` is missing")?;
        let edit = {
            let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
            let text = text_of(&mut guard, &args.id).ok_or("unknown article")?;
            check_range(&text, &args.range)?;
            let lines = crate::text::lines::LineIndex::new(&text);
            let mapper = super::convert::PositionMapper {
                text: &text,
                lines: &lines,
                encoding: guard.encoding(),
            };
            let range = mapper.range(&args.range);
            WorkspaceEdit {
                changes: Some(HashMap::from([(
                    args.uri.clone(),
                    vec![TextEdit {
                        range,
                        new_text: name.to_string(),
                    }],
                )])),
                ..Default::default()
            }
        };
        let applied = client
            .apply_edit(edit)
            .await
            .map_err(|e| format!("the editor did not apply the edit: {e}"))?;
        if !applied.applied {
            return Err(applied
                .failure_reason
                .unwrap_or_else(|| "the editor refused the edit".into()));
        }
        return Ok(Outcome::default());
    }
    let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
    execute_locked(&mut guard, command, &args)
}

fn check_range(text: &str, range: &Range<usize>) -> Result<(), String> {
    if range.start < range.end && text.get(range.clone()).is_some() {
        Ok(())
    } else {
        Err(format!(
            "{}..{} is not a span of the current text (it changed?)",
            range.start, range.end
        ))
    }
}

fn execute_locked(state: &mut State, command: &str, args: &Args) -> Result<Outcome, String> {
    let id = &args.id;
    let text = text_of(state, id).ok_or("unknown article")?;
    if command == SAVE_ANNOTATIONS {
        on_save(state, id)?;
        return Ok(Outcome::default());
    }
    check_range(&text, &args.range)?;
    let path = path_of(id).ok_or("the article is no file")?;
    let mut annotations = match state.corpus.annotations(id) {
        Some(current) => (**current).clone(),
        None => load_for(&path, &text),
    };
    let set = match &mut annotations {
        ArticleAnnotations::Loaded(set) => set,
        ArticleAnnotations::Unreadable { path, error } => {
            return Err(format!(
                "{} could not be read ({error}); fix it first, it is left untouched",
                path.display()
            ));
        }
    };
    if set.text() != &*text {
        annotations::reanchor(set, &text);
    }
    let mut outcome = Outcome::default();
    let range = args.range.clone();
    let value = &args.value;
    let label = value["label"].as_str().unwrap_or("MISC");
    let err = |e: annotations::AnnError| e.to_string();
    match command {
        CONFIRM => {
            let t = decide(set, &range, label, Status::Confirmed)?;
            if let Some(kind) = value["claimKind"].as_str().and_then(claim_kind) {
                set.set_claim_kind(&t, kind).map_err(err)?;
            }
        }
        REJECT => {
            let t = existing_or_add(set, &range, label, Status::Rejected)?;
            set.reject(&t).map_err(err)?;
        }
        SET_TYPE => {
            let kind = value["type"]
                .as_str()
                .and_then(EntityKind::from_label)
                .ok_or("unknown type")?;
            let t = decide(set, &range, label, Status::Confirmed)?;
            set.retype(&t, kind.label()).map_err(err)?;
        }
        MARK_ENTITY => {
            let kind = value["type"]
                .as_str()
                .and_then(EntityKind::from_label)
                .ok_or("unknown type")?;
            match set.at_range(&range) {
                Some(existing) => {
                    set.retype(&existing.id, kind.label()).map_err(err)?;
                    set.confirm(&existing.id).map_err(err)?;
                }
                None => {
                    set.add_span(range, kind.label(), Status::Added)
                        .map_err(err)?;
                }
            }
        }
        LINK => {
            let kb_id = value["kb"].as_str().ok_or("`kb` is missing")?;
            let name = state
                .corpus
                .knowledge_base
                .get(kb_id)
                .map(|e| e.name.clone());
            let t = decide(set, &range, label, Status::Confirmed)?;
            set.link(&t, &format!("dossier:{kb_id}"), name.as_deref())
                .map_err(err)?;
        }
        ADD_NOTE => {
            let note = value["note"].as_str().unwrap_or(DEFAULT_NOTE);
            let t = existing_or_add(set, &range, label, Status::Confirmed)?;
            set.set_note(&t, note).map_err(err)?;
        }
        CREATE_KB_ENTRY => {
            let kind = EntityKind::from_label(label).ok_or("unknown type")?;
            let name = value["name"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| text[range.clone()].to_string());
            let kb_id = unique_kb_id(&state.corpus.knowledge_base, &name);
            let kb_file = knowledge_base_file(state)?;
            kb_edit::append_entity(&kb_file, &kb_id, kind, &name)?;
            let t = decide(set, &range, label, Status::Confirmed)?;
            set.link(&t, &format!("dossier:{kb_id}"), Some(&name))
                .map_err(err)?;
            outcome.reindex = true;
        }
        ADD_ALIAS => {
            let kb_id = value["kb"].as_str().ok_or("`kb` is missing")?;
            let entity = state
                .corpus
                .knowledge_base
                .get(kb_id)
                .ok_or("no such knowledge-base entry")?
                .clone();
            kb_edit::add_alias(&entity, &text[range.clone()])?;
            outcome.reindex = true;
        }
        MARK_CLAIM | SET_SPEAKER => {
            let speaker = value["speaker"]
                .as_array()
                .and_then(|a| Some(a.first()?.as_u64()? as usize..a.get(1)?.as_u64()? as usize))
                .ok_or("`speaker` is missing")?;
            check_range(&text, &speaker)?;
            let status = if command == MARK_CLAIM {
                Status::Added
            } else {
                Status::Confirmed
            };
            let claim = existing_or_add(set, &range, CLAIM_LABEL, status)?;
            let speaker_t = existing_or_add(set, &speaker, "PER", Status::Confirmed)?;
            set.set_claim_speaker(&claim, &speaker_t).map_err(err)?;
        }
        SET_CLAIM_KIND => {
            let kind = value["claimKind"]
                .as_str()
                .and_then(claim_kind)
                .ok_or("unknown claim kind")?;
            let claim = existing_or_add(set, &range, CLAIM_LABEL, Status::Confirmed)?;
            set.set_claim_kind(&claim, kind).map_err(err)?;
        }
        other => return Err(format!("unknown command {other}")),
    }
    set.save().map_err(err)?;
    let changed = state.corpus.set_annotations(id.clone(), annotations);
    mark_stale(state, &changed);
    reanalyze(state, id);
    Ok(outcome)
}

fn claim_kind(label: &str) -> Option<ClaimKind> {
    CLAIM_KINDS.into_iter().find(|k| k.label() == label)
}

/// The annotation made on exactly `range`, or a new one with `status`.
fn existing_or_add(
    set: &mut AnnotationSet,
    range: &Range<usize>,
    label: &str,
    status: Status,
) -> Result<String, String> {
    match set.at_range(range) {
        Some(existing) => Ok(existing.id),
        None => set
            .add_span(range.clone(), label, status)
            .map_err(|e| e.to_string()),
    }
}

/// Confirms the annotation on `range` (made now when the analysis found it alone).
fn decide(
    set: &mut AnnotationSet,
    range: &Range<usize>,
    label: &str,
    status: Status,
) -> Result<String, String> {
    let t = existing_or_add(set, range, label, status)?;
    set.confirm(&t).map_err(|e| e.to_string())?;
    Ok(t)
}

fn unique_kb_id(kb: &crate::corpus::knowledge_base::KnowledgeBase, name: &str) -> String {
    let base = crate::analysis::linking::slug(name);
    let base = if base.is_empty() {
        "entity".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while kb.get(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The first knowledge-base file of the settings; otherwise `knowledge.toml` at the root,
/// declared in `dossier.toml` (created when missing).
fn knowledge_base_file(state: &State) -> Result<PathBuf, String> {
    let root = state
        .config_file
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| state.roots.first().cloned())
        .ok_or("no workspace folder to keep the knowledge base in")?;
    if let Some(first) = state.corpus.config.knowledge_base.first() {
        return Ok(root.join(first));
    }
    let file = root.join("knowledge.toml");
    let config = state
        .config_file
        .clone()
        .unwrap_or_else(|| root.join(crate::config::CONFIG_FILE_NAME));
    kb_edit::declare_in_config(&config, "knowledge.toml")?;
    Ok(file)
}

/// Notes of the annotations on `range` of an article, for hover.
pub fn notes_at(snapshot: &Snapshot, id: &str, range: &Range<usize>) -> Vec<String> {
    snapshot
        .corpus
        .annotations(id)
        .and_then(|a| a.set())
        .map(|set| {
            set.overlapping(range.clone())
                .into_iter()
                .filter_map(|a| a.note)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a person confirmed (or added) an annotation on exactly `range`.
pub fn is_confirmed(snapshot: &Snapshot, id: &str, range: &Range<usize>) -> bool {
    snapshot
        .corpus
        .annotations(id)
        .and_then(|a| a.set())
        .and_then(|set| set.at_range(range))
        .is_some_and(|a| a.status != Status::Rejected)
}

/// Diagnostics on unreadable `.ann` files (at the bad line), and empty lists for files that
/// had some and are fine now.
pub fn ann_file_messages(
    state: &mut State,
) -> Vec<(
    String,
    Vec<tower_lsp_server::ls_types::Diagnostic>,
    Option<i32>,
)> {
    use tower_lsp_server::ls_types::{Diagnostic, NumberOrString, Position, Range as LspRange};
    let severity = state
        .corpus
        .config
        .severity_of(crate::diagnostics::ANNOTATION_FILE);
    let mut now: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    for id in state.corpus.ids() {
        let Some(annotations) = state.corpus.annotations(id) else {
            continue;
        };
        let (ArticleAnnotations::Unreadable { path, error }, Some(severity)) =
            (&**annotations, severity)
        else {
            continue;
        };
        let Some(ann_id) = super::state::id_for_path(path) else {
            continue;
        };
        let line = error.line.unwrap_or(1).saturating_sub(1) as u32;
        now.entry(ann_id).or_default().push(Diagnostic {
            range: LspRange::new(Position::new(line, 0), Position::new(line, u32::MAX / 2)),
            severity: Some(super::convert::severity(severity)),
            code: Some(NumberOrString::String(
                crate::diagnostics::ANNOTATION_FILE.code.into(),
            )),
            source: Some("dossier".into()),
            message: format!(
                "{}; Dossier leaves this file untouched until it can be read",
                error.message
            ),
            ..Default::default()
        });
    }
    let mut messages: Vec<_> = state
        .ann_files_published
        .iter()
        .filter(|id| !now.contains_key(*id))
        .map(|id| (id.clone(), Vec::new(), None))
        .collect();
    state.ann_files_published = now.keys().cloned().collect();
    messages.extend(now.into_iter().map(|(id, d)| (id, d, None)));
    messages
}
