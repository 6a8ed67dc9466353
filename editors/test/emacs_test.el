;;; emacs_test.el --- drive Emacs + Eglot + editors/emacs/dossier.el in --batch  -*- lexical-binding: t -*-
;; Run by editors/test/emacs.sh. Environment: DOSSIER_BIN, DOSSIER_EDITORS,
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
      (dossier-test-log "PASS")
      (let ((server (eglot-current-server)))
        (when server (ignore-errors (eglot-shutdown server))))
      (kill-emacs 0))
  (error (dossier-test-fail "%s" (error-message-string err))))
