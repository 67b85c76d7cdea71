"""Tests of the headless course engine: model, loader, validator, grading and CLI."""
