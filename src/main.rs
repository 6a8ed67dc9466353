use clap::Parser;
use dossier::cli::{Cli, Command, check, entities, eval, exit, export, import};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        None if cli.stdio => dossier::lsp::run_stdio(),
        Some(Command::Lsp { .. }) => dossier::lsp::run_stdio(),
        Some(Command::Check(args)) => check::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Export(args)) => export::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Entities(args)) => entities::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Import(args)) => import::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Eval(args)) => eval::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            exit::FAILURE
        }
    };
    std::process::exit(code);
}
