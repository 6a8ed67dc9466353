" Drives Vim 9 + ALE + editors/vim against a Dossier server, in batch:
"   vim -N -u NONE -i NONE -es -S vim_test.vim      (run by editors/test/vim.sh)
" Environment: DOSSIER_BIN, DOSSIER_EDITORS, DOSSIER_ARTICLE, DOSSIER_TEST_TIMEOUT,
" DOSSIER_TEST_LOG (the file this test logs to; vim.sh prints it).
set nocompatible
let s:timeout = str2nr(empty($DOSSIER_TEST_TIMEOUT) ? '60' : $DOSSIER_TEST_TIMEOUT)

function! s:Log(msg) abort
    " Not /dev/stderr: when that is a file, appending from here overwrites or gets
    " overwritten by the shell's own writes to it.
    call writefile(['[vim-test] ' . a:msg], $DOSSIER_TEST_LOG, 'a')
endfunction

function! s:Fail(msg) abort
    call s:Log('FAIL: ' . a:msg)
    cquit 1
endfunction

" True while some ALE connection has a live server process.
function! s:ServerRunning() abort
    for l:conn in values(ale#lsp#GetConnections())
        if has_key(l:conn, 'job_id') && ale#job#IsRunning(l:conn.job_id)
            return 1
        endif
    endfor
    return 0
endfunction

" Let job and channel callbacks run until Cond() holds; `sleep` processes them.
function! s:WaitFor(Cond, what) abort
    let l:start = reltime()
    while !a:Cond()
        let l:waited = reltimefloat(reltime(l:start))
        if l:waited > s:timeout
            call s:Fail('timed out waiting for ' . a:what)
        endif
        " A server that died gives up early instead of waiting for the timeout.
        if l:waited > 3 && !s:ServerRunning()
            call s:Fail('no Dossier server running while waiting for ' . a:what)
        endif
        sleep 50m
    endwhile
endfunction

try
    " Debian's vim-ale is an optional package; -es skips plugin loading, so load by hand.
    packadd ale
    execute 'set runtimepath^=' . fnameescape($DOSSIER_EDITORS . '/vim')
    filetype plugin on
    runtime! plugin/ale.vim
    let g:ale_dossier_executable = $DOSSIER_BIN
    let g:ale_linters = {'text': ['dossier'], 'markdown': ['dossier']}
    let g:ale_hover_to_preview = 1
    let g:ale_echo_cursor = 0

    execute 'edit ' . fnameescape($DOSSIER_ARTICLE)
    let s:buf = bufnr('')
    call s:Log(split(execute('version'), "\n")[0] . ', filetype=' . &filetype)

    " 1. diagnostics
    ALELint
    call s:WaitFor({-> !empty(ale#engine#GetLoclist(s:buf))}, 'diagnostics')
    let s:loclist = ale#engine#GetLoclist(s:buf)
    call s:Log(printf('diagnostics: %d, first: %d:%d %s', len(s:loclist),
    \   s:loclist[0].lnum, s:loclist[0].col, s:loclist[0].text))

    " 2. hover on the later mention "Jermak", shown in the preview window
    if search('wie \zsJermak auf der Plattform', 'cw') == 0
        call s:Fail('article text not found')
    endif
    let s:later = getpos('.')
    ALEHover
    call s:WaitFor({-> !empty(filter(range(1, winnr('$')), {_, w -> getwinvar(w, '&previewwindow')}))},
    \   'the hover card')
    let s:preview = filter(range(1, winnr('$')), {_, w -> getwinvar(w, '&previewwindow')})[0]
    let s:card = join(getbufline(winbufnr(s:preview), 1, '$'), "\n")
    call s:Log('hover card: ' . strpart(substitute(s:card, "\n", ' | ', 'g'), 0, 200))
    if stridx(s:card, 'Andrij Jermak') < 0
        call s:Fail('hover card does not name Andrij Jermak')
    endif
    pclose

    " 3. definition: ALE jumps; compare with the first mention
    call setpos('.', s:later)
    let s:want = searchpos('Andrij Jermak', 'nw')
    ALEGoToDefinition
    call s:WaitFor({-> getpos('.') != s:later}, 'the jump to the definition')
    let s:got = getpos('.')[1:2]
    call s:Log(printf('definition at %d:%d, first mention at %d:%d', s:got[0], s:got[1], s:want[0], s:want[1]))
    if bufnr('') != s:buf || s:got != s:want
        " ALE reads LSP columns as bytes: a column that equals the character count
        " means the server answered in UTF-16 although the linter asked for UTF-8.
        let s:chars = strchars(strpart(getline(s:want[0]), 0, s:want[1] - 1))
        if s:got[0] == s:want[0] && s:got[1] == s:chars + 1
            call s:Fail('definition column is in UTF-16 code units, not bytes: the server '
            \   . 'ignored initializationOptions.positionEncoding = "utf-8"')
        endif
        call s:Fail('definition does not land on the first mention')
    endif
    call s:Log('PASS')
    qall!
catch
    call s:Fail(v:exception . ' at ' . v:throwpoint)
endtry
