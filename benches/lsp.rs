//! Language-server latency through the real binary over stdio: the `initialize` round trip,
//! and the time from a `didChange` to the diagnostics published for that version, per seed
//! article: `cargo bench --bench lsp`.

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

    let mut client = LspClient::start();
    client.initialize(&["utf-16"], Some(&seeds));
    for name in ["000_d6396046d8ded179.txt", "001_2779e59d105fe22f.txt"] {
        let path = seeds.join(name);
        let uri = file_uri(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        client.open(&uri, &text);
        client.wait_for_diagnostics(&uri, Some(1));
        let mut latencies = Vec::new();
        for version in 2..=41 {
            // Type a character at the start of the second line, as a person would.
            let edit = json!({"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "x"});
            let sent = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}),
            );
            client.wait_for_diagnostics(&uri, Some(version));
            latencies.push(sent.elapsed());
        }
        println!(
            "{name}: didChange → publishDiagnostics median {:.2} ms over 40 edits",
            median(latencies).as_secs_f64() * 1e3
        );
    }
    client.shutdown_and_exit();
}
