;;; emacs_test.el --- drive Emacs + Eglot + editors/emacs/dossier.el in --batch  -*- lexical-binding: t -*-
;; Run by editors/test/emacs.sh: diagnostics, hover, definition, and confirming a mention by
;; code action. Environment: DOSSIER_BIN, DOSSIER_EDITORS,
;; DOSSIER_ARTICLE, DOSSIER_TEST_TIMEOUT (seconds).

(require 'package)
(package-initialize)                    ; Debian's elpa-eglot lives in the package system
(add-to-list 'load-path (expand-file-name "emacs" (getenv "DOSSIER_EDITORS")))
(require 'dossier)

(defvar dossier-test-timeout (string-to-number (or (getenv "DOSSIER_TEST_TIMEOUT") "60")))

(defun dossier-test-log (fmt &rest args)
  (princ (concat "[emacs-test] " (apply #'format fmt args) "\n") #'external-debugging-output))

(defun dossier-test-fail (fmt &rest args)
  (dossier-test-log "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))

(defun dossier-test-wait (predicate what)
  "Process server output until PREDICATE holds, or fail naming WHAT."
  (let ((deadline (+ (float-time) dossier-test-timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (dossier-test-fail "timed out waiting for %s" what))
      (let ((server (eglot-current-server)))
        (when (or (null server) (not (process-live-p (jsonrpc--process server))))
          (dossier-test-fail "the server is gone while waiting for %s" what)))
      (accept-process-output nil 0.05))))

(condition-case err
    (progn
      (setq dossier-server-path (getenv "DOSSIER_BIN"))
      (dossier-test-log "%s, Eglot %s" (emacs-version)
                        (let ((desc (cadr (assq 'eglot package-alist))))
                          (if desc (package-version-join (package-desc-version desc)) "?")))
      (find-file (getenv "DOSSIER_ARTICLE"))
      (dossier-test-log "major mode %s, project root %s" major-mode
                        (project-root (eglot--current-project)))
      ;; Eglot's automatic start waits for a command loop that --batch never runs:
      ;; connect explicitly, with the contact the shipped setup gives.
      (apply #'eglot (eglot--guess-contact))
      (unless (eglot-current-server)
        (dossier-test-fail "Eglot did not connect"))
      ;; Flymake defers its first run to the command loop too.
      (flymake-start)

      ;; 1. diagnostics
      (dossier-test-wait (lambda () (flymake-diagnostics)) "diagnostics")
      (let ((d (car (flymake-diagnostics))))
        (dossier-test-log "diagnostics: %d, first at %d: %s" (length (flymake-diagnostics))
                          (flymake-diagnostic-beg d) (flymake-diagnostic-text d)))

      ;; 2. hover on the later mention "Jermak"
      (goto-char (point-min))
      (unless (re-search-forward "wie \\(Jermak\\) auf der Plattform" nil t)
        (dossier-test-fail "article text not found"))
      (goto-char (match-beginning 1))
      (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)
                                     :timeout dossier-test-timeout))
             (card (and hover (eglot--hover-info (plist-get hover :contents)))))
        (unless card (dossier-test-fail "no hover card"))
        (dossier-test-log "hover card: %s" (truncate-string-to-width
                                             (replace-regexp-in-string "\n" " | " card) 200))
        (unless (string-match-p "Andrij Jermak" card)
          (dossier-test-fail "hover card does not name Andrij Jermak")))

      ;; 3. definition through xref, the way M-. finds it
      (let* ((id (xref-backend-identifier-at-point 'eglot))
             (defs (xref-backend-definitions 'eglot id))
             (want (save-excursion (goto-char (point-min))
                                   (search-forward "Andrij Jermak")
                                   (match-beginning 0))))
        (unless defs (dossier-test-fail "no definition"))
        (let ((marker (xref-location-marker (xref-item-location (car defs)))))
          (dossier-test-log "definition at %d (line %d), first mention at %d"
                            (marker-position marker)
                            (with-current-buffer (marker-buffer marker)
                              (line-number-at-pos marker))
                            want)
          (unless (and (eq (marker-buffer marker) (current-buffer))
                       (= (marker-position marker) want))
            (dossier-test-fail "definition does not land on the first mention"))))
      ;; 4. annotate: the code actions at the later "Jermak", the confirm one picked by its
      ;; title and executed by Eglot (what `eglot-code-actions' does once a person picks it).
      (goto-char (point-min))
      (re-search-forward "wie \\(Jermak\\) auf der Plattform")
      (let* ((beg (match-beginning 1))
             (end (match-end 1))
             (server (eglot--current-server-or-lose))
             (actions (append
                       (jsonrpc-request server :textDocument/codeAction
                                        (list :textDocument (eglot--TextDocumentIdentifier)
                                              :range (list :start (eglot--pos-to-lsp-position beg)
                                                           :end (eglot--pos-to-lsp-position end))
                                              :context (list :diagnostics []))
                                        :timeout dossier-test-timeout)
                       nil))
             (confirm (seq-find (lambda (a)
                                  (let ((title (plist-get a :title)))
                                    (and (string-prefix-p "Confirm " title)
                                         (string-match-p "“Jermak”" title))))
                                actions))
             ;; a CodeAction carries its Command; a bare Command is one
             (command (and confirm (if (stringp (plist-get confirm :command)) confirm
                                     (plist-get confirm :command))))
             ;; brat offsets count code points, as Emacs positions do
             (want-t (format "\tPER %d %d\tJermak" (1- beg) (1- end)))
             (ann-file (concat (file-name-sans-extension (buffer-file-name)) ".ann"))
             (ann "") t-id)
        (dossier-test-log "code actions at Jermak: %d: %s" (length actions)
                          (truncate-string-to-width
                           (mapconcat (lambda (a) (plist-get a :title)) actions "; ") 300))
        (unless (equal (plist-get command :command) "dossier.confirm")
          (dossier-test-fail "no code action confirming Jermak with the server command dossier.confirm"))
        (if (fboundp 'eglot-execute)
            (eglot-execute server confirm)
          (eglot-execute-command server (plist-get command :command) (plist-get command :arguments)))
        (dossier-test-wait
         (lambda ()
           (when (file-exists-p ann-file)
             (setq ann (with-temp-buffer
                         (let ((coding-system-for-read 'utf-8)) (insert-file-contents ann-file))
                         (buffer-string)))
             (dolist (line (split-string ann "\n" t))
               (when (and (string-match "\\`\\(T[0-9]+\\)\\(\t.*\\)\\'" line)
                          (equal (match-string 2 line) want-t))
                 (setq t-id (match-string 1 line)))))
           t-id)
         (format "the T line%s in %s" (replace-regexp-in-string "\t" " " want-t) ann-file))
        (dossier-test-log "%s: %s" (file-name-nondirectory ann-file)
                          (replace-regexp-in-string "\n" " | " ann))
        ;; a T line without a Status attribute is confirmed (brat's reading)
        (dolist (line (split-string ann "\n" t))
          (when (and (string-match (format "\\`A[0-9]+\tStatus %s \\([A-Za-z]+\\)\\'" t-id) line)
                     (not (equal (match-string 1 line) "Confirmed")))
            (dossier-test-fail "Jermak is %s, not confirmed" (match-string 1 line)))))
      (dossier-test-log "PASS")
      (let ((server (eglot-current-server)))
        (when server (ignore-errors (eglot-shutdown server))))
      (kill-emacs 0))
  (error (dossier-test-fail "%s" (error-message-string err))))
