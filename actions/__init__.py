"""Custom actions (rasa_sdk) and the pure rules they use."""
