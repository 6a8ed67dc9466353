-- Drives headless Neovim with the shipped plugin against a Dossier server: diagnostics,
-- hover, definition, semantic tokens, and annotating (confirm a mention by code action).
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

  -- 5. annotate: confirm the later "Jermak" through Neovim's own code-action machinery,
  -- then find the decision in the .ann file beside the article.
  vim.api.nvim_set_current_buf(bufnr)
  vim.fn.cursor(1, 1)
  vim.fn.search([[wie \zsJermak auf der Plattform]], "cW")
  local function is_confirm(title)
    return title:sub(1, #"Confirm ") == "Confirm " and title:find("“Jermak”", 1, true) ~= nil
  end
  local range_params = vim.lsp.util.make_range_params(0, enc)
  range_params.context = { diagnostics = {} }
  local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", range_params, timeout)
  local titles, confirm = {}, nil
  for _, answer in pairs(answers or {}) do
    for _, action in ipairs(answer.result or {}) do
      table.insert(titles, action.title)
      if is_confirm(action.title) then
        confirm = action
      end
    end
  end
  log(("code actions at Jermak: %d: %s"):format(#titles, table.concat(titles, "; "):sub(1, 300)))
  -- a CodeAction carries its Command; a bare Command is one
  local command = confirm and (type(confirm.command) == "table" and confirm.command or confirm)
  if not command or command.command ~= "dossier.confirm" then
    return fail("no code action confirming Jermak with the server command dossier.confirm")
  end
  local exec_error
  if vim.fn.has("nvim-0.8") == 1 then
    -- what `:lua vim.lsp.buf.code_action()` does when the person picks the action
    vim.lsp.buf.code_action({ filter = function(action) return is_confirm(action.title) end, apply = true })
  else
    -- 0.7 can neither filter nor apply without a menu: execute the picked command the way it would
    client.request("workspace/executeCommand", command, function(e)
      exec_error = e and (e.message or vim.inspect(e))
    end, bufnr)
  end
  local article = vim.env.DOSSIER_ARTICLE
  local ann_path = article:gsub("%.txt$", ".ann")
  local file = assert(io.open(article, "rb"))
  local source = file:read("*a")
  file:close()
  local at = source:find("wie Jermak auf der Plattform", 1, true) + #"wie "
  local want_start = vim.fn.strchars(source:sub(1, at - 1)) -- brat offsets count code points
  local want_t = ("\tPER %d %d\tJermak"):format(want_start, want_start + #"Jermak")
  local ann, t_id = "", nil
  vim.wait(timeout, function()
    local f = io.open(ann_path, "rb")
    if f then
      ann = f:read("*a")
      f:close()
      for line in ann:gmatch("[^\n]+") do
        local id, rest = line:match("^(T%d+)(\t.*)$")
        if id and rest == want_t then
          t_id = id
        end
      end
    end
    return t_id ~= nil or exec_error ~= nil or client.is_stopped()
  end, 50)
  log(("%s: %s"):format(ann_path:match("[^/]+$"), ann:gsub("\n", " | ")))
  if exec_error then
    return fail("dossier.confirm failed: " .. exec_error)
  end
  if not t_id then
    return fail("no T line" .. want_t:gsub("\t", " ") .. " in the .ann file")
  end
  -- a T line without a Status attribute is confirmed (brat's reading); any other status is wrong
  for line in ann:gmatch("[^\n]+") do
    local status = line:match("^A%d+\tStatus " .. t_id .. " (%a+)$")
    if status and status ~= "Confirmed" then
      return fail(("Jermak is %s, not confirmed"):format(status))
    end
  end
  log("PASS")
  vim.cmd("qall!")
end)
if not ok then
  fail(tostring(err))
end
