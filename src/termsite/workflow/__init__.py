"""Running it: the full build, starting a new version, the garbage collector set for a batch job."""
