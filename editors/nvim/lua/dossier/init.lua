-- Dossier for Neovim: starts `dossier lsp` for text and Markdown buffers and gives
-- Dossier's semantic tokens default colours.
--
--   require("dossier").setup{}                       -- defaults
--   require("dossier").setup{ cmd = { "/path/to/dossier", "lsp" } }
--
-- Neovim >= 0.11 uses vim.lsp.config/vim.lsp.enable, 0.8-0.10 vim.lsp.start, and
-- 0.7 (still packaged by some distributions) vim.lsp.start_client.
local M = {}

M.defaults = {
  cmd = { "dossier", "lsp" },
  filetypes = { "text", "markdown" },
  root_markers = { "dossier.toml", ".git" },
  settings = {},
  init_options = nil,
  -- false leaves the @lsp.type.* groups alone (e.g. when a colour scheme defines them)
  highlights = true,
}

-- Semantic token type -> existing group it looks like. `default = true` means a
-- colour scheme or the user's own :highlight wins.
M.token_links = {
  person = "Identifier",
  organization = "Type",
  location = "Constant",
  role = "Function",
  misc = "Special",
  claim = "Underlined",
  cue = "Keyword",
  quote = "String",
}

function M.apply_highlights()
  for token_type, target in pairs(M.token_links) do
    vim.api.nvim_set_hl(0, "@lsp.type." .. token_type, { link = target, default = true })
  end
  -- A confirmed entity (accepted annotation) stands out without changing its colour.
  vim.api.nvim_set_hl(0, "@lsp.mod.confirmed", { bold = true, default = true })
  -- A word derived from a name ("russischen" for Russland) is linked but not the name itself.
  vim.api.nvim_set_hl(0, "@lsp.mod.derived", { italic = true, default = true })
end

local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= "" and vim.fs.dirname(name) or (vim.uv or vim.loop).cwd()
  local found = vim.fs.find(markers, { path = start, upward = true })[1]
  return found and vim.fs.dirname(found) or start
end

local function client_config(opts, root_dir)
  return {
    name = "dossier",
    cmd = opts.cmd,
    root_dir = root_dir,
    settings = opts.settings,
    init_options = opts.init_options,
    workspace_folders = root_dir and { { uri = vim.uri_from_fname(root_dir), name = root_dir } } or nil,
  }
end

-- Neovim 0.8-0.10: vim.lsp.start reuses a running client with the same name and root.
local function attach_with_start(opts, bufnr)
  vim.lsp.start(client_config(opts, find_root(bufnr, opts.root_markers)), { bufnr = bufnr })
end

-- Neovim 0.7: no vim.fs and no vim.lsp.start, so keep one client per root by hand.
local clients_by_root = {}
local function attach_with_start_client(opts, bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or (vim.uv or vim.loop).cwd()
  local root = dir
  for _, marker in ipairs(opts.root_markers) do
    local hit = vim.fn.finddir(marker, dir .. ";")
    if hit == "" then
      hit = vim.fn.findfile(marker, dir .. ";")
    end
    if hit ~= "" then
      root = vim.fn.fnamemodify(hit, ":p:h")
      if marker == ".git" then
        -- finddir(".git") returns the .git folder itself, whose parent is the root.
        root = vim.fn.fnamemodify(hit, ":p:h:h")
      end
      break
    end
  end
  local id = clients_by_root[root]
  if not id or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config(opts, root))
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.setup(user_opts)
  local opts = vim.tbl_deep_extend("force", {}, M.defaults, user_opts or {})
  M.options = opts

  -- Neovim shows semantic tokens from 0.9 on; older versions reject "@" in group names.
  if opts.highlights and vim.fn.has("nvim-0.9") == 1 then
    M.apply_highlights()
    -- Colour schemes clear highlight groups when they load; put the defaults back.
    vim.api.nvim_create_autocmd("ColorScheme", {
      group = vim.api.nvim_create_augroup("dossier_highlights", { clear = true }),
      callback = M.apply_highlights,
    })
  end

  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config("dossier", {
      cmd = opts.cmd,
      filetypes = opts.filetypes,
      root_markers = opts.root_markers,
      settings = opts.settings,
      init_options = opts.init_options,
    })
    vim.lsp.enable("dossier")
    return
  end

  local attach = vim.lsp.start and attach_with_start or attach_with_start_client
  local group = vim.api.nvim_create_augroup("dossier_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(opts, args.buf)
    end,
  })
  -- Buffers opened before setup() ran have had their FileType event already.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      attach(opts, bufnr)
    end
  end
end

return M
