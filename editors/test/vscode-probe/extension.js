// Test-only extension used by editors/test/vscode.sh: diagnostics, hover, definition,
// semantic tokens, and confirming a mention by code action. In code-server, extensions run
// in the server's extension host, which inherits code-server's environment.
const vscode = require("vscode");
const fs = require("fs");

const timeoutMs = Number(process.env.DOSSIER_TEST_TIMEOUT || "60") * 1000;
const log = [];
function note(line) {
  log.push(line);
}

async function waitFor(what, probe) {
  const started = Date.now();
  const dossier = vscode.extensions.getExtension("dossier.dossier");
  for (;;) {
    const value = await probe();
    if (value) return value;
    const waited = Date.now() - started;
    if (waited > timeoutMs) {
      const state = dossier.isActive ? dossier.exports.serverState() : "extension inactive";
      throw new Error(`timed out waiting for ${what} (server ${state})`);
    }
    // A server that died gives up early instead of waiting for the whole timeout.
    if (waited > 5000 && dossier.isActive && dossier.exports.serverState() === "stopped") {
      throw new Error(`the Dossier server stopped while waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function hoverText(hovers) {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === "string" ? content : content.value))
    .join("\n");
}

async function probe() {
  note(`VS Code ${vscode.version} (${vscode.env.appName})`);
  const dossier = vscode.extensions.getExtension("dossier.dossier");
  if (!dossier) throw new Error("the Dossier extension is not installed");
  const document = await vscode.workspace.openTextDocument(process.env.DOSSIER_ARTICLE);
  await vscode.window.showTextDocument(document);
  note(`opened ${document.fileName} as ${document.languageId}`);
  await waitFor("the Dossier extension", () => dossier.isActive);

  // 1. diagnostics
  const diagnostics = await waitFor("diagnostics", () => {
    const found = vscode.languages.getDiagnostics(document.uri);
    return found.length > 0 && found;
  });
  const first = diagnostics[0];
  note(`diagnostics: ${diagnostics.length}, first: ${first.range.start.line + 1}:${first.range.start.character + 1} ${first.message}`);
  note(`server state: ${dossier.exports.serverState()}, commands: ${dossier.exports.serverCommands().join(", ")}`);

  // 2. hover on the later mention "Jermak"
  const text = document.getText();
  const laterAt = text.indexOf("wie Jermak auf der Plattform");
  if (laterAt < 0) throw new Error("article text not found");
  const later = document.positionAt(laterAt + "wie ".length);
  const hovers = await vscode.commands.executeCommand("vscode.executeHoverProvider", document.uri, later);
  const card = hoverText(hovers || []);
  note(`hover card: ${card.replace(/\n/g, " | ").slice(0, 200)}`);
  if (!card.includes("Andrij Jermak")) throw new Error("hover card does not name Andrij Jermak");

  // 3. definition lands on the first mention
  const definitions = await vscode.commands.executeCommand("vscode.executeDefinitionProvider", document.uri, later);
  if (!definitions || definitions.length === 0) throw new Error("no definition");
  const target = definitions[0];
  const uri = target.uri || target.targetUri;
  const start = (target.range || target.targetSelectionRange || target.targetRange).start;
  const want = document.positionAt(text.indexOf("Andrij Jermak"));
  note(`definition at ${start.line + 1}:${start.character + 1}, first mention at ${want.line + 1}:${want.character + 1}`);
  if (uri.toString() !== document.uri.toString() || !start.isEqual(want)) {
    throw new Error("definition does not land on the first mention");
  }

  // 4. semantic tokens: the first mention is a person token, a type the extension declares
  const legend = await vscode.commands.executeCommand("vscode.provideDocumentSemanticTokensLegend", document.uri);
  const tokens = await vscode.commands.executeCommand("vscode.provideDocumentSemanticTokens", document.uri);
  if (!legend || !tokens) throw new Error("no semantic tokens");
  let line = 0;
  let found;
  for (let i = 0; i < tokens.data.length; i += 5) {
    line += tokens.data[i]; // each token: delta line, delta start, length, type, modifiers
    if (line === want.line && tokens.data[i + 2] === "Andrij Jermak".length) {
      found = legend.tokenTypes[tokens.data[i + 3]];
    }
  }
  note(`semantic tokens: ${tokens.data.length / 5}, first mention typed ${found}`);
  if (found !== "person") throw new Error("the first mention is not a person token");
  const declared = dossier.packageJSON.contributes.semanticTokenTypes.map((t) => t.id);
  const undeclared = legend.tokenTypes.filter((t) => !declared.includes(t));
  if (undeclared.length > 0) throw new Error(`token types the extension does not declare: ${undeclared}`);

  // 5. annotate: the person selects the later "Jermak", picks "Confirm" from the code
  // actions, and VS Code runs its command (the client forwards it to the server).
  const selection = new vscode.Range(later, later.translate(0, "Jermak".length));
  const actions = await vscode.commands.executeCommand("vscode.executeCodeActionProvider", document.uri, selection);
  const titles = (actions || []).map((action) => action.title);
  note(`code actions at Jermak: ${titles.length}: ${titles.join("; ").slice(0, 300)}`);
  const confirm = (actions || []).find((a) => a.title.startsWith("Confirm ") && a.title.includes("“Jermak”"));
  if (!confirm || !confirm.command || confirm.command.command !== "dossier.confirm") {
    throw new Error("no code action confirming Jermak with the server command dossier.confirm");
  }
  await vscode.commands.executeCommand(confirm.command.command, ...(confirm.command.arguments || []));
  const source = fs.readFileSync(process.env.DOSSIER_ARTICLE, "utf8");
  const jermakAt = [...source.slice(0, source.indexOf("wie Jermak auf der Plattform") + "wie ".length)].length;
  const wantT = `\tPER ${jermakAt} ${jermakAt + "Jermak".length}\tJermak`; // brat offsets count code points
  const annPath = process.env.DOSSIER_ARTICLE.replace(/\.txt$/, ".ann");
  const tId = await waitFor(`the T line${wantT.replace(/\t/g, " ")} in ${annPath}`, () => {
    const ann = fs.existsSync(annPath) ? fs.readFileSync(annPath, "utf8") : "";
    const line = ann.split("\n").find((l) => l.endsWith(wantT) && /^T\d+\t/.test(l));
    return line && line.split("\t")[0];
  });
  const ann = fs.readFileSync(annPath, "utf8");
  note(`${annPath.split("/").pop()}: ${ann.replace(/\n/g, " | ")}`);
  // A T line without a Status attribute is confirmed (brat's reading); any other status is wrong.
  const status = ann.split("\n").map((l) => l.match(new RegExp(`^A\\d+\\tStatus ${tId} (\\w+)$`))).find(Boolean);
  if (status && status[1] !== "Confirmed") throw new Error(`Jermak is ${status[1]}, not confirmed`);
}

function activate() {
  const out = process.env.DOSSIER_PROBE_OUT;
  if (!out) return;
  // Written aside and renamed, so the test script never reads half a file.
  const write = (result) => {
    fs.writeFileSync(`${out}.part`, JSON.stringify({ ...result, log }, null, 1));
    fs.renameSync(`${out}.part`, out);
  };
  probe().then(
    () => write({ ok: true }),
    (error) => write({ ok: false, error: String(error) }),
  );
}

module.exports = { activate };
