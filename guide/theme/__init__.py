"""What the theme gets beside a page's text: its review dates and links
(page_context), its schema.org facts (page_facts), the guide's inline
stylesheets (styles) and the glossary tooltips (glossary)."""
