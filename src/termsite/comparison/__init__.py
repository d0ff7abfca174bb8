"""Comparing two versions: the text diff, the comparison table's rows, every clause's history."""
