"""`mkdocs-runs-api generate`: the reference written into the site's `docs_dir` as ordinary
files, for site generators that do not run MkDocs plugins (Zensical) and any other that reads
Markdown.

`site` reads the plugin's options from `mkdocs.yml`; `owned` marks the files it writes and
plans what to write, keep and remove; `yaml_text` edits `mkdocs.yml` in place (the nav and the
stylesheet/script links); `run` puts them together; `switch` is what the plugin needs to take
the place of generated files when a site goes back to plugin mode.
"""
