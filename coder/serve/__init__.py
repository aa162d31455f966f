"""`coder serve`: the app in a browser, one app process per session, each as its coder
(textual-serve behind coder's access tokens). Imported only by the `serve` command."""
