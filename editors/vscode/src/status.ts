// The status-bar item: server state, and indexing progress while the server reports it.
import * as vscode from "vscode";

export type ServerState = "starting" | "indexing" | "running" | "stopped";

export class ServerStatus implements vscode.Disposable {
  state: ServerState = "stopped";
  private readonly item = vscode.window.createStatusBarItem("dossier.status", vscode.StatusBarAlignment.Left, 10);
  private title = "";

  constructor() {
    this.item.name = "Dossier";
    this.item.command = "dossier.showOutput";
    this.item.show();
  }

  set(state: ServerState, detail?: string): void {
    this.state = state;
    const icon = { starting: "$(sync~spin)", indexing: "$(sync~spin)", running: "$(book)", stopped: "$(error)" }[state];
    this.item.text = `${icon} Dossier`;
    this.item.tooltip = `Dossier server: ${state}${detail ? ` — ${detail}` : ""}`;
    this.item.backgroundColor =
      state === "stopped" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  progress(title: string | undefined, message: string | undefined, percentage: number | undefined): void {
    if (title !== undefined) this.title = title;
    this.state = "indexing";
    const share = percentage === undefined ? "" : ` ${Math.round(percentage)}%`;
    this.item.text = `$(sync~spin) Dossier: ${this.title || "indexing"}${share}`;
    this.item.tooltip = `Dossier server: ${[this.title, message].filter(Boolean).join(" — ")}`;
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
