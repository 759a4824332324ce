"""The trust boundary: contributed YAML, Markdown and HTML made safe, invisible characters,
publishable files, build state, the page policy.
"""
