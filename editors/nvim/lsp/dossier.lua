-- Neovim >= 0.11 picks this file up from 'runtimepath', so `vim.lsp.enable("dossier")`
-- works without calling setup() (setup() also sets the highlight defaults).
return {
  cmd = { "dossier", "lsp" },
  filetypes = { "text", "markdown" },
  root_markers = { "dossier.toml", ".git" },
}
