"""The places of the app: one screen each."""
