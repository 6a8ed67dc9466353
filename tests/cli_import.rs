//! `dossier import` through the binary, and the imported annotations back out of `export`.

use serde_json::{Value, json};
use std::process::Command;

fn dossier(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn jsonl_import_then_export_keeps_the_persons_spans() {
    let dir = tempfile::tempdir().unwrap();
    let record = json!({
        "id": "gruss",
        "text": "Die Sparkasse Gütersloh lobte Angela Merkel in Berlin.",
        "label": [[4, 23, "ORG"], [30, 43, "PER"]]
    });
    std::fs::write(dir.path().join("in.jsonl"), format!("{record}\n")).unwrap();
    let (code, out, err) = dossier(
        &["import", "--format", "jsonl", "in.jsonl", "--out", "corpus"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "imported 1 documents with 2 annotations into corpus\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("corpus/gruss.ann")).unwrap(),
        "T1\tORG 4 23\tSparkasse Gütersloh\nT2\tPER 30 43\tAngela Merkel\n"
    );
    let (code, out, err) = dossier(&["export", "--format", "jsonl", "corpus"], dir.path());
    assert_eq!(code, 0, "{err}");
    let exported: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let labels = exported["label"].as_array().unwrap();
    for wanted in [json!([4, 23, "ORG"]), json!([30, 43, "PER"])] {
        assert!(labels.contains(&wanted), "{wanted} not in {labels:?}");
    }
}

#[test]
fn conll_import_writes_text_and_ann_pairs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("in.conll"),
        "-DOCSTART- O\n\nOlaf\tB-PER\nScholz\tI-PER\nkam\tO\n.\tO\n\n-DOCSTART- O\n\nKiew\tB-LOC\n",
    )
    .unwrap();
    let (code, _, err) = dossier(
        &["import", "--format", "conll", "in.conll", "--out", "out"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let read = |name: &str| std::fs::read_to_string(dir.path().join("out").join(name)).unwrap();
    assert_eq!(read("doc_0001.txt"), "Olaf Scholz kam.\n");
    assert_eq!(read("doc_0001.ann"), "T1\tPER 0 11\tOlaf Scholz\n");
    assert_eq!(read("doc_0002.txt"), "Kiew\n");
    assert_eq!(read("doc_0002.ann"), "T1\tLOC 0 4\tKiew\n");
    let (code, _, err) = dossier(
        &["import", "--format", "jsonl", "missing.jsonl", "--out", "x"],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("dossier: cannot read missing.jsonl"));
}
