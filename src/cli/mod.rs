//! The `dossier` command line: thin layers over `analysis` and `corpus`.

pub mod check;
pub mod entities;
pub mod eval;
pub mod export;
pub mod import;
pub mod load;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Entities, claims and sources in news articles: a language server and CLI"
)]
pub struct Cli {
    /// Start the language server on stdio (same as `dossier lsp`); editors often pass this.
    #[arg(long, global = false)]
    pub stdio: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Analyse articles and print diagnostics.
    Check(CheckArgs),
    /// Write entities and claims as brat, JSONL or CoNLL.
    Export(ExportArgs),
    /// List the entities of the articles: type, mention count, articles.
    Entities(EntitiesArgs),
    /// Score the analysis against gold brat annotations (entities and claims).
    Eval(EvalArgs),
    /// Turn a JSONL (doccano) or CoNLL corpus into `.txt` + `.ann` pairs.
    Import(ImportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// doccano/Prodigy: `{"text": …, "label": [[start, end, "PER"], …]}` per line, code points
    Jsonl,
    /// One token per line with its IOB2 tag last; blank lines between sentences,
    /// `-DOCSTART-` or `# ` lines between documents
    Conll,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[arg(long, value_enum)]
    pub format: ImportFormat,
    /// The file to import.
    pub file: PathBuf,
    /// Folder for the `.txt` + `.ann` pairs (created when missing).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Articles or folders to analyse (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Folder of gold `.ann` files named like the articles. Without it, the `.ann` file
    /// beside each article (a person's confirmed annotations) is the gold.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// brat standoff: DIR/NAME.ann (+ NAME.txt, annotation.conf)
    Brat,
    /// One JSON object per article (doccano/Prodigy `text` + `label`, plus entities and claims)
    Jsonl,
    /// One token per line with its IOB2 label
    Conll,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output folder (required for brat; jsonl and conll go to stdout without it).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct EntitiesArgs {
    /// Files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// `path:line:column: severity[code]: message`
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// Exit codes shared by every subcommand.
pub mod exit {
    pub const OK: i32 = 0;
    /// A diagnostic of error severity was found.
    pub const FINDINGS: i32 = 1;
    /// Bad usage or a file that could not be read.
    pub const FAILURE: i32 = 2;
}
