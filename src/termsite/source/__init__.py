"""Reading the version files: strict YAML with line numbers, what was typed is what is published, schema, model, checks, immutability."""
