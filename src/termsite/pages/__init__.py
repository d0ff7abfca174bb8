"""The site's pages: which pages exist, what each shows, the templates' helpers, UI strings, the content policy."""
