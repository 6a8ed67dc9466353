//! Quality on the seed articles against the hand-written gold in tests/gold/seeds: a
//! regression guard, with the figures measured when the gold was written.

use serde_json::Value;
use std::process::Command;

fn eval_json() -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "eval",
            "--gold",
            "tests/gold/seeds",
            "seeds",
            "--format",
            "json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn entities_on_the_seeds() {
    let report = eval_json();
    assert_eq!(report["articles"], 2);
    let micro = &report["entities"]["micro"];
    assert_eq!(micro["gold"], 68, "gold PER+ORG+LOC spans");
    assert!(micro["f1"].as_f64().unwrap() >= 0.95, "{micro}");
    for kind in ["PER", "LOC"] {
        assert!(
            report["entities"][kind]["f1"].as_f64().unwrap() >= 0.97,
            "{kind}: {}",
            report["entities"][kind]
        );
    }
}

#[test]
fn claims_on_the_seeds() {
    let report = eval_json();
    let overall = &report["claims"]["overall"];
    assert_eq!(overall["gold"], 15);
    // Every attribution of the seeds is found, and nothing else is claimed.
    assert_eq!(overall["matched"], 15, "{overall}");
    assert_eq!(overall["predicted"], 15, "{overall}");
}
