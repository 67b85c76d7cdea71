"""Formats other tools use: Moodle GIFT for questions, xAPI for learning records.

Pure functions over typed records, apart from the model, the store and the UI (as
importers and exporters are in other well-kept tools), so a format can be added without
touching the engine.
"""
