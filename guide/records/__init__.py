"""The records: the project's evidence record in data/, checked against schemas/.

store.Records reads the data files of one project; pages reads a page's
front matter; reviews holds the review-date rule; yaml_files the strict
YAML reading that all of them share. Nothing here imports MkDocs, the
macros or the theme: every other part of the guide reads its facts here.
"""
