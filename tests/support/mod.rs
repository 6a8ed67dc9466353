//! A small LSP client that drives the real `dossier` binary over stdio, for end-to-end
//! tests. It answers the server's own requests (registerCapability, progress tokens) the
//! way an editor would, and keeps every notification for the test to inspect.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received so far, oldest first.
    pub notifications: Vec<Value>,
    pub server_requests: Vec<Value>,
}

impl LspClient {
    pub fn start() -> LspClient {
        LspClient::start_with_args(&["lsp"])
    }

    pub fn start_with_args(args: &[&str]) -> LspClient {
        LspClient::spawn(args, Stdio::inherit())
    }

    /// A server whose log (its stderr) goes to the file `log`.
    pub fn start_logging_to(log: &Path) -> LspClient {
        let file = std::fs::File::create(log).expect("create the log file");
        LspClient::spawn(&["lsp"], Stdio::from(file))
    }

    fn spawn(args: &[&str], stderr: Stdio) -> LspClient {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("start dossier");
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        LspClient {
            child,
            stdin,
            incoming,
            next_id: 1,
            notifications: Vec::new(),
            server_requests: Vec::new(),
        }
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).expect("write to server");
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response, returning `result` (or panicking on error).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response["result"].clone()
    }

    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Waits for a message that satisfies `wanted`, handling everything else meanwhile.
    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out; notifications: {:#?}", self.notifications)
                }
                Err(RecvTimeoutError::Disconnected) => panic!("server closed its output"),
            };
            let is_server_request = message.get("method").is_some() && message.get("id").is_some();
            if is_server_request {
                self.server_requests.push(message.clone());
                let id = message["id"].clone();
                // An editor applies the edits the server asks for (the test applies them to its
                // text itself when it needs to).
                let result = if message["method"] == "workspace/applyEdit" {
                    json!({"applied": true})
                } else {
                    Value::Null
                };
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
            } else if message.get("method").is_some() {
                self.notifications.push(message.clone());
            }
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Waits for diagnostics of `uri` (with `version` when given) and returns them.
    /// Diagnostics already received and not yet taken count, the oldest first.
    pub fn wait_for_diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        };
        let message = match self.notifications.iter().position(&matches) {
            Some(index) => self.notifications.remove(index),
            None => {
                let message = self.wait_for(matches);
                self.notifications.retain(|m| m != &message);
                message
            }
        };
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// initialize + initialized with the given position encodings and workspace root.
    pub fn initialize(&mut self, encodings: &[&str], root: Option<&Path>) -> Value {
        let root_uri = root.map(file_uri);
        let folders = root_uri
            .as_ref()
            .map(|uri| json!([{"uri": uri, "name": "workspace"}]));
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": folders,
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "window": {"workDoneProgress": true},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
                    "textDocument": {"publishDiagnostics": {"relatedInformation": true}}
                }
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn exit_without_shutdown(mut self) -> ExitStatus {
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Sends `exit` and returns every notification received, those after the exit's
    /// reading of the connection included.
    pub fn exit_collecting_notifications(mut self) -> Vec<Value> {
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        while let Ok(message) = self.incoming.recv_timeout(TIMEOUT) {
            if message.get("id").is_none() {
                self.notifications.push(message);
            }
        }
        std::mem::take(&mut self.notifications)
    }

    fn wait_exit(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub fn file_uri(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// An LSP position of the first occurrence of `needle` in `text`, in the given encoding.
pub fn position_of(text: &str, needle: &str, encoding: &str) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    position_at(text, offset, encoding)
}

pub fn position_at(text: &str, offset: usize, encoding: &str) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    let column: usize = match encoding {
        "utf-8" => offset - line_start,
        _ => before[line_start..].encode_utf16().count(),
    };
    json!({"line": line, "character": column})
}

/// Splits a fixture at its `$0` cursor marker: the text without the marker, and the byte
/// offset where the marker stood.
pub fn fixture(marked: &str) -> (String, usize) {
    let offset = marked.find("$0").expect("fixture has a $0 marker");
    (marked.replacen("$0", "", 1), offset)
}

/// The text a location's range covers in `text` (positions in `encoding`).
pub fn text_at(text: &str, range: &Value, encoding: &str) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let column = position["character"].as_u64().unwrap() as usize;
        let mut line_start = 0;
        for _ in 0..line {
            line_start += text[line_start..].find('\n').unwrap() + 1;
        }
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units >= column {
                return line_start + i;
            }
            units += if encoding == "utf-8" {
                c.len_utf8()
            } else {
                c.len_utf16()
            };
        }
        text.len()
    };
    text[offset(&range["start"])..offset(&range["end"])].to_string()
}
