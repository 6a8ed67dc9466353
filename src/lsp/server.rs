//! The tower-lsp-server backend: capabilities, text sync, workspace indexing, settings.

use super::convert::{PositionMapper, encoding_kind, negotiate_encoding};
use super::documents::OpenDocument;
use super::publish::to_lsp;
use super::state::{State, article_id, id_for_path, uri_of};
use crate::config::{CONFIG_FILE_NAME, parse_json_layer};
use crate::corpus::discover::{find_articles, is_article};
use crate::corpus::workspace::{Article, Corpus};
use crate::diagnostics;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::request::{GotoDeclarationParams, GotoDeclarationResponse};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// How long to wait for the client to answer one of our requests before going on without.
const CLIENT_REPLY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    pub shutdown_requested: Arc<AtomicBool>,
}

/// What a request works on: the corpus as it was when the request arrived, with every
/// open document analysed at its latest version.
pub struct Snapshot {
    pub corpus: Corpus,
    pub encoding: crate::text::lines::Encoding,
}

impl Snapshot {
    pub fn mapper<'a>(&self, article: &'a Article) -> PositionMapper<'a> {
        PositionMapper {
            text: &article.text,
            lines: &article.lines,
            encoding: self.encoding,
        }
    }
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::default(),
            shutdown_requested: Arc::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock must not take the whole server down with it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A handle for background tasks.
    fn worker(&self) -> Worker {
        Worker {
            client: self.client.clone(),
            state: Arc::clone(&self.state),
            shutdown_requested: Arc::clone(&self.shutdown_requested),
        }
    }

    /// Brings every open document's analysis up to date and returns a snapshot.
    pub async fn snapshot(&self) -> Snapshot {
        self.worker().analyze_open_documents().await;
        let state = self.lock();
        Snapshot {
            corpus: state.corpus.clone(),
            encoding: state.encoding(),
        }
    }
}

/// The part of the backend that background tasks share.
#[derive(Clone)]
struct Worker {
    client: Client,
    state: Arc<Mutex<State>>,
    shutdown_requested: Arc<AtomicBool>,
}

impl Worker {
    /// Once the client asked the server to shut down, background work sends nothing more:
    /// the client may close the connection at any moment, and a message sent after that
    /// only ends in an error in the log.
    fn shutting_down(&self) -> bool {
        self.shutdown_requested.load(Ordering::SeqCst)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Analyses open documents whose latest version is not in the corpus yet. Analysis
    /// runs without the lock; its result is kept only if no edit arrived meanwhile.
    async fn analyze_open_documents(&self) -> bool {
        let mut changed = false;
        loop {
            let pending = {
                let mut state = self.lock();
                let config = state.corpus.config.clone();
                let stale: Vec<String> = state
                    .open
                    .iter()
                    .filter(|(id, doc)| state.analyzed_version.get(*id) != Some(&doc.version))
                    .map(|(id, _)| id.clone())
                    .collect();
                stale
                    .into_iter()
                    .map(|id| {
                        let doc = state.open.get_mut(&id).expect("listed above");
                        (id, doc.version, doc.text())
                    })
                    .collect::<Vec<_>>()
                    .into_iter()
                    .map(|(id, version, text)| {
                        let context = state.corpus.analysis_context_for(&id, &text);
                        (id, version, text, config.clone(), context)
                    })
                    .collect::<Vec<_>>()
            };
            if pending.is_empty() {
                return changed;
            }
            for (id, version, text, config, context) in pending {
                // Only fails when the runtime is shutting down; nothing is left to do then.
                let Ok(article) = tokio::task::spawn_blocking(move || {
                    Article::from_text(text, &config, &context)
                })
                .await
                else {
                    return changed;
                };
                let mut state = self.lock();
                if state.open.get(&id).map(|d| d.version) == Some(version) {
                    state.corpus.insert(id.clone(), article);
                    state.analyzed_version.insert(id, version);
                    changed = true;
                }
            }
        }
    }

    /// Analyses what changed, then publishes the diagnostics that differ from the last
    /// ones sent (an edit in one article can change another's cross-article findings).
    async fn refresh(&self, scope: Scope) {
        self.analyze_open_documents().await;
        let messages = {
            let mut state = self.lock();
            let encoding = state.encoding();
            let mut messages = Vec::new();
            let ids: Vec<String> = match scope {
                Scope::All => state.corpus.ids().map(str::to_string).collect(),
                Scope::Changed(changed) => affected_articles(&state, changed),
            };
            for id in &ids {
                let found = state.corpus.diagnostics(id);
                // Open documents get their diagnostics again for each new version, so the
                // client knows they are current; closed ones only when they change.
                let version = state.open.get(id).map(|d| d.version);
                let published = (version, found);
                if state.published.get(id) != Some(&published) {
                    let lsp: Vec<_> = published
                        .1
                        .iter()
                        .filter_map(|d| to_lsp(&state.corpus, id, d, encoding))
                        .collect();
                    messages.push((id.clone(), lsp, version));
                    state.published.insert(id.clone(), published);
                }
            }
            // Articles that left the corpus get their diagnostics cleared.
            let gone: Vec<String> = state
                .published
                .keys()
                .filter(|id| state.corpus.get(id).is_none())
                .cloned()
                .collect();
            for id in gone {
                state.published.remove(&id);
                messages.push((id, Vec::new(), None));
            }
            messages.extend(config_file_diagnostics(&state));
            messages.extend(super::annotate::ann_file_messages(&mut state));
            messages
        };
        for (id, diagnostics, version) in messages {
            if self.shutting_down() {
                return;
            }
            if let Some(uri) = uri_of(&id) {
                self.client
                    .publish_diagnostics(uri, diagnostics, version)
                    .await;
            }
        }
    }

    /// Asks the client to tell us about files created, changed or deleted outside the editor.
    async fn register_watchers(&self) {
        if !self.lock().supports_watch_registration {
            return;
        }
        let watchers = [
            "**/*.txt",
            "**/*.md",
            "**/dossier.toml",
            "**/*.ann",
            "**/*.toml",
        ]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.into()),
            kind: None,
        })
        .collect();
        let registration = Registration {
            id: "dossier-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        if let Err(error) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("client refused file watching: {error}");
        }
    }

    /// Reads every article under the workspace roots into the corpus, reporting progress.
    async fn index_workspace(&self) {
        let (roots, config, with_progress) = {
            let state = self.lock();
            (
                state.roots.clone(),
                state.corpus.config.clone(),
                state.supports_progress,
            )
        };
        let files: Vec<PathBuf> = {
            let config = config.clone();
            tokio::task::spawn_blocking(move || {
                roots
                    .iter()
                    .flat_map(|root| find_articles(root, &config))
                    .collect()
            })
            .await
            .unwrap_or_default()
        };
        if self.shutting_down() {
            return;
        }
        let token = NumberOrString::String("dossier/indexing".to_string());
        let created = with_progress
            && tokio::time::timeout(
                CLIENT_REPLY_TIMEOUT,
                self.client.create_work_done_progress(token.clone()),
            )
            .await
            .is_ok_and(|reply| reply.is_ok());
        let progress = if created && !self.shutting_down() {
            Some(
                self.client
                    .progress(token, "Dossier: indexing articles")
                    .with_percentage(0)
                    .with_message(format!("0/{}", files.len()))
                    .begin()
                    .await,
            )
        } else {
            None
        };
        // Every article's annotations before any analysis: names confirmed in one article
        // are recognised in all.
        let texts = {
            let (files, config) = (files.clone(), config.clone());
            tokio::task::spawn_blocking(move || read_texts(&files, &config))
                .await
                .unwrap_or_default()
        };
        super::annotate::load_for_index(&mut self.lock(), &texts);
        let total = files.len();
        for (done, chunk) in files.chunks(16).enumerate() {
            let chunk = chunk.to_vec();
            let corpus = self.lock().corpus.clone();
            let loaded = tokio::task::spawn_blocking(move || load_files(&chunk, &corpus))
                .await
                .unwrap_or_default();
            {
                let mut state = self.lock();
                for (id, article) in loaded {
                    // The editor's text of an open document wins over the file on disk.
                    if !state.open.contains_key(&id) {
                        state.corpus.insert(id, article);
                    }
                }
            }
            if self.shutting_down() {
                return;
            }
            if let Some(progress) = &progress {
                let finished = ((done + 1) * 16).min(total);
                let percentage = (finished * 100).checked_div(total).unwrap_or(100) as u32;
                progress
                    .report_with_message(format!("{finished}/{total}"), percentage)
                    .await;
            }
        }
        if self.shutting_down() {
            return;
        }
        if let Some(progress) = progress {
            progress
                .finish_with_message(format!("{total} articles"))
                .await;
        }
        self.client
            .log_message(
                MessageType::INFO,
                format!("Dossier indexed {total} articles"),
            )
            .await;
        self.refresh(Scope::All).await;
    }

    /// Drops every closed article and reads the workspace again (after a settings change).
    async fn reindex(&self) {
        {
            let mut state = self.lock();
            state.reload_config();
            let config = state.corpus.config.clone();
            // The knowledge base was just read with the settings: keep it.
            let knowledge_base = std::sync::Arc::clone(&state.corpus.knowledge_base);
            state.corpus = Corpus::new(config);
            state.corpus.knowledge_base = knowledge_base;
            state.analyzed_version.clear();
        }
        self.index_workspace().await;
    }

    /// A file changed on disk outside the editor.
    async fn file_changed_on_disk(&self, path: PathBuf, deleted: bool) {
        let Some(id) = id_for_path(&path) else { return };
        let ann_article = super::annotate::on_disk_change(&mut self.lock(), &path, None);
        if let Some(article) = ann_article {
            // An annotation file: its article was analysed again.
            self.refresh(Scope::Changed(vec![article])).await;
            return;
        }
        let (in_workspace, is_open) = {
            let state = self.lock();
            let in_workspace = state
                .root_of(&path)
                .is_some_and(|root| is_article(root, &path, &state.corpus.config));
            (in_workspace, state.open.contains_key(&id))
        };
        if is_open {
            return;
        }
        if deleted || !in_workspace || !path.exists() {
            self.lock().corpus.remove(&id);
        } else {
            let config = self.lock().corpus.config.clone();
            let texts = {
                let path = path.clone();
                tokio::task::spawn_blocking(move || read_texts(&[path], &config))
                    .await
                    .unwrap_or_default()
            };
            let corpus = {
                let mut state = self.lock();
                for (_, path, text) in &texts {
                    super::annotate::on_disk_change(&mut state, path, Some(text));
                }
                state.corpus.clone()
            };
            let loaded = tokio::task::spawn_blocking(move || load_files(&[path], &corpus))
                .await
                .unwrap_or_default();
            let mut state = self.lock();
            for (id, article) in loaded {
                state.corpus.insert(id, article);
            }
        }
        self.refresh(Scope::Changed(vec![id])).await;
    }
}

/// Which articles' diagnostics to recompute after a change.
enum Scope {
    All,
    /// These articles changed; others are recomputed only when cross-article findings
    /// involve them now or did before.
    Changed(Vec<String>),
}

fn affected_articles(state: &State, mut ids: Vec<String>) -> Vec<String> {
    for conflict in state.corpus.conflicts_cached().iter() {
        ids.extend(conflict.places.iter().map(|p| p.article.clone()));
    }
    for (id, (_, published)) in &state.published {
        if published.iter().any(|d| !d.related.is_empty()) {
            ids.push(id.clone());
        }
    }
    ids.sort();
    ids.dedup();
    ids.retain(|id| state.corpus.get(id).is_some());
    ids
}

/// The decoded text of each readable article file, with its id (for loading annotations).
fn read_texts(files: &[PathBuf], config: &crate::config::Config) -> Vec<(String, PathBuf, String)> {
    files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let text = crate::text::decode::decode_article(&bytes, config.max_file_size).ok()?;
            Some((id_for_path(path)?, path.clone(), text.to_string()))
        })
        .collect()
}

/// Reads and analyses article files, each with its annotations' decisions from `corpus`.
fn load_files(files: &[PathBuf], corpus: &Corpus) -> Vec<(String, Article)> {
    let config = &corpus.config;
    files
        .iter()
        .filter_map(|path| {
            let id = id_for_path(path)?;
            match std::fs::read(path) {
                Ok(bytes) => {
                    let text = crate::text::decode::decode_article(&bytes, config.max_file_size)
                        .unwrap_or("");
                    let context = corpus.analysis_context_for(&id, text);
                    Some((id, Article::from_bytes(&bytes, config, &context)))
                }
                Err(error) => {
                    tracing::warn!("cannot read {}: {error}", path.display());
                    None
                }
            }
        })
        .collect()
}

/// The diagnostic on `dossier.toml` when it is malformed (or an empty list once fixed).
fn config_file_diagnostics(
    state: &State,
) -> Vec<(
    String,
    Vec<tower_lsp_server::ls_types::Diagnostic>,
    Option<i32>,
)> {
    let Some(file) = &state.config_file else {
        return Vec::new();
    };
    let Some(id) = id_for_path(file) else {
        return Vec::new();
    };
    let diagnostics = match (
        &state.config_error,
        state.corpus.config.severity_of(diagnostics::CONFIG_ERROR),
    ) {
        (Some(error), Some(severity)) => {
            let line = error.line.unwrap_or(1).saturating_sub(1) as u32;
            vec![tower_lsp_server::ls_types::Diagnostic {
                range: Range::new(Position::new(line, 0), Position::new(line, u32::MAX / 2)),
                severity: Some(super::convert::severity(severity)),
                code: Some(NumberOrString::String(
                    diagnostics::CONFIG_ERROR.code.into(),
                )),
                source: Some("dossier".into()),
                message: format!("{} (defaults are used meanwhile)", error.message),
                ..Default::default()
            }]
        }
        _ => Vec::new(),
    };
    vec![(id, diagnostics, None)]
}

fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    let from_folders = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()));
    let mut roots: Vec<PathBuf> = from_folders.collect();
    #[allow(deprecated)]
    if roots.is_empty()
        && let Some(root) = params
            .root_uri
            .as_ref()
            .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
    {
        roots.push(root);
    }
    roots
        .into_iter()
        .map(|r| std::fs::canonicalize(&r).unwrap_or(r))
        .collect()
}

fn is_config_path(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == CONFIG_FILE_NAME)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding =
            negotiate_encoding(&params.capabilities, params.initialization_options.as_ref());
        {
            let mut state = self.lock();
            state.encoding = Some(encoding);
            state.roots = roots_of(&params);
            state.supports_progress = params
                .capabilities
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false);
            state.supports_watch_registration = params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false);
            if let Some(options) = &params.initialization_options {
                match parse_json_layer(options) {
                    Ok(layer) => state.client_settings = layer,
                    Err(error) => {
                        tracing::warn!("ignoring initializationOptions: {}", error.message)
                    }
                }
            }
            state.reload_config();
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "dossier".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                declaration_provider: Some(DeclarationCapability::Simple(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: super::tokens::legend(),
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            range: None,
                            work_done_progress_options: Default::default(),
                        },
                    ),
                ),
                completion_provider: Some(CompletionOptions::default()),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR_REWRITE,
                        ]),
                        ..Default::default()
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: super::commands::all_commands()
                        .map(str::to_string)
                        .collect(),
                    work_done_progress_options: Default::default(),
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Work that waits for the client runs in its own task: a handler that awaits a
        // client response would keep the server from exiting if the client never answers.
        let worker = self.worker();
        tokio::spawn(async move { worker.register_watchers().await });
        let worker = self.worker();
        tokio::spawn(async move { worker.index_workspace().await });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let id = article_id(&params.text_document.uri);
        {
            let mut state = self.lock();
            state.open.insert(
                id.clone(),
                OpenDocument::new(&params.text_document.text, params.text_document.version),
            );
            super::annotate::on_open(&mut state, &id, &params.text_document.text);
        }
        let worker = self.worker();
        tokio::spawn(async move { worker.refresh(Scope::Changed(vec![id])).await });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before the first `.await`, so edits land in the order they were sent.
        let id = article_id(&params.text_document.uri);
        {
            let mut state = self.lock();
            let encoding = state.encoding();
            let (edits, text) = match state.open.get_mut(&id) {
                Some(doc) => (
                    doc.apply_changes(
                        &params.content_changes,
                        params.text_document.version,
                        encoding,
                    ),
                    doc.text(),
                ),
                None => {
                    tracing::warn!("didChange for a document that is not open: {id}");
                    return;
                }
            };
            super::annotate::on_change(&mut state, &id, &edits, &text);
        }
        let worker = self.worker();
        // One refresh at a time per document: while one is waiting to start, later edits
        // ride along with it, so a burst of keystrokes costs one analysis, not hundreds.
        let newly_pending = self.lock().refresh_pending.insert(id.clone());
        if newly_pending {
            tokio::spawn(async move {
                tokio::task::yield_now().await;
                worker.lock().refresh_pending.remove(&id);
                worker.refresh(Scope::Changed(vec![id])).await
            });
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let id = article_id(&params.text_document.uri);
        let saved = super::annotate::on_save(&mut self.lock(), &id);

        if let Err(error) = saved {
            self.client
                .log_message(
                    MessageType::ERROR,
                    format!("Dossier: annotations not saved: {error}"),
                )
                .await;
        }
        self.worker().refresh(Scope::Changed(vec![id])).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let id = article_id(&params.text_document.uri);
        let path = params
            .text_document
            .uri
            .to_file_path()
            .map(|p| p.into_owned());
        {
            let mut state = self.lock();
            state.open.remove(&id);
            state.analyzed_version.remove(&id);
            // Outside the workspace, a closed file is forgotten; inside, the disk version
            // takes its place.
            state.corpus.remove(&id);
        }
        if let Some(path) = path {
            self.worker().file_changed_on_disk(path, false).await;
        } else {
            self.worker().refresh(Scope::Changed(vec![id])).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match parse_json_layer(&params.settings) {
            Ok(layer) => self.lock().client_settings = layer,
            Err(error) => {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("Dossier: ignoring settings: {}", error.message),
                    )
                    .await;
                return;
            }
        }
        let worker = self.worker();
        tokio::spawn(async move { worker.reindex().await });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut settings_changed = false;
        for change in params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if is_config_path(&path) {
                settings_changed = true;
            } else {
                self.worker()
                    .file_changed_on_disk(path, change.typ == FileChangeType::DELETED)
                    .await;
            }
        }
        if settings_changed {
            let worker = self.worker();
            tokio::spawn(async move { worker.reindex().await });
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut state = self.lock();
            for removed in params.event.removed {
                if let Some(path) = removed.uri.to_file_path() {
                    let path = std::fs::canonicalize(path.as_ref()).unwrap_or(path.into_owned());
                    state.roots.retain(|root| root != &path);
                }
            }
            for added in params.event.added {
                if let Some(path) = added.uri.to_file_path() {
                    state
                        .roots
                        .push(std::fs::canonicalize(path.as_ref()).unwrap_or(path.into_owned()));
                }
            }
        }
        let worker = self.worker();
        tokio::spawn(async move { worker.reindex().await });
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let snapshot = self.snapshot().await;
        let p = &params.text_document_position_params;
        // A name's card first; inside a claim but not on a name, the claim's card.
        Ok(super::hover::hover(&snapshot, p)
            .or_else(|| super::claims::hover(&snapshot, &p.text_document.uri, p.position)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let snapshot = self.snapshot().await;
        let p = &params.text_document_position_params;
        let mut locations =
            super::navigation::definition(&snapshot, &p.text_document.uri, p.position);
        if locations.is_empty() {
            locations.extend(super::claims::definition(
                &snapshot,
                &p.text_document.uri,
                p.position,
            ));
        }
        Ok(match locations.len() {
            0 => None,
            1 => Some(GotoDefinitionResponse::Scalar(
                locations.into_iter().next().unwrap(),
            )),
            _ => Some(GotoDefinitionResponse::Array(locations)),
        })
    }

    async fn goto_declaration(
        &self,
        params: GotoDeclarationParams,
    ) -> Result<Option<GotoDeclarationResponse>> {
        let snapshot = self.snapshot().await;
        let p = &params.text_document_position_params;
        Ok(
            super::navigation::declaration(&snapshot, &p.text_document.uri, p.position)
                .map(GotoDeclarationResponse::Scalar),
        )
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let snapshot = self.snapshot().await;
        let p = &params.text_document_position;
        let mut found = super::navigation::references(
            &snapshot,
            &p.text_document.uri,
            p.position,
            params.context.include_declaration,
        );
        if found.is_empty() {
            found = super::claims::references(&snapshot, &p.text_document.uri, p.position);
        }
        Ok((!found.is_empty()).then_some(found))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let snapshot = self.snapshot().await;
        let p = &params.text_document_position_params;
        let found = super::navigation::highlights(&snapshot, &p.text_document.uri, p.position);
        Ok((!found.is_empty()).then_some(found))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let snapshot = self.snapshot().await;
        Ok(Some(DocumentSymbolResponse::Nested(
            super::symbols::document_symbols(&snapshot, &params.text_document.uri),
        )))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let snapshot = self.snapshot().await;
        Ok(Some(WorkspaceSymbolResponse::Flat(
            super::symbols::workspace_symbols(&snapshot, &params.query),
        )))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let snapshot = self.snapshot().await;
        Ok(
            super::tokens::semantic_tokens(&snapshot, &params.text_document.uri)
                .map(SemanticTokensResult::Tokens),
        )
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let snapshot = self.snapshot().await;
        let p = &params.text_document_position;
        let items = super::editing::completions(&snapshot, &p.text_document.uri, p.position);
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let snapshot = self.snapshot().await;
        Ok(
            super::editing::prepare_rename(&snapshot, &params.text_document.uri, params.position)
                .map(
                    |(range, placeholder)| PrepareRenameResponse::RangeWithPlaceholder {
                        range,
                        placeholder,
                    },
                ),
        )
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let snapshot = self.snapshot().await;
        let p = &params.text_document_position;
        Ok(super::editing::rename(
            &snapshot,
            &p.text_document.uri,
            p.position,
            &params.new_name,
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let snapshot = self.snapshot().await;
        let mut actions =
            super::editing::quick_fixes(&snapshot, &params.text_document.uri, params.range);
        actions.extend(super::annotate::code_actions(&snapshot, &params));
        super::annotate::keep_requested_kinds(&mut actions, params.context.only.as_deref());
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let snapshot = self.snapshot().await;
        Ok(Some(super::claims::inlay_hints(
            &snapshot,
            &params.text_document.uri,
            params.range,
        )))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let snapshot = self.snapshot().await;
        Ok(Some(super::claims::code_lenses(
            &snapshot,
            &params.text_document.uri,
        )))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        match params.command.as_str() {
            super::commands::REINDEX => {
                let worker = self.worker();
                tokio::spawn(async move { worker.reindex().await });
                Ok(None)
            }
            name if super::annotate::is_command(name) => {
                let outcome =
                    super::annotate::execute(&self.state, &self.client, name, &params.arguments)
                        .await
                        .map_err(tower_lsp_server::jsonrpc::Error::invalid_params)?;
                if outcome.reindex {
                    self.worker().reindex().await;
                } else {
                    self.worker().refresh(Scope::All).await;
                }
                Ok(None)
            }
            other => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command {other}"
            ))),
        }
    }
}
