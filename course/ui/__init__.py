"""The Textual interface: the learner app, the presenter, the class dashboard.

Screens for places, widgets for parts; nothing below this layer imports it.
"""
