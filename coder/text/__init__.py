"""Pure text work, no storage: PDF-text repair, segmentation, lemmas, quotes, fuzzy matching."""
