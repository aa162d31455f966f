"""`coder serve`: the app in a browser, one app process per session, each as its coder
(textual-serve behind coder's access tokens). Imported only by the `serve` command, and
this module (nothing heavy) by the app process a session starts (coder/tui/served.py)."""

# The session's coder, set by the server in each app process's environment.
CODER_ENV = "CODER_SERVE_CODER"
