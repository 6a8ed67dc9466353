// Dossier for VS Code: starts `dossier lsp`, shows its state and indexing progress
// in the status bar, and exposes the server's commands.
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
} from "vscode-languageclient/node";
import { ServerStatus, ServerState } from "./status";

let client: LanguageClient | undefined;
let status: ServerStatus;
let output: vscode.OutputChannel;

/** What other extensions (and the editor test) can read through `exports`. */
export interface DossierApi {
  /** "starting", "indexing", "running" or "stopped". */
  serverState(): ServerState;
  /** Commands the server advertised in `executeCommandProvider`. */
  serverCommands(): string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<DossierApi> {
  output = vscode.window.createOutputChannel("Dossier");
  status = new ServerStatus();
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand("dossier.restartServer", restart),
    vscode.commands.registerCommand("dossier.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("dossier.runServerCommand", pickServerCommand),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("dossier.server.path")) {
        void restart();
      } else if (event.affectsConfiguration("dossier") && client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { dossier: serverSettings() },
        });
      }
    }),
  );

  await start();
  return {
    serverState: () => status.state,
    serverCommands,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** `dossier.server.*` and `dossier.trace.*` configure this extension, not the server. */
function withoutClientKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const { server: _server, trace: _trace, ...settings } = value as Record<string, unknown>;
  return settings;
}

/** The `dossier.*` settings meant for the server (the keys of dossier.toml). */
function serverSettings(): unknown {
  return withoutClientKeys(vscode.workspace.getConfiguration().get("dossier") ?? {});
}

function serverCommands(): string[] {
  return client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
}

async function start(): Promise<void> {
  const path = vscode.workspace.getConfiguration("dossier").get<string>("server.path") || "dossier";
  // No `transport`: the client would append `--stdio`; `dossier lsp` already speaks stdio.
  const executable = { command: path, args: ["lsp"] };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
    ],
    outputChannel: output,
    initializationOptions: { dossier: serverSettings() },
    middleware: {
      workspace: {
        // Answer the server's workspace/configuration pulls without client-only keys.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) =>
            params.items[i]?.section === "dossier" ? withoutClientKeys(value) : value,
          );
        },
      },
    },
  };
  // The id "dossier" makes the client read the `dossier.trace.server` setting.
  // The server's executeCommandProvider commands (dossier.reindex, …) are
  // registered as VS Code commands by the client itself, so any it adds work.
  client = new LanguageClient("dossier", "Dossier", serverOptions, clientOptions);
  client.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) status.set("starting");
    else if (newState === State.Stopped) status.set("stopped");
    else if (status.state !== "indexing") status.set("running");
  });
  status.set("starting");
  try {
    await client.start();
  } catch (error) {
    status.set("stopped", String(error));
    output.appendLine(`Dossier could not start '${path} lsp': ${error}`);
    void vscode.window.showErrorMessage(
      `Dossier: could not start '${path} lsp'. Set "dossier.server.path" to the dossier binary.`,
    );
    return;
  }
  followIndexingProgress(client);
  // Palette entries for server commands show only once the server offers them.
  for (const command of serverCommands()) {
    void vscode.commands.executeCommand("setContext", `dossier.serverCommand.${command}`, true);
  }
}

/** Show the server's `$/progress` reports (workspace indexing) in the status bar. */
function followIndexingProgress(lc: LanguageClient): void {
  lc.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    lc.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === "begin") {
        status.progress(value.title, value.message, value.percentage);
      } else if (value.kind === "report") {
        status.progress(undefined, value.message, value.percentage);
      } else {
        status.set("running", value.message);
      }
    });
  });
}

async function restart(): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop();
    } catch (error) {
      output.appendLine(`Dossier: stopping the server failed: ${error}`);
    }
  }
  await start();
}

async function pickServerCommand(): Promise<void> {
  const commands = serverCommands();
  if (commands.length === 0) {
    void vscode.window.showInformationMessage("Dossier: the server offers no commands (is it running?).");
    return;
  }
  const picked = await vscode.window.showQuickPick(commands, { placeHolder: "Server command to run" });
  if (picked) {
    await vscode.commands.executeCommand(picked);
  }
}
