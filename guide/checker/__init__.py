"""The content checker behind scripts/check_content.py.

It judges what a reader gets: the rendered site, mapped back to the Markdown
source so every finding names a file and a line a contributor can open.
Each module has one job; each rule lives in rules/ under its stable id.
"""
