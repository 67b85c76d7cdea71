"""Tests of the learner progress store (course.store)."""
