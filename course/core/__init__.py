"""Headless core: the content model, question kinds, grading and scoring. No UI, no storage."""
