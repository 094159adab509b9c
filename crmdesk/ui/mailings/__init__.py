"""Segments and DM mailings in the window: the segment builder, the mailing wizard, the
list of past mailings with their responses."""
