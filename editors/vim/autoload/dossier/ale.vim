" Shared by the Dossier ALE linters for text and Markdown.

call ale#Set('dossier_executable', 'dossier')
" Extra settings for the server (Dossier's configuration keys, see the README).
call ale#Set('dossier_init_options', {})

" ALE counts LSP columns in bytes and cannot announce that in its capabilities,
" so ask Dossier for UTF-8 positions through the initialization options;
" otherwise every column after an umlaut would be off.
function! dossier#ale#InitOptions(buffer) abort
    return extend({'positionEncoding': 'utf-8'}, ale#Var(a:buffer, 'dossier_init_options'))
endfunction

" The workspace root: the nearest folder with dossier.toml, else the Git root,
" else the file's own folder (so a single article still gets a server).
function! dossier#ale#ProjectRoot(buffer) abort
    let l:config = ale#path#FindNearestFile(a:buffer, 'dossier.toml')

    if !empty(l:config)
        return fnamemodify(l:config, ':h')
    endif

    let l:git = ale#path#FindNearestDirectory(a:buffer, '.git')

    if !empty(l:git)
        " FindNearestDirectory returns '/root/.git/': drop the slash and .git.
        return fnamemodify(l:git, ':h:h')
    endif

    return expand('#' . a:buffer . ':p:h')
endfunction

function! dossier#ale#Define(filetype, language) abort
    call ale#linter#Define(a:filetype, {
    \   'name': 'dossier',
    \   'lsp': 'stdio',
    \   'language': a:language,
    \   'executable': {b -> ale#Var(b, 'dossier_executable')},
    \   'command': '%e lsp',
    \   'project_root': function('dossier#ale#ProjectRoot'),
    \   'initialization_options': function('dossier#ale#InitOptions'),
    \})
endfunction
