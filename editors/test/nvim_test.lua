-- Drives headless Neovim with the shipped plugin against a Dossier server.
-- Run by editors/test/nvim.sh:  nvim --clean --headless -c "luafile nvim_test.lua" ARTICLE
-- Environment: DOSSIER_BIN (server binary), DOSSIER_EDITORS (the editors/ folder),
-- DOSSIER_TEST_TIMEOUT_MS (how long to wait for each answer).
local uv = vim.uv or vim.loop
local timeout = tonumber(vim.env.DOSSIER_TEST_TIMEOUT_MS or "60000")
local function log(msg)
  io.stderr:write("[nvim-test] " .. msg .. "\n")
end
local function fail(msg)
  log("FAIL: " .. msg)
  vim.cmd("cquit 1")
end

local ok, err = pcall(function()
  vim.opt.runtimepath:append(vim.env.DOSSIER_EDITORS .. "/nvim")
  require("dossier").setup({ cmd = { vim.env.DOSSIER_BIN, "lsp" } })
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.DOSSIER_ARTICLE))
  local bufnr = vim.api.nvim_get_current_buf()
  local v = vim.version()
  log(("nvim %d.%d.%d, filetype=%s"):format(v.major, v.minor, v.patch, vim.bo.filetype))

  local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  local function dossier_client()
    for _, c in ipairs(get_clients({ bufnr = bufnr })) do
      if c.name == "dossier" then
        return c
      end
    end
  end

  -- 1. diagnostics published for the article
  local started = uv.now()
  local got = vim.wait(timeout, function()
    if #vim.diagnostic.get(bufnr) > 0 then
      return true
    end
    -- a server that died gives up early instead of waiting for the whole timeout
    local c = dossier_client()
    return uv.now() - started > 3000 and (c == nil or c.is_stopped())
  end, 50)
  local diags = vim.diagnostic.get(bufnr)
  if not got or #diags == 0 then
    return fail("no diagnostics from Dossier (client " .. (dossier_client() and "attached" or "not attached") .. ")")
  end
  local client = dossier_client()
  log(("diagnostics: %d, first: %d:%d %s"):format(#diags, diags[1].lnum + 1, diags[1].col + 1, diags[1].message))

  -- 2. hover on the later mention "Jermak"
  local later = vim.fn.search([[wie \zsJermak auf der Plattform]], "cw")
  if later == 0 then
    return fail("article text not found")
  end
  local enc = client.offset_encoding or "utf-16"
  local params = vim.lsp.util.make_position_params(0, enc)
  local hover = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, timeout)
  local card
  for _, answer in pairs(hover or {}) do
    if answer.result and answer.result.contents then
      card = table.concat(vim.lsp.util.convert_input_to_markdown_lines(answer.result.contents), "\n")
    end
  end
  if not card then
    return fail("no hover card")
  end
  log("hover card: " .. card:gsub("\n", " | "):sub(1, 200))
  if not card:find("Andrij Jermak", 1, true) then
    return fail("hover card does not name Andrij Jermak")
  end

  -- 3. definition: jump the way the editor does and compare with the first mention
  local definition = vim.lsp.buf_request_sync(bufnr, "textDocument/definition", params, timeout)
  local location
  for _, answer in pairs(definition or {}) do
    local r = answer.result
    if r and r[1] then
      r = r[1]
    end
    if r and (r.uri or r.targetUri) then
      location = r
    end
  end
  if not location then
    return fail("no definition")
  end
  if vim.lsp.util.show_document then
    vim.lsp.util.show_document(location, enc, { focus = true })
  else
    vim.lsp.util.jump_to_location(location, enc)
  end
  local cursor = vim.api.nvim_win_get_cursor(0)
  vim.fn.cursor(1, 1)
  local want_line = vim.fn.search([[Andrij Jermak]], "cW")
  local want_col = vim.fn.col(".")
  log(("definition at %d:%d, first mention at %d:%d"):format(cursor[1], cursor[2] + 1, want_line, want_col))
  if vim.api.nvim_get_current_buf() ~= bufnr or cursor[1] ~= want_line or cursor[2] + 1 ~= want_col then
    return fail("definition does not land on the first mention")
  end
  -- 4. semantic tokens: the first mention is coloured as a person
  local legend = client.server_capabilities.semanticTokensProvider
    and client.server_capabilities.semanticTokensProvider.legend
  if not legend then
    return fail("the server offers no semantic tokens")
  end
  local tokens = vim.lsp.buf_request_sync(bufnr, "textDocument/semanticTokens/full",
    { textDocument = vim.lsp.util.make_text_document_params(bufnr) }, timeout)
  local data
  for _, answer in pairs(tokens or {}) do
    data = answer.result and answer.result.data or data
  end
  local line, found = 0, nil
  for i = 1, #(data or {}), 5 do
    -- each token: delta line, delta start, length, type, modifiers
    line = line + data[i]
    if line == want_line - 1 and data[i + 2] == #"Andrij Jermak" then
      found = legend.tokenTypes[data[i + 3] + 1]
    end
  end
  log(("semantic tokens: %d, first mention typed %s"):format(#(data or {}) / 5, tostring(found)))
  if found ~= "person" then
    return fail("the first mention is not a person token")
  end
  if vim.fn.has("nvim-0.9") == 1 and vim.tbl_isempty(vim.api.nvim_get_hl(0, { name = "@lsp.type.person" })) then
    return fail("no highlight for @lsp.type.person")
  end
  log("PASS")
  vim.cmd("qall!")
end)
if not ok then
  fail(tostring(err))
end
