"""The Backward Running Guide's own code, organised by how a page is made.

- records/: the evidence record (data/*.yml against schemas/*.json) and
  each page's front matter; reads files, imports nothing else of ours but
  errors.
- content/: what pages call (safety callouts, citations, listings, figures,
  the handout, the corrections log); takes plain values and the records.
- theme/: what the templates get beside the page's text (review dates, page
  facts, the inline styles, the glossary).
- boundary/: what keeps content to words (the page Jinja check, the HTML
  allowlist, the Content Security Policy, the symbolic-link guard).
- checker/: the content checker's rules, run on a built site.
- tools/: the commands (build, serve, PDFs, bench, new page, reports).

MkDocs and mkdocs-macros meet this package only in hooks/: small adapters
that hand it plain values and take plain values back.
"""
