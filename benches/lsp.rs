//! Language-server latency through the real binary over stdio: the `initialize` round trip,
//! and the time from a `didChange` to the diagnostics published for that version, per seed
//! article and for a 10,000-word article: `cargo bench --bench lsp`.

#[path = "../tests/support/mod.rs"]
mod support;

use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{LspClient, file_uri};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut starts = Vec::new();
    for _ in 0..10 {
        let spawned = Instant::now();
        let mut client = LspClient::start();
        client.initialize(&["utf-16"], None);
        starts.push(spawned.elapsed());
        client.shutdown_and_exit();
    }
    println!(
        "start + initialize round trip: median {:.1} ms over 10 starts",
        median(starts).as_secs_f64() * 1e3
    );

    let seed_paths =
        ["000_d6396046d8ded179.txt", "001_2779e59d105fe22f.txt"].map(|n| seeds.join(n));
    type_into(&seeds, &seed_paths, 1);
    // A 10,000-word article alone in its folder, typed into halfway down.
    let long = tempfile::tempdir().unwrap();
    let long_path = long.path().join("germeval-10k.txt");
    std::fs::write(&long_path, include_str!("data/germeval-10k.txt")).unwrap();
    type_into(long.path(), &[long_path], 150);
}

/// Opens each article, types 40 characters one `didChange` at a time at the start of `line`
/// and prints the median time until the diagnostics of each new version arrive.
fn type_into(folder: &Path, articles: &[std::path::PathBuf], line: u32) {
    let mut client = LspClient::start();
    client.initialize(&["utf-16"], Some(folder));
    for path in articles {
        let uri = file_uri(path);
        let text = std::fs::read_to_string(path).unwrap();
        client.open(&uri, &text);
        client.wait_for_diagnostics(&uri, Some(1));
        let mut latencies = Vec::new();
        for version in 2..=41 {
            // Type a character at the start of a line, as a person would.
            let edit = json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"});
            let sent = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}),
            );
            client.wait_for_diagnostics(&uri, Some(version));
            latencies.push(sent.elapsed());
        }
        println!(
            "{} ({} words): didChange → publishDiagnostics median {:.2} ms over 40 edits",
            path.file_name().unwrap().to_string_lossy(),
            text.split_whitespace().count(),
            median(latencies).as_secs_f64() * 1e3
        );
    }
    client.shutdown_and_exit();
}
