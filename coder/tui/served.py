"""One browser session of `coder serve` (coder/serve/server.py starts it per websocket):
the app on the project, as the coder the server signed in. The name comes from the
server's environment for this process, never from the browser."""

from __future__ import annotations

import os
import sys

from coder.serve import CODER_ENV
from coder.tui.launch import launch


def main() -> None:
    launch(sys.argv[1], coder=os.environ[CODER_ENV], create=False)


if __name__ == "__main__":
    main()
