"""The website: one MkDocs plugin (`kaarten`) that turns the publication into pages.

`plugin.py` holds the events and the state of one build, `config.py` the typed options under
`plugins: - kaarten:` in mkdocs.yml; the modules beside them do the work for one kind of page
each (`cards`, `partner_pages`) plus the helpers they share (`pages`) and the PDF step
(`printed`). The plugin is registered as an entry point in pyproject.toml.
"""
