"""Sizes that decide how a debate file is read: here, apart from `loading` and
`parallel_read`, so that the command line can look at the files it is given before it
imports either (`parallel_read.prestart`)."""

MAX_FILE_BYTES = 128 * 1024 * 1024
"""Largest debate file we read; larger ones are refused. 100,000 claims are 73 MiB in TOML
and 87 MiB in JSON, which `check` reads in about 570 MiB of memory; 128 MiB is about
175,000 claims in TOML, 145,000 in JSON."""

PRESTART_FROM = 1024 * 1024
"""Canonical files a command names, of this size (about 1,300 claims) and up, are read on
two cores by a second process started before the command imports the model (0.15 s):
by the time the load begins, it has read the file (`parallel_read`)."""
