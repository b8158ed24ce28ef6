"""Edits to plan files that keep comments and layout: fix."""
