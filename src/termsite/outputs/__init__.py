"""What leaves the site besides pages: machine-readable files, the search index, terminal and pull-request comparisons."""
