" Dossier language server for Markdown articles (ALE linter).
call dossier#ale#Define('markdown', 'markdown')
