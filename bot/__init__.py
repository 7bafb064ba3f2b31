"""Unscripted: the Rasa side of the assistant (domain, CLI, channels, NLU components)."""
