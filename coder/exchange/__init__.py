"""Writers and readers of codebooks, REFI-QDA projects and reports."""
