"""Input channels for Rasa."""
