;;; dossier.el --- Eglot setup for the Dossier language server  -*- lexical-binding: t -*-

;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, text

;;; Commentary:

;; Dossier annotates German news articles (entities, claims, sources) over LSP.
;; This file tells Eglot how to start it for text and Markdown buffers:
;;
;;   (add-to-list 'load-path "/path/to/dossier/editors/emacs")
;;   (require 'dossier)
;;   (add-hook 'text-mode-hook #'dossier-eglot-ensure)      ; optional: start automatically
;;
;; Then M-x eglot in an article (or let the hook do it).

;;; Code:

(require 'eglot)
(require 'project)

(defgroup dossier nil
  "Dossier language server for news articles."
  :group 'eglot
  :prefix "dossier-")

(defcustom dossier-server-path "dossier"
  "The `dossier' executable: a name on `exec-path' or an absolute file name."
  :type 'string)

(defcustom dossier-major-modes '(text-mode markdown-mode gfm-mode)
  "Major modes whose buffers `dossier-eglot-ensure' connects to Dossier.
Only these exact modes: modes merely derived from `text-mode' (Org, mail, …)
are left alone."
  :type '(repeat symbol))

(defun dossier--server-contact (_interactive)
  "The command line Eglot runs: `dossier lsp'."
  (list dossier-server-path "lsp"))

;; The language ids match what VS Code sends, so the server sees the same ids
;; from every editor.
(add-to-list 'eglot-server-programs
             `(((text-mode :language-id "plaintext")
                (markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown"))
               . dossier--server-contact))

(defun dossier-project-find (dir)
  "A project rooted at the nearest folder above DIR holding `dossier.toml'.
Emacs 28's project.el only knows version-control roots; Dossier's own
workspace marker comes first so its configuration is found."
  (let ((root (locate-dominating-file dir "dossier.toml")))
    (and root (cons 'transient (expand-file-name root)))))

(add-hook 'project-find-functions #'dossier-project-find)

;;;###autoload
(defun dossier-eglot-ensure ()
  "Start Eglot with Dossier in this buffer if its mode is one of `dossier-major-modes'."
  (when (and buffer-file-name (memq major-mode dossier-major-modes))
    (eglot-ensure)))

(provide 'dossier)
;;; dossier.el ends here
