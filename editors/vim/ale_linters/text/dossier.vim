" Dossier language server for plain-text articles (ALE linter).
call dossier#ale#Define('text', 'plaintext')
