"""Analysis over a project: the SDI tests, near-duplicate codes, the review tree, matrices,
co-occurrence. Pure reads through `Project`; no UI."""
