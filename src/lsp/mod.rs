//! The only layer that knows the Language Server Protocol. Each request handler finds
//! the thing under the cursor, asks the corpus, and converts the answer.

pub mod annotate;
pub mod claims;
pub mod commands;
pub mod convert;
pub mod documents;
pub mod editing;
pub mod hover;
pub mod navigation;
pub mod publish;
pub mod server;
pub mod state;
pub mod symbols;
pub mod tokens;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use tower_lsp_server::{LspService, Server};

/// Runs the server on stdin/stdout until the client says `exit`. Returns the process exit
/// code: 0 after `shutdown` then `exit`, 1 when the client exited (or vanished) without
/// `shutdown`, as the specification asks.
pub fn run_stdio() -> i32 {
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("dossier: cannot start the async runtime: {error}");
            return crate::cli::exit::FAILURE;
        }
    };
    runtime.block_on(async {
        let (service, socket) = LspService::build(server::Backend::new).finish();
        let shutdown = Arc::clone(&service.inner().shutdown_requested);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
        if shutdown.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    })
}

/// Logs go to stderr (never stdout, which carries the protocol), filtered by `RUST_LOG`.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
