"""Evaluation: the self-check questions a lesson carries and the before/after tallies of them.

This package holds the rules (what a question is, what a tally row may say, the shares a
report draws); the page, the lesson plan and the PDFs present them from `render/` and
`handouts/`, beside the other pages and documents.
"""
